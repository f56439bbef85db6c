'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { safeCallbackPath } from '@/lib/safe-callback';
import { TextField } from '@/components/common/FormFields';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // The page already checked it; checked again here so no other caller can hand this form a way off the site.
    const destination = safeCallbackPath(callbackUrl, '/');
    const result = await signIn('credentials', { email, password, redirect: false, callbackUrl: destination });
    if (!result || result.error) {
      setBusy(false);
      setError(
        !result || result.error === 'CredentialsSignin'
          ? 'That email and password do not match an account. Check them and try again.'
          : // authorize() throws the API's sentences (one try left, paused, unreachable) as the error.
            result.error,
      );
      return;
    }
    window.location.assign(destination);
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="sign-in-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="sign-in-error">
          {error}
        </div>
      )}
      <TextField
        id="email"
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        testId="sign-in-email"
      />
      <TextField
        id="password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
        testId="sign-in-password"
      />
      <p className="forgot-link">
        <a href="/forgot-password" data-testid="sign-in-forgot">
          Forgot password?
        </a>
      </p>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="sign-in-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
