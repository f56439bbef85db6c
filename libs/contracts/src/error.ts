/**
 * Why a request was refused, for programs: the web app (and any client) branches on `reason`,
 * never on a bare status, and shows `error`, the sentence for people. One list for REST errors
 * and socket acknowledgements alike; a new reason is added here first.
 */
export const ERROR_REASONS = [
  // the request itself
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'unknown_event',
  'method_not_allowed',
  // who is asking
  'unauthenticated',
  'session_expired',
  'forbidden',
  'not_found',
  'visit_link_only',
  'link_expired',
  // the visit's state (libs/contracts/src/visit-state.ts)
  'visit_not_started',
  'visit_in_progress',
  'visit_ended',
  'visit_cancelled',
  'visit_missed',
  'too_early',
  'too_late',
  'not_in_room',
  'in_another_visit',
  'room_full',
  /** The doctor removed this guest from the visit: the link no longer opens it. */
  'guest_removed',
  // other conflicts
  'slot_taken',
  'stale_version',
  'conflict',
  // limits and availability
  'rate_limited',
  'too_many_attempts',
  'too_many_connections',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The reason an error carries when nothing more specific was said: what its status means. */
export function defaultReasonFor(status: number): ErrorReason {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'service_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'validation_failed';
  }
}
