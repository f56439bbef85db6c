'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import { useChoosePassword, useMe } from '@/hooks/useAccount';
import { errorMessage } from '@/lib/api-client';
import { TextField } from '@/components/common/FormFields';

/**
 * "Keep your account": a patient brought in by a visit link (an account without a password)
 * chooses one here, twice, and from then on signs in with their email and it, to see every
 * visit. Shown only while the API says the account has no password.
 */
export function KeepAccountBox() {
  const me = useMe();
  const choose = useChoosePassword();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
  const error = problem ?? (choose.error ? errorMessage(choose.error) : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    choose.reset();
    if (password.length < PASSWORD_MIN_LENGTH) {
      setProblem(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    } else if (password !== repeat) {
      setProblem('The two passwords are not the same. Type the same password twice.');
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
      <h2 id="keep-account-title">Keep your account</h2>
      {done ? (
        <div ref={doneRef} tabIndex={-1} className="alert alert-ok" role="status" data-testid="choose-password-done">
          Your password is saved. From now on you can sign in with your email <strong data-testid="choose-password-email">{email}</strong>{' '}
          and this password to see all your visits and reports.
        </div>
      ) : (
        <>
          <p className="hint">
            You came in with the clinic’s link: it opens only this visit, until a week after it. Choose a password to sign in any time with
            your email <strong>{email}</strong> and see all your visits and reports.
          </p>
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
              label="Choose a password"
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              value={password}
              onChange={setPassword}
              testId="choose-password"
              hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
              hintIsError={tooShort}
            />
            <TextField
              id="keep-account-repeat"
              label="Repeat the password"
              name="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={setRepeat}
              testId="choose-password-repeat"
              hint={mismatch ? 'Not the same as above yet.' : undefined}
              hintIsError={mismatch}
            />
            <button type="submit" className="btn btn-primary" disabled={choose.isPending} data-testid="choose-password-submit">
              {choose.isPending ? 'Saving…' : 'Save my password'}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
