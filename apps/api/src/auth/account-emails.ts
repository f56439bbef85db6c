import type { Language } from '@telehealth/contracts';
import { translator } from '../i18n/translator';
import { composeMessage, type OutboxMessageInput } from '../mail/mail-message';

/**
 * The invitation of a new doctor or admin, in `language` (the one their account is made with): the link
 * sets their password (72 hours, once).
 */
export function staffInvitationEmail(
  staff: { name: string; email: string; role: 'DOCTOR' | 'ADMIN' },
  link: string,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  return {
    kind: 'staff-invitation',
    to: staff.email,
    subject: t('staffInvitation.subject'),
    ...composeMessage({
      language,
      greeting: t('greeting', { name: staff.name }),
      paragraphs: [t('staffInvitation.invited', { role: staff.role }), t('staffInvitation.choose')],
      link: { label: t('staffInvitation.link'), url: link },
    }),
  };
}

/**
 * A forgotten password, in the account's `language`: the link sets a new one (1 hour, once) and signs
 * the account out on every device.
 */
export function passwordResetEmail(user: { name: string; email: string }, link: string, language: Language): OutboxMessageInput {
  const t = translator('email', language);
  return {
    kind: 'password-reset',
    to: user.email,
    subject: t('passwordReset.subject'),
    ...composeMessage({
      language,
      greeting: t('greeting', { name: user.name }),
      paragraphs: [t('passwordReset.asked'), t('passwordReset.choose')],
      link: { label: t('passwordReset.link'), url: link },
    }),
  };
}
