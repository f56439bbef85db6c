'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type RegisterResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { checkEmail, checkName, checkNewPassword, formValue, problemsOf } from '@/lib/field-checks';
import { allTimeZones, browserTimeZone } from '@/lib/time-zones';
import { FormErrorSummary, SelectField, TextField, useFormProblems } from '@/components/common/FormFields';

/** The form's fields by the API's names (in the form's order), with their labels: a refused field is said on it. */
const INPUT_ID = { name: 'reg-name', email: 'reg-email', password: 'reg-password', timeZone: 'reg-tz' } as const;
const LABELS = { name: 'Full name', email: 'Email', password: 'Password', timeZone: 'Time zone' } as const;

export function RegisterForm() {
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
    if (show(problemsOf({ name: checkName(name), email: checkEmail(email), password: checkNewPassword(password) }))) return;
    setBusy(true);
    let message: string | null;
    try {
      // 202 { message } whether or not the email already had an account (nobody learns who is a
      // patient here); an older API answered 201 with a token, which is fine too.
      const answer = await apiRequest<Partial<RegisterResponse> | null>('/auth/register', {
        method: 'POST',
        body: JSON.stringify({ name, email, password, timeZone }),
      });
      message = answer && typeof answer.message === 'string' ? answer.message : null;
    } catch (e) {
      setBusy(false);
      showRefusal(e, LABELS);
      return;
    }
    const result = await signIn('credentials', { email, password, redirect: false, callbackUrl: '/patient' });
    if (result && !result.error) {
      window.location.assign('/patient');
      return;
    }
    // The account could not be signed into with this password (the email may have had an account
    // already): the API's neutral sentence, and the way to sign in.
    setNotice(message ?? 'If this email can be used, your account is ready. Please sign in.');
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
          {notice} <a href={`/sign-in?callbackUrl=${encodeURIComponent('/patient')}`}>Sign in</a>
        </div>
      )}
      <TextField
        id={INPUT_ID.name}
        label={LABELS.name}
        name="name"
        autoComplete="name"
        required
        error={problems.name}
        testId="register-name"
      />
      <TextField
        id={INPUT_ID.email}
        label={LABELS.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
        testId="register-email"
      />
      <TextField
        id={INPUT_ID.password}
        label={LABELS.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        onChange={(value) => setPasswordShort(value.length > 0 && value.length < PASSWORD_MIN_LENGTH)}
        error={problems.password}
        testId="register-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        hintIsError={passwordShort && !problems.password}
      />
      <SelectField
        id={INPUT_ID.timeZone}
        label={LABELS.timeZone}
        name="timeZone"
        value={timeZone}
        onChange={setTimeZone}
        options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        error={problems.timeZone}
        testId="register-timezone"
        hint="Visit times are shown in this zone. We picked it from your device."
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="register-submit">
        {busy ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
