'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { DEFAULT_LANGUAGE, isLanguage, type Language, type StaffRole } from '@telehealth/contracts';
import { useInviteStaff } from '@/hooks/useStaff';
import { LANGUAGE_OPTIONS, SelectField, TextField } from '@/components/common/FormFields';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { inviteError } from '@/components/admin/errors';

// Each language by its own name, as its speakers write it.

/** Invites a doctor or an admin: the API emails them a link to set their password (valid 72 hours), in the language chosen here. */
export function InviteStaffForm() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  // The invitation is written in the admin's own language unless they choose another (a session from before
  // accounts had a language carries none).
  const signedInLanguage = useSignedIn().user.language;
  const ownLanguage: Language = isLanguage(signedInLanguage) ? signedInLanguage : DEFAULT_LANGUAGE;
  const invite = useInviteStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('DOCTOR');
  const [language, setLanguage] = useState<Language>(ownLanguage);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const roleOptions: Array<{ value: StaffRole; label: string }> = [
    { value: 'DOCTOR', label: t('roles.DOCTOR') },
    { value: 'ADMIN', label: t('roles.ADMIN') },
  ];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!name.trim() || !email.trim()) {
      setError(t('invite.missing'));
      return;
    }
    invite.mutate(
      { name: name.trim(), email: email.trim(), role, language },
      {
        onSuccess: (member) => {
          setNotice(t('invite.invited', { name: member.name }));
          setName('');
          setEmail('');
          setRole('DOCTOR');
          setLanguage(ownLanguage);
        },
        // 409 (the email has an account) and the rest, in the page's language.
        onError: (e) => setError(inviteError(e, t, common)),
      },
    );
  }

  return (
    <section className="card" aria-labelledby="invite-staff-title" data-testid="invite-staff">
      <div className="card-head">
        <h2 id="invite-staff-title">{t('invite.title')}</h2>
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
        <TextField
          id="invite-name"
          label={t('invite.name')}
          autoComplete="off"
          required
          value={name}
          onChange={setName}
          testId="invite-name"
        />
        <TextField
          id="invite-email"
          label={t('invite.email')}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={setEmail}
          testId="invite-email"
        />
        <SelectField
          id="invite-role"
          label={t('invite.role')}
          value={role}
          onChange={(value) => setRole(value === 'ADMIN' ? 'ADMIN' : 'DOCTOR')}
          options={roleOptions}
          testId="invite-role"
          hint={t('invite.roleHint')}
        />
        <SelectField
          id="invite-language"
          label={t('invite.language')}
          value={language}
          onChange={(value) => setLanguage(isLanguage(value) ? value : ownLanguage)}
          options={LANGUAGE_OPTIONS}
          testId="staff-language"
          hint={t('invite.languageHint')}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={invite.isPending} data-testid="invite-submit">
          {invite.isPending ? t('invite.inviting') : t('invite.submit')}
        </button>
      </form>
    </section>
  );
}
