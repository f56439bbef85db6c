'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { normalizeVisitCode, VISIT_CODE_ALPHABET, VISIT_CODE_LENGTH, type Role } from '@telehealth/contracts';
import { useVisitLinkSignIn } from '@/hooks/useVisitLinkSignIn';
import type { Translator } from '@/i18n/translator';
import { VISIT_CODE_EXAMPLE, visitLinkSentence } from '@/lib/visit-link-error';
import { TextField } from '@/components/common/FormFields';

/** Why a typed code cannot be one, before asking the API; null when it may be. */
function codeProblem(typed: string, t: Translator<'visitLink'>): string | null {
  const code = normalizeVisitCode(typed);
  if (code.length === 0) return t('codeForm.empty');
  if (code.length !== VISIT_CODE_LENGTH) {
    return t('codeForm.wrongLength', { length: VISIT_CODE_LENGTH, example: VISIT_CODE_EXAMPLE, typed: code.length });
  }
  if (![...code].every((char) => VISIT_CODE_ALPHABET.includes(char))) return t('codeForm.badCharacter');
  return null;
}

/** `/join`: the 8-character code, however it is typed ("abcd efgh", "ABCD-EFGH"), opens the visit like its link. */
export function VisitCodeForm({ signedInAs }: { signedInAs: { name: string; role: Role } | null }) {
  const t = useTranslations('visitLink');
  const language = useLocale();
  const [code, setCode] = useState('');
  const [typo, setTypo] = useState<string | null>(null);
  // Signed out by the first try (refused or not): later tries have nobody to sign out.
  const [holder, setHolder] = useState(signedInAs);
  const inputRef = useRef<HTMLInputElement>(null);
  const signIn = useVisitLinkSignIn();
  const busy = signIn.status === 'opening' || signIn.status === 'opened';
  const error = typo ?? (signIn.status === 'failed' ? visitLinkSentence(signIn.problem, t, language) : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = codeProblem(code, t);
    setTypo(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    // A refused code: the sentence is shown, and the code is there to correct.
    const opened = await signIn.open({ code: normalizeVisitCode(code) }, holder !== null);
    setHolder(null);
    if (!opened) inputRef.current?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="join-title" data-testid="visit-code-form">
      {holder && (
        <div className="alert alert-info" data-testid="visit-code-signed-in">
          {t.rich('codeForm.signedInAs', {
            name: holder.name,
            role: holder.role,
            strong: (chunks) => <strong>{chunks}</strong>,
            link: (chunks) => <a href="/">{chunks}</a>,
          })}
        </div>
      )}
      {error && (
        <div id="visit-code-error" className="alert alert-error" role="alert" data-testid="visit-link-error">
          {error}
        </div>
      )}
      <TextField
        ref={inputRef}
        id="visit-code"
        label={t('codeForm.label')}
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={32}
        placeholder={VISIT_CODE_EXAMPLE}
        required
        aria-invalid={error ? true : undefined}
        aria-errormessage={error ? 'visit-code-error' : undefined}
        value={code}
        onChange={(value) => {
          setCode(value);
          setTypo(null);
          signIn.reset();
        }}
        hint={t('codeForm.hint', { length: VISIT_CODE_LENGTH })}
        testId="visit-code-input"
        style={{ fontSize: '1.25rem', letterSpacing: '0.08em', textTransform: 'uppercase' }}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="visit-code-submit">
        {busy ? t('codeForm.busy') : t('codeForm.submit')}
      </button>
    </form>
  );
}
