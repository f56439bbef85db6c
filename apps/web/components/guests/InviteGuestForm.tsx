'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { GuestRole, InviteGuestResponse } from '@telehealth/contracts';
import { useInviteGuest } from '@/hooks/useVisitGuests';
import { errorMessage } from '@/lib/api-client';
import { GUEST_ROLE_CHOICES } from '@/lib/participants';
import { SelectField, TextField } from '@/components/common/FormFields';

export interface InvitedGuest extends InviteGuestResponse {
  name: string;
  role: GuestRole;
  email: string | null;
}

function isGuestRole(value: string): value is GuestRole {
  return GUEST_ROLE_CHOICES.some((choice) => choice.value === value);
}

/** The doctor invites someone into the visit: a name, their part in it and, if they want it sent, an email. */
export function InviteGuestForm({ appointmentId, onInvited }: { appointmentId: string; onInvited: (guest: InvitedGuest) => void }) {
  const invite = useInviteGuest(appointmentId);
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<GuestRole>('INTERPRETER');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError('Enter the name of the person to invite.');
      nameRef.current?.focus();
      return;
    }
    const guest = { name: name.trim(), role, ...(email.trim() ? { email: email.trim() } : {}) };
    invite.mutate(guest, {
      onSuccess: (invited) => {
        onInvited({ ...invited, name: guest.name, role, email: guest.email ?? null });
        setName('');
        setEmail('');
        setRole('INTERPRETER');
      },
      // The API's sentence: a full visit, a bad email, a visit that is over.
      onError: (e) => setError(errorMessage(e)),
    });
  }

  return (
    <form className="invite-guest-form" onSubmit={onSubmit} noValidate data-testid="invite-guest-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="invite-guest-error">
          {error}
        </div>
      )}
      <div className="invite-guest-fields">
        <TextField
          ref={nameRef}
          id={`${id}-name`}
          label="Name"
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          testId="guest-name"
        />
        <SelectField
          id={`${id}-role`}
          label="Joins as"
          value={role}
          onChange={(value) => isGuestRole(value) && setRole(value)}
          options={[...GUEST_ROLE_CHOICES]}
          testId="guest-role"
        />
      </div>
      <TextField
        id={`${id}-email`}
        label="Email (optional)"
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        testId="guest-email"
        hint="We email them the link. Without an email, copy the link and send it yourself."
      />
      <button type="submit" className="btn btn-primary" disabled={invite.isPending} data-testid="invite-guest-submit">
        {invite.isPending ? 'Inviting…' : 'Invite guest'}
      </button>
    </form>
  );
}
