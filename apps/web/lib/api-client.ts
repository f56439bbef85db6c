import { defaultReasonFor, ERROR_REASONS, type ErrorReason, type Language, type SignalingTicketResponse } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { SESSION_ENDED_HEADER } from './bff';
import { commonWords, currentLanguage } from './common-words';
import { API_LANGUAGE, fieldProblemSentence, parseFieldProblem, readableSentence, type FieldProblem } from './form-errors';

/**
 * The one error of the web app for a refused request, over REST or the signaling socket:
 * the API's sentence (`message`, in English, the API's language), the status (`code`) and the
 * API's machine-readable `reason`, which is what code branches on (never the bare status) and what
 * a page in another language words the refusal by (`errorMessage`). A refused field
 * (`fieldProblem`) is what a form puts on that field (see `formErrorsOf` in lib/form-errors);
 * `retryAfterSeconds` is when a refusal for too many tries lifts, when the API says.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: ErrorReason,
    readonly fieldProblem: FieldProblem | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Read by hand, not with zod: zod's object parser probes `new Function`, which the page's CSP refuses.
function isReason(value: unknown): value is ErrorReason {
  return typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value);
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && name in body ? (body as Record<string, unknown>)[name] : undefined;
}

/** The reasons that mean the session is over: the page goes to sign-in. */
const SIGNED_OUT: readonly ErrorReason[] = ['unauthenticated', 'session_expired'];

/**
 * The reason of an error sent without one (the API's older paths, the call engine's
 * acknowledgements): what its status means. 425 and 410 are the join window's refusals.
 */
export function reasonForStatus(code: number): ErrorReason {
  if (code === 425) return 'too_early';
  if (code === 410) return 'too_late';
  if (code === 0) return 'service_unavailable';
  return defaultReasonFor(code);
}

/**
 * Any refusal as an ApiError: an ApiError as it is, and an error that carries `code` (and maybe
 * `reason`), such as the call engine's CallError, with its reason. Anything else stays as it is.
 */
export function toApiError(error: unknown): unknown {
  if (error instanceof ApiError || !(error instanceof Error)) return error;
  const fields = error as Error & { code?: unknown; reason?: unknown };
  if (typeof fields.code !== 'number') return error;
  const reason = isReason(fields.reason) ? fields.reason : reasonForStatus(fields.code);
  const problem = reason === 'validation_failed' ? parseFieldProblem(error.message) : null;
  return new ApiError(problem ? readableSentence(error.message) : error.message, fields.code, reason, problem);
}

/** The reason of a refusal, or null for an error that is not one (a bug, a lost promise). */
export function errorReason(error: unknown): ErrorReason | null {
  const refusal = toApiError(error);
  return refusal instanceof ApiError ? refusal.reason : null;
}

/** The sign-in page's sentence for a session that ended while the page was open. */
export function signedOutPath(): string {
  return `/sign-in?signedOut=1&callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
}

let leaving = false;

/**
 * The person signs out here: requests and sockets refused from now on (the API revokes the token
 * while next-auth navigates to sign-in) must not send the page to "your session has ended" too.
 */
export function signingOut(): void {
  leaving = true;
}

/** Several requests may fail at once: the page goes to sign-in only once. */
function leaveForSignIn(): void {
  if (leaving || typeof window === 'undefined') return;
  leaving = true;
  window.location.replace(signedOutPath());
}

/** The reason an error body of the API gives, or its status's when it gives none. */
export function reasonOfBody(body: unknown, status: number): ErrorReason {
  const reason = field(body, 'reason');
  return isReason(reason) ? reason : reasonForStatus(status);
}

/**
 * The ApiError of a failed answer: the API's sentence and reason, or the status's. A refused
 * field ("email: must be an email address") never reaches people in that form: the message is
 * the sentence in words, and the field and its problem go along for the form to place.
 */
function refusalOf(response: Response, body: unknown): ApiError {
  const english = commonWords(API_LANGUAGE);
  const error = field(body, 'error');
  const sentence = typeof error === 'string' ? error : english('errors.requestFailed', { status: response.status });
  const reason = reasonOfBody(body, response.status);
  if (SIGNED_OUT.includes(reason) || response.headers.get(SESSION_ENDED_HEADER)) {
    return new ApiError(english('errors.sessionEnded'), response.status, reason);
  }
  const problem = reason === 'validation_failed' ? parseFieldProblem(sentence) : null;
  const retryAfter = field(body, 'retryAfterSeconds');
  return new ApiError(
    problem ? readableSentence(sentence) : sentence,
    response.status,
    reason,
    problem,
    typeof retryAfter === 'number' && retryAfter > 0 ? retryAfter : null,
  );
}

/** `path` is the API path without `/api`, e.g. `/appointments?scope=upcoming`. */
export async function apiRequest<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/bff${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(commonWords(API_LANGUAGE)('errors.offline'), 0, 'service_unavailable');
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = refusalOf(response, body);
    // The session ended (signed out here or on another device, or the token ran out); the
    // proxy has already cleared its cookie, so sign-in shows the form instead of bouncing back.
    if (SIGNED_OUT.includes(refusal.reason) || response.headers.get(SESSION_ENDED_HEADER)) leaveForSignIn();
    throw refusal;
  }
  return body as T;
}

/** A short-lived ticket for the signaling socket's handshake (the socket never sees the API token). */
export async function fetchSignalingTicket(): Promise<string> {
  const { ticket } = await apiRequest<SignalingTicketResponse>('/auth/signaling-ticket', { method: 'POST' });
  return ticket;
}

/** Whole minutes until a pause of `seconds` lifts, at least one. */
export function minutesUntil(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Any error in the words of the `common` catalogue (`errors.reasons.*`): the one place that words
 * the reasons every screen can meet (the session ended, no access, not found, too many tries, the
 * service out of reach, …). A screen words first the few reasons that mean something of its own
 * there (lib/call-words, lib/live-visits, components/<part>/errors) and leaves the rest to this.
 *
 * `error` is what a request threw, or the bare reason of a refusal (a call's `refusal`): no answer
 * at all is "cannot be reached", too many tries say when to try again when the API says, anything
 * else its reason's sentence, and an error that is no refusal (a bug, a lost promise) "Something
 * went wrong". A refused field is said as its problem (lib/form-errors) when the page's `language`
 * is given; without it, as the reason's sentence.
 */
export function refusalText(error: unknown, t: Translator<'common'>, language?: Language): string {
  if (isReason(error)) return t(`errors.reasons.${error}`);
  const refusal = toApiError(error);
  if (!(refusal instanceof ApiError)) return t('errors.generic');
  if (refusal.fieldProblem && language) return fieldProblemSentence(refusal.fieldProblem, t, language);
  if (refusal.code === 0) return t('errors.offline');
  if (refusal.retryAfterSeconds !== null && (refusal.reason === 'too_many_attempts' || refusal.reason === 'rate_limited')) {
    return t('errors.tryAgainIn', { minutes: minutesUntil(refusal.retryAfterSeconds) });
  }
  return t(`errors.reasons.${refusal.reason}`);
}

/**
 * The sentence for people of any error, in the page's language (or `language`). The API writes
 * its sentences in English: an English page shows them (a "field: problem" one in words, see
 * lib/form-errors); a page in another language says the refusal in the catalogue's words
 * (`refusalText`); an error that is no refusal is "Something went wrong" in every language.
 */
export function errorMessage(error: unknown, language: Language = currentLanguage()): string {
  // Only a refusal's sentence is the API's: a browser's own error ("Failed to fetch") is no sentence for people.
  const refusal = toApiError(error);
  if (language === API_LANGUAGE && refusal instanceof ApiError) return readableSentence(refusal.message);
  return refusalText(error, commonWords(language), language);
}
