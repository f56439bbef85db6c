'use client';

import { useRef, useState, type FormEvent } from 'react';
import { normalizeVisitCode, VISIT_CODE_ALPHABET, VISIT_CODE_LENGTH, type Role } from '@telehealth/contracts';
import { useVisitLinkSignIn } from '@/hooks/useVisitLinkSignIn';
import { TextField } from '@/components/common/FormFields';

const ROLE_WORD: Record<Role, string> = { DOCTOR: 'doctor', PATIENT: 'patient', ADMIN: 'admin', GUEST: 'guest' };

/** Why a typed code cannot be one, before asking the API; null when it may be. */
function codeProblem(typed: string): string | null {
  const code = normalizeVisitCode(typed);
  if (code.length === 0) return 'Type the visit code from the clinic’s message.';
  if (code.length !== VISIT_CODE_LENGTH) {
    return `A visit code has ${VISIT_CODE_LENGTH} letters and digits, like ABCD-EFGH. This one has ${code.length}: check it against the message.`;
  }
  if (![...code].every((char) => VISIT_CODE_ALPHABET.includes(char))) {
    return 'That is not a visit code: check each character against the clinic’s message.';
  }
  return null;
}

/** `/join`: the 8-character code, however it is typed ("abcd efgh", "ABCD-EFGH"), opens the visit like its link. */
export function VisitCodeForm({ signedInAs }: { signedInAs: { name: string; role: Role } | null }) {
  const [code, setCode] = useState('');
  const [typo, setTypo] = useState<string | null>(null);
  // Signed out by the first try (refused or not): later tries have nobody to sign out.
  const [holder, setHolder] = useState(signedInAs);
  const inputRef = useRef<HTMLInputElement>(null);
  const signIn = useVisitLinkSignIn();
  const busy = signIn.status === 'opening' || signIn.status === 'opened';
  const error = typo ?? (signIn.status === 'failed' ? signIn.problem.sentence : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = codeProblem(code);
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
          You are signed in as <strong>{holder.name}</strong> ({ROLE_WORD[holder.role]}). Opening a visit with a code signs {holder.name}{' '}
          out on this device. <a href="/">Stay signed in</a>
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
        label="Visit code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={32}
        placeholder="ABCD-EFGH"
        required
        aria-invalid={error ? true : undefined}
        aria-errormessage={error ? 'visit-code-error' : undefined}
        value={code}
        onChange={(value) => {
          setCode(value);
          setTypo(null);
          signIn.reset();
        }}
        hint="8 letters and digits. Dashes, spaces and small letters are fine."
        testId="visit-code-input"
        style={{ fontSize: '1.25rem', letterSpacing: '0.08em', textTransform: 'uppercase' }}
      />
      <button type="submit" className="btn btn-primary btn-block" disabled={busy} data-testid="visit-code-submit">
        {busy ? 'Opening your visit…' : 'Open my visit'}
      </button>
    </form>
  );
}
