'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { ForgotPasswordResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { checkEmail, formValue, problemsOf } from '@/lib/field-checks';
import { FormErrorSummary, TextField, useFormProblems } from '@/components/common/FormFields';

const INPUT_ID = { email: 'forgot-email' } as const;

/** Asks for a set-password link; the answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  const language = useLocale();
  const labels = { email: t('forgotPasswordForm.email') };
  const { problems, summary, summaryRef, show, showRefusal } = useFormProblems(INPUT_ID);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formValue(event.currentTarget, 'email').trim();
    setNotice(null);
    if (show(problemsOf({ email: checkEmail(email, common) }))) return;
    setBusy(true);
    try {
      const answer = await apiRequest<Partial<ForgotPasswordResponse> | null>('/auth/password/forgot', {
        method: 'POST',
        body: JSON.stringify({ email }),
      });
      // The API's own sentence on an English page (the API writes English), the catalogue's otherwise.
      const said = answer && typeof answer.message === 'string' ? answer.message : null;
      setNotice(language === 'en' && said ? said : t('forgotPasswordForm.sent'));
    } catch (e) {
      // 429 (asked too often) and the rest: the API's sentence (or its reason, in words) says what to do.
      showRefusal(e, labels);
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
        label={labels.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
        testId="forgot-password-email"
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="forgot-password-submit">
        {busy ? t('forgotPasswordForm.busy') : t('forgotPasswordForm.submit')}
      </button>
    </form>
  );
}
