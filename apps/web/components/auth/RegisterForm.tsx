'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type RegisterResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { allTimeZones, browserTimeZone } from '@/lib/time-zones';
import { SelectField, TextField } from '@/components/common/FormFields';

export function RegisterForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [zones, setZones] = useState<string[]>(['UTC']);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const detected = browserTimeZone();
    setZones(allTimeZones(detected));
    setTimeZone(detected);
  }, []);

  const passwordShort = useMemo(() => password.length > 0 && password.length < PASSWORD_MIN_LENGTH, [password]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
      return;
    }
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
      setError(errorMessage(e));
      setBusy(false);
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
    <form onSubmit={onSubmit} noValidate data-testid="register-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="register-error">
          {error}
        </div>
      )}
      {notice && (
        <div className="alert alert-info" role="status" data-testid="register-notice">
          {notice} <a href={`/sign-in?callbackUrl=${encodeURIComponent('/patient')}`}>Sign in</a>
        </div>
      )}
      <TextField id="reg-name" label="Full name" autoComplete="name" required value={name} onChange={setName} testId="register-name" />
      <TextField
        id="reg-email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        testId="register-email"
      />
      <TextField
        id="reg-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        value={password}
        onChange={setPassword}
        testId="register-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        hintIsError={passwordShort}
      />
      <SelectField
        id="reg-tz"
        label="Time zone"
        value={timeZone}
        onChange={setTimeZone}
        options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        testId="register-timezone"
        hint="Visit times are shown in this zone. We picked it from your device."
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="register-submit">
        {busy ? 'Creating account…' : 'Create account'}
      </button>
    </form>
  );
}
