import type { ErrorReason } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { errorReason } from '@/lib/api-client';

/** What kind of refusal an error is, for the sentence people read (the API's own sentence is never shown). */
export type ErrorKind = 'signedOut' | 'forbidden' | 'notFound' | 'invalid' | 'tooMany' | 'unreachable' | 'generic';

const KIND_OF: Partial<Record<ErrorReason, ErrorKind>> = {
  unauthenticated: 'signedOut',
  session_expired: 'signedOut',
  forbidden: 'forbidden',
  not_found: 'notFound',
  validation_failed: 'invalid',
  payload_too_large: 'invalid',
  rate_limited: 'tooMany',
  too_many_attempts: 'tooMany',
  too_many_connections: 'tooMany',
  service_unavailable: 'unreachable',
};

/** The kind of any error: a refusal by its reason, anything else (a bug, a lost promise) generic. */
export function errorKind(error: unknown): ErrorKind {
  const reason = errorReason(error);
  return (reason && KIND_OF[reason]) || 'generic';
}

/** "(version 3)": the latest version a stale save was refused for, as the API's refusal names it; null when it does not. */
export function staleVersion(error: unknown): number | null {
  const found = error instanceof Error ? /\d+/.exec(error.message) : null;
  return found ? Number(found[0]) : null;
}

/**
 * The sentence for an error on the history's and the record's pages, in the page's language:
 * the reasons these pages meet worded for them, any other by its kind.
 */
export function historyError(error: unknown, t: Translator<'history'>): string {
  switch (errorReason(error)) {
    case 'visit_in_progress':
    case 'visit_not_started':
      return t('errors.notesBeforeEnd');
    case 'visit_ended':
      return t('errors.visitEnded');
    case 'stale_version': {
      const version = staleVersion(error);
      return version === null ? t('errors.staleNotesUnknownVersion') : t('errors.staleNotes', { version });
    }
    default:
      return t(`errors.${errorKind(error)}`);
  }
}
