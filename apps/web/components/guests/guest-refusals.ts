import type { Translator } from '@/i18n/translator';
import { ApiError, toApiError } from '@/lib/api-client';

/**
 * Why the API refused to invite or remove a guest, in the reader's language, by the refusal's
 * reason and the field it names (never the API's English sentence).
 */
export function guestRefusalText(t: Translator<'guests'>, error: unknown, action: 'invite' | 'remove'): string {
  const refusal = toApiError(error);
  if (!(refusal instanceof ApiError)) return t('errors.generic');
  switch (refusal.reason) {
    case 'unauthenticated':
    case 'session_expired':
      return t('errors.sessionEnded');
    case 'service_unavailable':
      return t('errors.offline');
    case 'rate_limited':
    case 'too_many_attempts':
    case 'too_many_connections':
      return t('errors.rateLimited');
    case 'forbidden':
    case 'visit_link_only':
      return t('errors.forbidden');
    case 'not_found':
      return action === 'remove' ? t('errors.guestNotFound') : t('errors.visitNotFound');
    case 'visit_ended':
      return t('errors.visitEnded');
    case 'visit_cancelled':
      return t('errors.visitCancelled');
    case 'visit_missed':
      return t('errors.visitMissed');
    case 'conflict':
    case 'room_full':
      return t('errors.tooManyGuests');
    case 'validation_failed': {
      const field = refusal.fieldProblem?.field;
      if (field === 'email') return t('errors.emailLooksWrong');
      if (field === 'name') return t('errors.nameInvalid');
      return t('errors.invalid');
    }
    default:
      return t('errors.generic');
  }
}
