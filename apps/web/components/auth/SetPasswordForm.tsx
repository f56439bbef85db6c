'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { checkNewPassword, checkRepeat, formValue, problemsOf } from '@/lib/field-checks';
import { FormErrorSummary, TextField, useFormProblems } from '@/components/common/FormFields';

const INPUT_ID = { password: 'new-password', repeat: 'repeat-password' } as const;

/** A new password (typed twice) for the token of a set-password link; the API takes it once. */
export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  /** The API's name of the one field it can refuse here; any other refusal (the link's token) is the link's. */
  const labels = { password: t('setPasswordForm.password') };
  const { problems, summary, summaryRef, show, showRefusal } = useFormProblems(INPUT_ID);
  // Only for the hints while typing; what is sent is read from the form itself.
  const [typed, setTyped] = useState({ password: '', repeat: '' });
  const [linkFailed, setLinkFailed] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const tooShort = typed.password.length > 0 && typed.password.length < PASSWORD_MIN_LENGTH;
  const mismatch = typed.repeat.length > 0 && typed.repeat !== typed.password;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formValue(event.currentTarget, 'password');
    const repeat = formValue(event.currentTarget, 'repeat');
    if (show(problemsOf({ password: checkNewPassword(password, common), repeat: checkRepeat(password, repeat, common) }))) return;
    setBusy(true);
    try {
      await apiRequest<null>('/auth/password/reset', { method: 'POST', body: JSON.stringify({ token, password }) });
      setDone(true);
    } catch (e) {
      setBusy(false);
      // A used, expired or unknown link: the API's sentence, and the way to a new link.
      setLinkFailed(showRefusal(e, labels).summary !== null);
    }
  }

  if (done) {
    return (
      <div className="alert alert-ok" role="status" data-testid="set-password-done">
        {t.rich('setPasswordForm.done', {
          link: (chunks) => (
            <a href="/sign-in" data-testid="set-password-sign-in">
              {chunks}
            </a>
          ),
        })}
      </div>
    );
  }

  const sentence = token ? summary : t('setPasswordForm.noToken');
  return (
    <form onSubmit={onSubmit} method="post" noValidate data-testid="set-password-form">
      {sentence && (
        <FormErrorSummary ref={summaryRef} testId="set-password-error">
          {sentence}
          {(linkFailed || !token) && (
            <>
              {' '}
              <a href="/forgot-password" data-testid="set-password-forgot">
                {t('setPasswordForm.forgot')}
              </a>
            </>
          )}
        </FormErrorSummary>
      )}
      <TextField
        id={INPUT_ID.password}
        label={labels.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        onChange={(password) => setTyped((was) => ({ ...was, password }))}
        error={problems.password}
        testId="set-password-password"
        hint={t('setPasswordForm.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        hintIsError={tooShort && !problems.password}
      />
      <TextField
        id={INPUT_ID.repeat}
        label={t('setPasswordForm.repeat')}
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
        onChange={(repeat) => setTyped((was) => ({ ...was, repeat }))}
        error={problems.repeat}
        testId="set-password-repeat"
        hint={mismatch && !problems.repeat ? t('setPasswordForm.notSameYet') : undefined}
        hintIsError={mismatch}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token} data-testid="set-password-submit">
        {busy ? t('setPasswordForm.busy') : t('setPasswordForm.submit')}
      </button>
    </form>
  );
}
