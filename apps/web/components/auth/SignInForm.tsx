'use client';

import { signIn } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { checkEmail, checkPassword, formValue, problemsOf } from '@/lib/field-checks';
import { safeCallbackPath } from '@/lib/safe-callback';
import { signInErrorSentence } from '@/lib/sign-in-errors';
import { FormErrorSummary, TextField, useFormProblems } from '@/components/common/FormFields';

const INPUT_ID = { email: 'email', password: 'password' } as const;

/**
 * Email and password, checked here first (an empty or misshapen email is named on its field), then
 * by next-auth against the API. The inputs hold their own values and are read on submit, so what a
 * person typed before the page's JavaScript took over is what is sent.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  const language = useLocale();
  const { problems, summary, summaryRef, show } = useFormProblems(INPUT_ID);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formValue(event.currentTarget, 'email').trim();
    const password = formValue(event.currentTarget, 'password');
    if (show(problemsOf({ email: checkEmail(email, common), password: checkPassword(password, common) }))) return;
    setBusy(true);
    // The page already checked it; checked again here so no other caller can hand this form a way off the site.
    const destination = safeCallbackPath(callbackUrl, '/');
    const result = await signIn('credentials', { email, password, redirect: false, callbackUrl: destination });
    if (!result || result.error) {
      setBusy(false);
      // authorize() throws what the API said (tries running out, paused, unreachable) as the error; no result is a mismatch too.
      show({}, signInErrorSentence(result?.error, t, language));
      return;
    }
    window.location.assign(destination);
  }

  // method="post": pressed before the page's JavaScript runs, the form posts back to this page
  // (which shows it again) instead of putting the password into the address as a GET would.
  return (
    <form onSubmit={onSubmit} method="post" noValidate data-testid="sign-in-form">
      {summary && (
        <FormErrorSummary ref={summaryRef} testId="sign-in-error">
          {summary}
        </FormErrorSummary>
      )}
      <TextField
        id={INPUT_ID.email}
        label={t('signInForm.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={problems.email}
        testId="sign-in-email"
      />
      <TextField
        id={INPUT_ID.password}
        label={t('signInForm.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={problems.password}
        testId="sign-in-password"
      />
      <p className="forgot-link">
        <a href="/forgot-password" data-testid="sign-in-forgot">
          {t('signInForm.forgot')}
        </a>
      </p>
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="sign-in-submit">
        {busy ? t('signInForm.busy') : t('signInForm.submit')}
      </button>
    </form>
  );
}
