import { composeMessage, type OutboxMessageInput } from '../mail/mail-message';

/** The invitation of a new doctor or admin: the link sets their password (72 hours, once). */
export function staffInvitationEmail(staff: { name: string; email: string; role: 'DOCTOR' | 'ADMIN' }, link: string): OutboxMessageInput {
  const as = staff.role === 'DOCTOR' ? 'a doctor' : 'an admin';
  return {
    kind: 'staff-invitation',
    to: staff.email,
    subject: 'Your telehealth account: choose a password',
    ...composeMessage({
      greeting: `Hello ${staff.name},`,
      paragraphs: [
        `You have been invited to the clinic's telehealth service as ${as}.`,
        'Choose your password with the link below. It works once, within 72 hours; after that, ask for a new one with "Forgot password".',
      ],
      link: { label: 'Choose your password', url: link },
    }),
  };
}

/** A forgotten password: the link sets a new one (1 hour, once) and signs the account out on every device. */
export function passwordResetEmail(user: { name: string; email: string }, link: string): OutboxMessageInput {
  return {
    kind: 'password-reset',
    to: user.email,
    subject: 'Set a new password for your telehealth account',
    ...composeMessage({
      greeting: `Hello ${user.name},`,
      paragraphs: [
        'Someone (we hope you) asked to set a new password for your telehealth account.',
        'Choose it with the link below. It works once, within an hour, and signs your account out on every device. If you did not ask, ignore this email: your password stays as it is.',
      ],
      link: { label: 'Set a new password', url: link },
    }),
  };
}
