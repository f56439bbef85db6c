import type { SignalingTicketResponse } from '@telehealth/contracts';
import { SESSION_ENDED_HEADER } from './bff';

/**
 * Browser-side calls to the API through this site's `/bff/` proxy: the session cookie goes
 * along by itself and the proxy adds the API token on the server, so page JavaScript never
 * holds it. Errors carry the API's sentence.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The sign-in page's sentence for a session that ended while the page was open. */
export function signedOutPath(): string {
  return `/sign-in?signedOut=1&callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
}

let leaving = false;

/** Several requests may fail at once: the page goes to sign-in only once. */
function leaveForSignIn(): void {
  if (leaving || typeof window === 'undefined') return;
  leaving = true;
  window.location.replace(signedOutPath());
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
    throw new ApiError('The service cannot be reached. Check your connection and try again.', 0);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const sentence =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? (body as { error: string }).error
        : `The request failed (${response.status}).`;
    if (response.status === 401 || response.headers.get(SESSION_ENDED_HEADER)) {
      // The session ended (signed out here or on another device, or the token ran out); the
      // proxy has already cleared its cookie, so sign-in shows the form instead of bouncing back.
      leaveForSignIn();
      throw new ApiError('Your session has ended. Please sign in again.', 401);
    }
    throw new ApiError(sentence, response.status);
  }
  return body as T;
}

/** A short-lived ticket for the signaling socket's handshake (the socket never sees the API token). */
export async function fetchSignalingTicket(): Promise<string> {
  const { ticket } = await apiRequest<SignalingTicketResponse>('/auth/signaling-ticket', { method: 'POST' });
  return ticket;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
