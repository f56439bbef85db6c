import type { Translator } from '@/i18n/translator';
import { errorReason, toApiError, ApiError } from '@/lib/api-client';
import { errorKind } from '@/components/history/errors';

/** What the staff form's and list's refusals are about: the API's refused field, when it names one. */
function refusedField(error: unknown): string | null {
  const refusal = toApiError(error);
  return refusal instanceof ApiError ? (refusal.fieldProblem?.field ?? null) : null;
}

/** The sentence for an error on the admin's pages, in the page's language (the API's own sentence is never shown). */
export function adminError(error: unknown, t: Translator<'admin'>): string {
  return t(`errors.${errorKind(error)}`);
}

/** Inviting staff: an email that already has an account (409), or one the API would not take, said as such. */
export function inviteError(error: unknown, t: Translator<'admin'>): string {
  const reason = errorReason(error);
  if (reason === 'conflict') return t('errors.emailTaken');
  if (reason === 'validation_failed' && refusedField(error) === 'email') return t('errors.invalidEmail');
  return adminError(error, t);
}

/** Deactivating or reactivating staff: oneself (403), or an account that is gone (404). */
export function staffChangeError(error: unknown, t: Translator<'admin'>): string {
  const reason = errorReason(error);
  if (reason === 'forbidden') return t('errors.cannotDeactivateSelf');
  if (reason === 'not_found') return t('errors.staffNotFound');
  return adminError(error, t);
}
