'use client';

import { useState, type FormEvent } from 'react';
import type { ForgotPasswordResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { checkEmail, formValue, problemsOf } from '@/lib/field-checks';
import { FormErrorSummary, TextField, useFormProblems } from '@/components/common/FormFields';

const SENT = 'If this email has an account, a link to set a new password is on its way. It works for one hour.';
const INPUT_ID = { email: 'forgot-email' } as const;
const LABELS = { email: 'Email' } as const;

/** Asks for a set-password link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const { problems, summary, summaryRef, show, showRefusal } = useFormProblems(INPUT_ID);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formValue(event.currentTarget, 'email').trim();
    setNotice(null);
    if (show(problemsOf({ email: checkEmail(email) }))) return;
    setBusy(true);
    try {
      const answer = await apiRequest<Partial<ForgotPasswordResponse> | null>('/auth/password/forgot', {
        method: 'POST',
        body: JSON.stringify({ email }),
      });
      setNotice(answer && typeof answer.message === 'string' ? answer.message : SENT);
    } catch (e) {
      // 429 (asked too often) and the rest: the API's sentence says what to do.
      showRefusal(e, LABELS);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-testid="forgot-password-form">
      {summary && (
        <FormErrorSummary ref={summaryRef} testId="forgot-password-error">
          {summary}
        </FormErrorSummary>
      )}
      {notice && (
        <div className="alert alert-ok" role="status" data-testid="forgot-password-notice">
          {notice}
        </div>
      )}
      <TextField
        id={INPUT_ID.email}
        label={LABELS.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
        testId="forgot-password-email"
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="forgot-password-submit">
        {busy ? 'Sending…' : 'Email me a link'}
      </button>
    </form>
  );
}
