'use client';

import { useState, type FormEvent } from 'react';
import type { StaffRole } from '@telehealth/contracts';
import { useInviteStaff } from '@/hooks/useStaff';
import { errorMessage } from '@/lib/api-client';
import { SelectField, TextField } from '@/components/common/FormFields';

const ROLE_OPTIONS: Array<{ value: StaffRole; label: string }> = [
  { value: 'DOCTOR', label: 'Doctor' },
  { value: 'ADMIN', label: 'Admin' },
];

/** Invites a doctor or an admin: the API emails them a link to set their password (valid 72 hours). */
export function InviteStaffForm() {
  const invite = useInviteStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('DOCTOR');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!name.trim() || !email.trim()) {
      setError('Enter the name and the email of the person to invite.');
      return;
    }
    invite.mutate(
      { name: name.trim(), email: email.trim(), role },
      {
        onSuccess: (member) => {
          setNotice(`${member.name} is invited. The email with the link to set a password is on its way (it works for 72 hours).`);
          setName('');
          setEmail('');
          setRole('DOCTOR');
        },
        // 409 (the email has an account) and the rest: the API's sentence.
        onError: (e) => setError(errorMessage(e)),
      },
    );
  }

  return (
    <section className="card" aria-labelledby="invite-staff-title" data-testid="invite-staff">
      <div className="card-head">
        <h2 id="invite-staff-title">Invite staff</h2>
      </div>
      <form onSubmit={onSubmit} noValidate data-testid="invite-staff-form">
        {error && (
          <div className="alert alert-error" role="alert" data-testid="invite-staff-error">
            {error}
          </div>
        )}
        {notice && (
          <div className="alert alert-ok" role="status" data-testid="invite-staff-notice">
            {notice}
          </div>
        )}
        <TextField id="invite-name" label="Full name" autoComplete="off" required value={name} onChange={setName} testId="invite-name" />
        <TextField
          id="invite-email"
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
          testId="invite-email"
        />
        <SelectField
          id="invite-role"
          label="Role"
          value={role}
          onChange={(value) => setRole(value === 'ADMIN' ? 'ADMIN' : 'DOCTOR')}
          options={ROLE_OPTIONS}
          testId="invite-role"
          hint="Admins manage staff and see the clinic overview; doctors hold visits."
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={invite.isPending} data-testid="invite-submit">
          {invite.isPending ? 'Inviting…' : 'Send invitation'}
        </button>
      </form>
    </section>
  );
}
