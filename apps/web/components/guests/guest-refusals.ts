import type { Translator } from '@/i18n/translator';
import { ApiError, refusalText, toApiError } from '@/lib/api-client';

/**
 * Why the API refused to invite or remove a guest, in the reader's language, by the refusal's
 * reason and the field it names (never the API's English sentence): what a refusal means for a
 * visit's guests in the guests' words, any other in the common words (lib/api-client `refusalText`).
 */
export function guestRefusalText(
  t: Translator<'guests'>,
  common: Translator<'common'>,
  error: unknown,
  action: 'invite' | 'remove',
): string {
  const refusal = toApiError(error);
  if (!(refusal instanceof ApiError)) return refusalText(error, common);
  switch (refusal.reason) {
    case 'forbidden':
    case 'visit_link_only':
      return t('errors.forbidden');
    case 'not_found':
      return action === 'remove' ? t('errors.guestNotFound') : refusalText(error, common);
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
      return refusalText(error, common);
    }
    default:
      return refusalText(error, common);
  }
}
