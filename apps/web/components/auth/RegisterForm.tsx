'use client';

import { signIn } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type RegisterResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { checkEmail, checkName, checkNewPassword, formValue, problemsOf } from '@/lib/field-checks';
import { allTimeZones, browserTimeZone } from '@/lib/time-zones';
import { FormErrorSummary, SelectField, TextField, useFormProblems } from '@/components/common/FormFields';

/** The form's fields by the API's names (in the form's order); their labels name a refused field on it. */
const INPUT_ID = { name: 'reg-name', email: 'reg-email', password: 'reg-password', timeZone: 'reg-tz' } as const;

/**
 * A new patient's account. Its language is the page's (the visitor picks it on this page, it starts
 * at the browser's): what the app and the clinic's emails then speak to them in.
 */
export function RegisterForm() {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  const language = useLocale();
  const labels = {
    name: t('registerForm.name'),
    email: t('registerForm.email'),
    password: t('registerForm.password'),
    timeZone: t('registerForm.timeZone'),
  };
  const [timeZone, setTimeZone] = useState('UTC');
  const [zones, setZones] = useState<string[]>(['UTC']);
  // Only for the hint while typing; what is sent is read from the form itself.
  const [passwordShort, setPasswordShort] = useState(false);
  const { problems, summary, summaryRef, show, showRefusal } = useFormProblems(INPUT_ID);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const detected = browserTimeZone();
    setZones(allTimeZones(detected));
    setTimeZone(detected);
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = formValue(form, 'name').trim();
    const email = formValue(form, 'email').trim();
    const password = formValue(form, 'password');
    setNotice(null);
    if (
      show(problemsOf({ name: checkName(name, common), email: checkEmail(email, common), password: checkNewPassword(password, common) }))
    ) {
      return;
    }
    setBusy(true);
    let message: string | null;
    try {
      // 202 { message } whether or not the email already had an account (nobody learns who is a
      // patient here); an older API answered 201 with a token, which is fine too.
      const answer = await apiRequest<Partial<RegisterResponse> | null>('/auth/register', {
        method: 'POST',
        body: JSON.stringify({ name, email, password, timeZone, language }),
      });
      message = answer && typeof answer.message === 'string' ? answer.message : null;
    } catch (e) {
      setBusy(false);
      showRefusal(e, labels);
      return;
    }
    const result = await signIn('credentials', { email, password, redirect: false, callbackUrl: '/patient' });
    if (result && !result.error) {
      window.location.assign('/patient');
      return;
    }
    // The account could not be signed into with this password (the email may have had an account
    // already): the API's neutral sentence (on an English page; the catalogue's otherwise), and the way to sign in.
    setNotice(language === 'en' && message ? message : t('registerForm.ready'));
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-testid="register-form">
      {summary && (
        <FormErrorSummary ref={summaryRef} testId="register-error">
          {summary}
        </FormErrorSummary>
      )}
      {notice && (
        <div className="alert alert-info" role="status" data-testid="register-notice">
          {notice} <a href={`/sign-in?callbackUrl=${encodeURIComponent('/patient')}`}>{t('registerForm.signIn')}</a>
        </div>
      )}
      <TextField
        id={INPUT_ID.name}
        label={labels.name}
        name="name"
        autoComplete="name"
        required
        error={problems.name}
        testId="register-name"
      />
      <TextField
        id={INPUT_ID.email}
        label={labels.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
        testId="register-email"
      />
      <TextField
        id={INPUT_ID.password}
        label={labels.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        onChange={(value) => setPasswordShort(value.length > 0 && value.length < PASSWORD_MIN_LENGTH)}
        error={problems.password}
        testId="register-password"
        hint={t('registerForm.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        hintIsError={passwordShort && !problems.password}
      />
      <SelectField
        id={INPUT_ID.timeZone}
        label={labels.timeZone}
        name="timeZone"
        value={timeZone}
        onChange={setTimeZone}
        options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        error={problems.timeZone}
        testId="register-timezone"
        hint={t('registerForm.timeZoneHint')}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="register-submit">
        {busy ? t('registerForm.busy') : t('registerForm.submit')}
      </button>
    </form>
  );
}
