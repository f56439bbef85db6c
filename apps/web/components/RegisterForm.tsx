'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import { SelectField, TextField } from './FormFields';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function allTimeZones(): string[] {
  const withValues = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return withValues.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function RegisterForm({ apiUrl }: { apiUrl: string }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState('UTC');
  const [zones, setZones] = useState<string[]>(['UTC']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const detected = browserTimeZone();
    const list = allTimeZones();
    setZones(Array.from(new Set([...list, detected, 'UTC'])).sort());
    setTimeZone(detected);
  }, []);

  const passwordShort = useMemo(() => password.length > 0 && password.length < PASSWORD_MIN_LENGTH, [password]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`${apiUrl}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, email, password, timeZone }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setError(body?.error ?? `Creating the account failed (${response.status}). Please try again.`);
        setBusy(false);
        return;
      }
    } catch {
      setError('The service cannot be reached. Check your connection and try again.');
      setBusy(false);
      return;
    }
    const result = await signIn('credentials', { email, password, redirect: false, callbackUrl: '/patient' });
    window.location.assign(result && !result.error ? '/patient' : '/sign-in?registered=1');
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="register-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="register-error">
          {error}
        </div>
      )}
      <TextField id="reg-name" label="Full name" autoComplete="name" required value={name} onChange={setName} testId="register-name" />
      <TextField id="reg-email" label="Email" type="email" autoComplete="email" required value={email} onChange={setEmail} testId="register-email" />
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
