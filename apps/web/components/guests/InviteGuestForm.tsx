'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { isLanguage, type GuestRole, type InviteGuestResponse, type Language } from '@telehealth/contracts';
import { useInviteGuest } from '@/hooks/useVisitGuests';
import { LANGUAGE_OPTIONS, SelectField, TextField } from '@/components/common/FormFields';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { guestRefusalText } from '@/components/guests/guest-refusals';

export interface InvitedGuest extends InviteGuestResponse {
  name: string;
  role: GuestRole;
  email: string | null;
}

/** The parts a guest can play, in the order the form offers them. */
const GUEST_ROLES: readonly GuestRole[] = ['INTERPRETER', 'CAREGIVER', 'CLINICIAN', 'OTHER'];

function isGuestRole(value: string): value is GuestRole {
  return (GUEST_ROLES as readonly string[]).includes(value);
}

/** Each language by its own name, as its speakers write it. */

/**
 * The doctor invites someone into the visit: a name, their part in it, the language of their email
 * and call screen (the doctor's own unless changed) and, if they want it sent, an email.
 */
export function InviteGuestForm({ appointmentId, onInvited }: { appointmentId: string; onInvited: (guest: InvitedGuest) => void }) {
  const t = useTranslations('guests');
  const common = useTranslations('common');
  const doctorLanguage = useSignedIn().user.language;
  const invite = useInviteGuest(appointmentId);
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<GuestRole>('INTERPRETER');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<Language>(doctorLanguage);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError(t('form.enterName'));
      nameRef.current?.focus();
      return;
    }
    const guest = { name: name.trim(), role, language, ...(email.trim() ? { email: email.trim() } : {}) };
    invite.mutate(guest, {
      onSuccess: (invited) => {
        onInvited({ ...invited, name: guest.name, role, email: guest.email ?? null });
        setName('');
        setEmail('');
        setRole('INTERPRETER');
        setLanguage(doctorLanguage);
      },
      // Said by the refusal's reason: a full visit, a bad email, a visit that is over.
      onError: (e) => setError(guestRefusalText(t, common, e, 'invite')),
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
          label={t('form.name')}
          autoComplete="off"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          testId="guest-name"
        />
        <SelectField
          id={`${id}-role`}
          label={t('form.role')}
          value={role}
          onChange={(value) => isGuestRole(value) && setRole(value)}
          options={GUEST_ROLES.map((value) => ({ value, label: t(`roles.choice.${value}`) }))}
          testId="guest-role"
        />
      </div>
      <TextField
        id={`${id}-email`}
        label={t('form.email')}
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        testId="guest-email"
        hint={t('form.emailHint')}
      />
      <SelectField
        id={`${id}-language`}
        label={t('form.language')}
        value={language}
        onChange={(value) => isLanguage(value) && setLanguage(value)}
        options={LANGUAGE_OPTIONS}
        testId="guest-language"
        hint={t('form.languageHint')}
      />
      <button type="submit" className="btn btn-primary" disabled={invite.isPending} data-testid="invite-guest-submit">
        {invite.isPending ? t('form.inviting') : t('form.submit')}
      </button>
    </form>
  );
}
