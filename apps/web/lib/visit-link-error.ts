import { ERROR_REASONS, VISIT_CODE_LENGTH, type ErrorReason, type Language } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';

/**
 * next-auth hands the browser nothing of a failed `authorize` but the thrown error's message,
 * so the visit-link provider packs what happened into it (the API's reason, its own sentence, or
 * the web app's word for a problem it found itself), and the pages that opened the link unpack it
 * to branch on the reason (never on the wording) and to word it in the page's language
 * (`visitLinkSentence`).
 */
const SEPARATOR = '::';

/** How a visit code is shown to people, for the examples in messages and the code field's placeholder. */
export const VISIT_CODE_EXAMPLE = 'ABCD-EFGH';

/** Problems the web app finds and words itself, not the API. */
export const VISIT_LINK_SAYINGS = ['not_a_link', 'not_a_code', 'unreachable', 'offline', 'failed'] as const;
export type VisitLinkSaying = (typeof VISIT_LINK_SAYINGS)[number];

export interface VisitLinkProblem {
  reason: ErrorReason;
  /** The web app's own word for the problem, when it found it itself (a mistyped link, no answer). */
  said?: VisitLinkSaying;
  /** The API's sentence (English), shown as it is on an English page. */
  sentence?: string;
  /** When a refusal for too many tries lifts, when the API says. */
  retryAfterSeconds?: number;
}

/** The message `authorize` throws for a refused link or code. */
export function packVisitLinkProblem(problem: VisitLinkProblem): string {
  const details = [problem.said ?? '', problem.retryAfterSeconds ?? ''].join(',');
  return [problem.reason, details, problem.sentence ?? ''].join(SEPARATOR);
}

const FALLBACK: VisitLinkProblem = { reason: 'internal_error', said: 'failed' };

function isSaying(value: string): value is VisitLinkSaying {
  return (VISIT_LINK_SAYINGS as readonly string[]).includes(value);
}

/** The problem of a failed visit-link sign-in, from next-auth's `error` (or a sentence without a reason). */
export function unpackVisitLinkProblem(error: string | null | undefined): VisitLinkProblem {
  if (!error) return FALLBACK;
  const [reason = '', details = '', ...rest] = error.split(SEPARATOR);
  if ((ERROR_REASONS as readonly string[]).includes(reason) && rest.length > 0) {
    const [said = '', retryAfter = ''] = details.split(',');
    const sentence = rest.join(SEPARATOR);
    const seconds = Number(retryAfter);
    return {
      reason: reason as ErrorReason,
      ...(isSaying(said) ? { said } : {}),
      ...(sentence ? { sentence } : {}),
      ...(retryAfter !== '' && Number.isFinite(seconds) && seconds > 0 ? { retryAfterSeconds: seconds } : {}),
    };
  }
  // next-auth's own codes (a provider that returned null, a CSRF failure) are not sentences.
  if (/^[A-Za-z]+$/.test(error)) return FALLBACK;
  return { reason: 'internal_error', sentence: error };
}

/**
 * The problem in words, in the language of `t` (`language`): the web app's own word for what it
 * found; on an English page the API's sentence; else the catalogue's sentence for the API's reason.
 */
export function visitLinkSentence(problem: VisitLinkProblem, t: Translator<'visitLink'>, language: Language): string {
  const example = { length: VISIT_CODE_LENGTH, example: VISIT_CODE_EXAMPLE };
  switch (problem.said) {
    case 'not_a_link':
      return t('errors.notALink');
    case 'not_a_code':
      return t('errors.notACode', example);
    case 'unreachable':
      return t('errors.unreachable');
    case 'offline':
      return t('errors.offline');
    case 'failed':
      return t('errors.failed');
    case undefined:
      break;
  }
  if (language === 'en' && problem.sentence) return problem.sentence;
  switch (problem.reason) {
    case 'not_found':
      return t('errors.unknownLink');
    case 'link_expired':
      return t('errors.staleLink');
    case 'guest_removed':
      return t('errors.guestRemoved');
    case 'service_unavailable':
      return t('errors.unreachable');
    case 'too_many_attempts':
    case 'rate_limited':
      return problem.retryAfterSeconds !== undefined
        ? t('errors.tooManyTries', { minutes: Math.max(1, Math.ceil(problem.retryAfterSeconds / 60)) })
        : t('errors.rateLimited');
    default:
      return t('errors.failed');
  }
}
