'use client';

import { useState, type FormEvent } from 'react';
import type { ForgotPasswordResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { TextField } from '@/components/common/FormFields';

const SENT = 'If this email has an account, a link to set a new password is on its way. It works for one hour.';

/** Asks for a set-password link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    if (!email.trim()) {
      setError('Enter your email address.');
      return;
    }
    setBusy(true);
    try {
      const answer = await apiRequest<Partial<ForgotPasswordResponse> | null>('/auth/password/forgot', {
        method: 'POST',
        body: JSON.stringify({ email: email.trim() }),
      });
      setNotice(answer && typeof answer.message === 'string' ? answer.message : SENT);
    } catch (e) {
      // 429 (asked too often) and the rest: the API's sentence says what to do.
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="forgot-password-form">
      {error && (
        <div className="alert alert-error" role="alert" data-testid="forgot-password-error">
          {error}
        </div>
      )}
      {notice && (
        <div className="alert alert-ok" role="status" data-testid="forgot-password-notice">
          {notice}
        </div>
      )}
      <TextField
        id="forgot-email"
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        testId="forgot-password-email"
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="forgot-password-submit">
        {busy ? 'Sending…' : 'Email me a link'}
      </button>
    </form>
  );
}
