import { ERROR_REASONS, type ErrorReason } from '@telehealth/contracts';

/**
 * next-auth hands the browser nothing of a failed `authorize` but the thrown error's message,
 * so the visit-link provider packs the API's reason in front of its sentence, and the pages
 * that opened the link unpack it to branch on the reason (never on the wording).
 */
const SEPARATOR = '::';

export interface VisitLinkProblem {
  reason: ErrorReason;
  /** The sentence for people (the API's, or the web app's own for an unreachable API). */
  sentence: string;
}

/** The message `authorize` throws for a refused link or code. */
export function packVisitLinkProblem(problem: VisitLinkProblem): string {
  return `${problem.reason}${SEPARATOR}${problem.sentence}`;
}

const FALLBACK = 'The visit could not be opened. Please try again.';

/** The reason and sentence of a failed visit-link sign-in, from next-auth's `error` (or a sentence without a reason). */
export function unpackVisitLinkProblem(error: string | null | undefined): VisitLinkProblem {
  if (!error) return { reason: 'internal_error', sentence: FALLBACK };
  const at = error.indexOf(SEPARATOR);
  const reason = at > 0 ? error.slice(0, at) : '';
  if ((ERROR_REASONS as readonly string[]).includes(reason)) {
    return { reason: reason as ErrorReason, sentence: error.slice(at + SEPARATOR.length) || FALLBACK };
  }
  // next-auth's own codes (a provider that returned null, a CSRF failure) are not sentences.
  if (/^[A-Za-z]+$/.test(error)) return { reason: 'internal_error', sentence: FALLBACK };
  return { reason: 'internal_error', sentence: error };
}
