'use client';

import { useState, type FormEvent } from 'react';
import { SessionProvider, useSession } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { isLanguage, type UpdateProfileRequest, type UserResponse } from '@telehealth/contracts';
import { FormErrorSummary, LANGUAGE_OPTIONS, SelectField, TextField, useFormProblems } from '@/components/common/FormFields';
import { formValue } from '@/lib/field-checks';
import { allTimeZones } from '@/lib/time-zones';
import { useUpdateProfile } from '@/hooks/useProfile';

const INPUT_ID = { name: 'profile-name', timeZone: 'profile-time-zone', language: 'profile-language' } as const;

/** Only what differs from the account as it is: an unchanged form sends nothing. */
function changesOf(user: Pick<UserResponse, 'name' | 'timeZone' | 'language'>, form: HTMLFormElement): UpdateProfileRequest {
  const name = formValue(form, 'name').trim();
  const timeZone = formValue(form, 'timeZone');
  const language = formValue(form, 'language');
  return {
    ...(name !== user.name ? { name } : {}),
    ...(timeZone !== user.timeZone ? { timeZone } : {}),
    ...(isLanguage(language) && language !== user.language ? { language } : {}),
  };
}

/**
 * Name, time zone and language of the signed-in person. A change of language or time zone applies
 * at once: the session is refreshed from the API (next-auth's `update`) and the page rendered again.
 */
function ProfileFields({ user }: { user: Pick<UserResponse, 'name' | 'timeZone' | 'language'> }) {
  const t = useTranslations('profile');
  const router = useRouter();
  const { update } = useSession();
  const save = useUpdateProfile();
  const { problems, summary, summaryRef, show, showRefusal } = useFormProblems(INPUT_ID);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [language, setLanguage] = useState<string>(user.language);
  const [saved, setSaved] = useState(false);
  const labels = { name: t('name'), timeZone: t('timeZone'), language: t('language') };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const changes = changesOf(user, event.currentTarget);
    if (changes.name === '') {
      show({ name: t('nameRequired') });
      return;
    }
    show({});
    if (Object.keys(changes).length === 0) {
      setSaved(true);
      return;
    }
    try {
      await save.mutateAsync(changes);
      await update();
      setSaved(true);
      router.refresh();
    } catch (error) {
      showRefusal(error, labels);
    }
  }

  return (
    <form className="card profile-card" onSubmit={onSubmit} noValidate data-testid="profile-form">
      {summary && (
        <FormErrorSummary ref={summaryRef} testId="profile-error">
          {summary}
        </FormErrorSummary>
      )}
      <TextField
        id={INPUT_ID.name}
        name="name"
        label={labels.name}
        defaultValue={user.name}
        autoComplete="name"
        required
        maxLength={120}
        dir="auto"
        error={problems.name}
        testId="profile-name"
      />
      <SelectField
        id={INPUT_ID.timeZone}
        name="timeZone"
        label={labels.timeZone}
        value={timeZone}
        onChange={setTimeZone}
        options={allTimeZones(user.timeZone).map((zone) => ({ value: zone, label: zone }))}
        hint={t('timeZoneHint')}
        error={problems.timeZone}
        testId="profile-time-zone"
      />
      <SelectField
        id={INPUT_ID.language}
        name="language"
        label={labels.language}
        value={language}
        onChange={setLanguage}
        options={LANGUAGE_OPTIONS}
        hint={t('languageHint')}
        error={problems.language}
        testId="profile-language"
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="profile-save">
          {save.isPending ? t('saving') : t('save')}
        </button>
        <span role="status" className="hint" data-testid="profile-saved">
          {saved ? t('saved') : ''}
        </span>
      </div>
    </form>
  );
}

export function ProfileForm({ user }: { user: Pick<UserResponse, 'name' | 'timeZone' | 'language'> }) {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <ProfileFields user={user} />
    </SessionProvider>
  );
}
