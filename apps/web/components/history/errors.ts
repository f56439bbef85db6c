import type { Translator } from '@/i18n/translator';
import { errorReason, refusalText } from '@/lib/api-client';

/** "(version 3)": the latest version a stale save was refused for, as the API's refusal names it; null when it does not. */
function staleVersion(error: unknown): number | null {
  const found = error instanceof Error ? /\d+/.exec(error.message) : null;
  return found ? Number(found[0]) : null;
}

/**
 * The sentence for an error on the history's and the record's pages, in the page's language (the
 * API's own sentence is never shown): notes written too early, and notes changed elsewhere with the
 * version they are at now, in the history's words; any other error in the common words (`common`,
 * lib/api-client `refusalText`).
 */
export function historyError(error: unknown, t: Translator<'history'>, common: Translator<'common'>): string {
  switch (errorReason(error)) {
    case 'visit_in_progress':
    case 'visit_not_started':
      return t('errors.notesBeforeEnd');
    case 'stale_version': {
      const version = staleVersion(error);
      return version === null ? t('errors.staleNotesUnknownVersion') : t('errors.staleNotes', { version });
    }
    default:
      return refusalText(error, common);
  }
}
