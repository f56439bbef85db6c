'use client';

import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { TextField } from '@/components/common/FormFields';

const NO_TOKEN = 'This link is incomplete. Open the link from your email again, or ask for a new one.';

/** A new password (typed twice) for the token of a set-password link; the API takes it once. */
export function SetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(token ? null : NO_TOKEN);
  const [linkFailed, setLinkFailed] = useState(!token);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const tooShort = password.length > 0 && password.length < PASSWORD_MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== password;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password.length < PASSWORD_MIN_LENGTH) {
      setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
      return;
    }
    if (password !== repeat) {
      setError('The two passwords are not the same. Type the same password twice.');
      return;
    }
    setBusy(true);
    try {
      await apiRequest<null>('/auth/password/reset', { method: 'POST', body: JSON.stringify({ token, password }) });
      setDone(true);
    } catch (e) {
      // A used, expired or unknown link: the API's sentence, and the way to a new link.
      setError(errorMessage(e));
      setLinkFailed(true);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="alert alert-ok" role="status" data-testid="set-password-done">
        Your password is set.{' '}
        <a href="/sign-in" data-testid="set-password-sign-in">
          Sign in
        </a>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="set-password-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="set-password-error">
          {error}
          {linkFailed && (
            <>
              {' '}
              <a href="/forgot-password" data-testid="set-password-forgot">
                Forgot password
              </a>
            </>
          )}
        </div>
      )}
      <TextField
        id="new-password"
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        value={password}
        onChange={setPassword}
        testId="set-password-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        hintIsError={tooShort}
      />
      <TextField
        id="repeat-password"
        label="Repeat the password"
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={setRepeat}
        testId="set-password-repeat"
        hint={mismatch ? 'Not the same as above yet.' : undefined}
        hintIsError={mismatch}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy || !token} data-testid="set-password-submit">
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
