import { ERROR_REASONS, type ErrorReason, type Language } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';

/**
 * What the sign-in form says when the API refuses a password sign-in. Wrong passwords pause sign-in
 * to an account from the address they come from (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS tries, for
 * LOGIN_LOCKOUT_MINUTES; see apps/api/src/auth/login-throttle.service.ts): the API's 401 counts the
 * tries down in `remainingAttempts`, and its sentence names the pause ("… paused for 15 minutes.").
 * A person is warned before the last try and told when to try again once it is paused (a paused
 * attempt's 429 carries the API's own sentence, "Try again in 14 minutes.", and `retryAfterSeconds`).
 *
 * next-auth hands the browser nothing of a refused `authorize` but the thrown error's message, so
 * `authorize` (lib/auth.ts) throws what happened, packed (`packSignInProblem`), never words: the form
 * words it in the page's language (`signInErrorSentence`).
 */
export type SignInProblem =
  /** A wrong password with one try left before the pause, or the one that started it. */
  | { kind: 'last_try' | 'paused'; minutes: number }
  /** Any other refusal of the API: its reason, its own (English) sentence, and when to try again. */
  | { kind: 'refused'; reason: ErrorReason; sentence?: string; retryAfterSeconds?: number }
  /** The API did not answer. */
  | { kind: 'unreachable' };

const PREFIX = 'sign-in:';

/** The API's default LOGIN_LOCKOUT_MINUTES: the pause when neither the API's sentence nor the settings say. */
const DEFAULT_PAUSE_MINUTES = 15;

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && name in body ? (body as Record<string, unknown>)[name] : undefined;
}

/** The message `authorize` throws for a refused sign-in. */
export function packSignInProblem(problem: SignInProblem): string {
  return `${PREFIX}${JSON.stringify(problem)}`;
}

/** The problem packed in next-auth's `error`, or null for anything else (next-auth's own codes, a plain sentence). */
export function unpackSignInProblem(error: string | null | undefined): SignInProblem | null {
  if (!error?.startsWith(PREFIX)) return null;
  try {
    const problem: unknown = JSON.parse(error.slice(PREFIX.length));
    const kind = field(problem, 'kind');
    const minutes = field(problem, 'minutes');
    if ((kind === 'last_try' || kind === 'paused') && typeof minutes === 'number') return { kind, minutes };
    if (kind === 'unreachable') return { kind };
    const reason = field(problem, 'reason');
    if (kind === 'refused' && typeof reason === 'string' && (ERROR_REASONS as readonly string[]).includes(reason)) {
      const sentence = field(problem, 'sentence');
      const retryAfterSeconds = field(problem, 'retryAfterSeconds');
      return {
        kind,
        reason: reason as ErrorReason,
        ...(typeof sentence === 'string' ? { sentence } : {}),
        ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
      };
    }
  } catch {
    // Not JSON after all: not one of ours.
  }
  return null;
}

/** What `authorize` throws when the API cannot be reached. */
export const SIGN_IN_UNREACHABLE = packSignInProblem({ kind: 'unreachable' });

/** The pause the API names in its sentence ("paused for 15 minutes"), else the configured one. */
export function pauseMinutesOf(body: unknown, configuredPauseMinutes: number): number {
  const sentence = field(body, 'error');
  const said = typeof sentence === 'string' ? /paused for (\d+) minutes?/.exec(sentence)?.[1] : undefined;
  return said ? Number(said) : configuredPauseMinutes;
}

/** LOGIN_LOCKOUT_MINUTES as the web app's settings give it (the API's own default otherwise). */
export function configuredPauseMinutes(setting: string | undefined = process.env.LOGIN_LOCKOUT_MINUTES): number {
  const minutes = Number(setting);
  return Number.isInteger(minutes) && minutes > 0 ? minutes : DEFAULT_PAUSE_MINUTES;
}

/**
 * What `authorize` throws for a wrong password when tries are running out (the 401's
 * `remainingAttempts` is 1 or 0), packed; null for a plain "does not match" (next-auth's
 * CredentialsSignin, which the form words).
 */
export function lastTriesSentence(body: unknown, pauseMinutes = configuredPauseMinutes()): string | null {
  const remaining = field(body, 'remainingAttempts');
  if (remaining !== 0 && remaining !== 1) return null;
  return packSignInProblem({ kind: remaining === 1 ? 'last_try' : 'paused', minutes: pauseMinutesOf(body, pauseMinutes) });
}

/** What `authorize` throws for any other refusal of the API (its error body, and the reason it gives), packed. */
export function signInRefusal(body: unknown, reason: ErrorReason): string {
  const sentence = field(body, 'error');
  const retryAfterSeconds = field(body, 'retryAfterSeconds');
  return packSignInProblem({
    kind: 'refused',
    reason,
    ...(typeof sentence === 'string' ? { sentence } : {}),
    ...(typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
  });
}

/**
 * The sign-in form's sentence for next-auth's `error`, in the language of `t` (`language`). The
 * API writes in English: an English page shows its own sentence for a refusal, a page in another
 * language the catalogue's. A plain sentence that is not packed (an older `authorize`) is shown on
 * an English page only.
 */
export function signInErrorSentence(error: string | null | undefined, t: Translator<'auth'>, language: Language): string {
  if (!error || error === 'CredentialsSignin') return t('signInForm.mismatch');
  const problem = unpackSignInProblem(error);
  if (!problem) return language === 'en' && !/^[A-Za-z]+$/.test(error) ? error : t('signInForm.failed');
  switch (problem.kind) {
    case 'last_try':
      return t('signInForm.lastTry', { minutes: problem.minutes });
    case 'paused':
      return t('signInForm.paused', { minutes: problem.minutes });
    case 'unreachable':
      return t('signInForm.unreachable');
    case 'refused':
      if (language === 'en' && problem.sentence) return problem.sentence;
      if (problem.reason === 'service_unavailable') return t('signInForm.unreachable');
      if (problem.retryAfterSeconds !== undefined && (problem.reason === 'too_many_attempts' || problem.reason === 'rate_limited')) {
        return t('signInForm.tooManyTries', { minutes: Math.max(1, Math.ceil(problem.retryAfterSeconds / 60)) });
      }
      return t('signInForm.failed');
  }
}
