/*
 * The admin's refusals that mean something of their own on its pages, in the page's language; the
 * pages say any other error in the common words (lib/api-client `refusalText`). The API's own
 * sentence is never shown.
 */
import type { Translator } from '@/i18n/translator';
import { errorReason, refusalText, toApiError, ApiError } from '@/lib/api-client';

/** What the staff form's and list's refusals are about: the API's refused field, when it names one. */
function refusedField(error: unknown): string | null {
  const refusal = toApiError(error);
  return refusal instanceof ApiError ? (refusal.fieldProblem?.field ?? null) : null;
}

/** Inviting staff: an email that already has an account (409), or one the API would not take, said as such. */
export function inviteError(error: unknown, t: Translator<'admin'>, common: Translator<'common'>): string {
  const reason = errorReason(error);
  if (reason === 'conflict') return t('errors.emailTaken');
  if (reason === 'validation_failed' && refusedField(error) === 'email') return t('errors.invalidEmail');
  return refusalText(error, common);
}

/** Deactivating or reactivating staff: oneself (403), or an account that is gone (404). */
export function staffChangeError(error: unknown, t: Translator<'admin'>, common: Translator<'common'>): string {
  const reason = errorReason(error);
  if (reason === 'forbidden') return t('errors.cannotDeactivateSelf');
  if (reason === 'not_found') return t('errors.staffNotFound');
  return refusalText(error, common);
}
