'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import { useChoosePassword, useMe } from '@/hooks/useAccount';
import { errorReason } from '@/lib/api-client';
import type { Translator } from '@/i18n/translator';
import { TextField } from '@/components/common/FormFields';
import { historyError } from '@/components/history/errors';

/** Why the password was not saved: one already chosen (409), a guest who has no account (403), a password the API would not take. */
function chooseError(error: unknown, t: Translator<'history'>, common: Translator<'common'>): string {
  switch (errorReason(error)) {
    case 'conflict':
      return t('errors.hasPassword');
    case 'forbidden':
      return t('errors.guestHasNoPassword');
    case 'validation_failed':
      return t('keepAccount.tooShort', { min: PASSWORD_MIN_LENGTH });
    default:
      return historyError(error, t, common);
  }
}

/**
 * "Keep your account": a patient brought in by a visit link (an account without a password)
 * chooses one here, twice, and from then on signs in with their email and it, to see every
 * visit. Shown only while the API says the account has no password.
 */
export function KeepAccountBox() {
  const t = useTranslations('history');
  const common = useTranslations('common');
  const me = useMe();
  const choose = useChoosePassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'tooShort' | 'notSame' | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const done = choose.isSuccess;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (!done && me.data?.hasPassword !== false) return null;
  const email = me.data?.email ?? '';

  const tooShort = password.length > 0 && password.length < PASSWORD_MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== password;
  const error =
    problem === 'tooShort'
      ? t('keepAccount.tooShort', { min: PASSWORD_MIN_LENGTH })
      : problem === 'notSame'
        ? t('keepAccount.notSame')
        : choose.error
          ? chooseError(choose.error, t, common)
          : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    choose.reset();
    if (password.length < PASSWORD_MIN_LENGTH) {
      setProblem('tooShort');
    } else if (password !== repeat) {
      setProblem('notSame');
    } else if (
      await choose.mutateAsync(password).then(
        () => true,
        () => false,
      )
    ) {
      return;
    }
    firstRef.current?.focus();
  }

  return (
    <section className="card record-account" aria-labelledby="keep-account-title" data-testid="keep-account">
      <h2 id="keep-account-title">{t('keepAccount.title')}</h2>
      {done ? (
        <div ref={doneRef} tabIndex={-1} className="alert alert-ok" role="status" data-testid="choose-password-done">
          {t.rich('keepAccount.done', {
            email,
            strong: (chunks) => <strong data-testid="choose-password-email">{chunks}</strong>,
          })}
        </div>
      ) : (
        <>
          <p className="hint">{t.rich('keepAccount.intro', { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <form onSubmit={onSubmit} noValidate data-testid="choose-password-form">
            {error && (
              <div className="alert alert-error" role="alert" data-testid="choose-password-error">
                {error}
              </div>
            )}
            {/* The account's email beside the new password, so a password manager saves the pair. */}
            <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
            <TextField
              ref={firstRef}
              id="keep-account-password"
              label={t('keepAccount.password')}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              value={password}
              onChange={setPassword}
              testId="choose-password"
              hint={t('keepAccount.passwordHint', { min: PASSWORD_MIN_LENGTH })}
              hintIsError={tooShort}
            />
            <TextField
              id="keep-account-repeat"
              label={t('keepAccount.repeat')}
              name="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={setRepeat}
              testId="choose-password-repeat"
              hint={mismatch ? t('keepAccount.repeatHint') : undefined}
              hintIsError={mismatch}
            />
            <button type="submit" className="btn btn-primary" disabled={choose.isPending} data-testid="choose-password-submit">
              {choose.isPending ? t('keepAccount.saving') : t('keepAccount.save')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
