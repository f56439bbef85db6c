import { GUEST_ROLE_LABELS, type GuestRole } from '@telehealth/contracts';
import { composeMessage, type MailAttachment, type OutboxMessageInput } from '../mail/mail-message';
import type { CalendarMethod } from './calendar-file';
import { calendarAttachment, howToJoin, type MessageSettings, type VisitAccess } from './visit-messages';
import { describeVisitTime, doctorTitle, visitMinutes } from './visit-time';

/**
 * A visit as its guests' messages tell it: when (in the patient's zone, which is named), with which
 * doctor, and the guest's own part. Never why, nor with whom: the reason is health data, and who
 * sees this doctor is the patient's to tell.
 */
export interface GuestNotice {
  appointmentId: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  doctorName: string;
  /** The zone the time is told in (the patient's). */
  timeZone: string;
  guest: { id: string; name: string; email: string; role: GuestRole };
}

/** "an interpreter", "a caregiver", "a guest". */
function asGuest(role: GuestRole): string {
  const label = GUEST_ROLE_LABELS[role];
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

function guestWhen(notice: GuestNotice): string {
  return `${describeVisitTime(notice.startsAt, notice.timeZone)} (${visitMinutes(notice)} minutes)`;
}

/** The guest's calendar file: the guest as the attendee, their link in it while it works. */
function guestCalendarAttachment(
  notice: GuestNotice,
  settings: MessageSettings,
  method: CalendarMethod,
  access?: VisitAccess,
): MailAttachment {
  const { guest, timeZone, ...visit } = notice;
  return calendarAttachment(
    { ...visit, reason: '', patient: { name: guest.name, email: guest.email, timeZone }, timeZone },
    settings,
    method,
    access,
  );
}

/**
 * The doctor invited a guest: who invites them, to which visit (the doctor, the time), as what,
 * their own link and code, how to join, and that the doctor lets them in; an .ics. No reason, no
 * patient.
 */
export function guestInvitationEmail(notice: GuestNotice, access: VisitAccess, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(notice.doctorName);
  return {
    kind: 'guest-invitation',
    to: notice.guest.email,
    subject: `${doctor} invites you to a video visit on ${describeVisitTime(notice.startsAt, notice.timeZone)}`,
    attachments: [guestCalendarAttachment(notice, settings, 'REQUEST', access)],
    dedupeKey: `guest-invitation:${notice.guest.id}`,
    ...composeMessage({
      greeting: `Hello ${notice.guest.name},`,
      paragraphs: [
        `${doctor} has invited you to join a video visit as ${asGuest(notice.guest.role)}.`,
        `When: ${guestWhen(notice)}\nYour code: ${access.code}`,
        howToJoin(access, settings),
        `When you open the link you wait in a lobby until ${doctor} lets you in.`,
        'The link and code are yours alone: please do not forward them. They open this visit’s call and chat, nothing else, and stop working when the visit ends or if the doctor removes you from it.',
        'The attached calendar file adds the visit to your calendar.',
      ],
      link: { label: 'Join the video visit', url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit a guest was invited to moved: the new time; their link and code stay the same. */
export function guestRescheduleEmail(notice: GuestNotice, access: VisitAccess, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(notice.doctorName);
  return {
    kind: 'reschedule',
    to: notice.guest.email,
    subject: `The video visit with ${doctor} has moved to ${describeVisitTime(notice.startsAt, notice.timeZone)}`,
    attachments: [guestCalendarAttachment(notice, settings, 'REQUEST', access)],
    dedupeKey: `guest-reschedule:${notice.guest.id}:${notice.sequence}`,
    ...composeMessage({
      greeting: `Hello ${notice.guest.name},`,
      paragraphs: [
        `The video visit ${doctor} invited you to has moved to a new time.`,
        `When: ${guestWhen(notice)}\nYour code: ${access.code}`,
        'Your link and code stay the same.',
        howToJoin(access, settings),
        'The attached calendar file updates the visit in your calendar.',
      ],
      link: { label: 'Join the video visit', url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit a guest was invited to is off: their link no longer works; an .ics that removes it. */
export function guestCancellationEmail(notice: GuestNotice, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(notice.doctorName);
  return {
    kind: 'cancellation',
    to: notice.guest.email,
    subject: `Cancelled: the video visit with ${doctor} on ${describeVisitTime(notice.startsAt, notice.timeZone)}`,
    attachments: [guestCalendarAttachment(notice, settings, 'CANCEL')],
    dedupeKey: `guest-cancellation:${notice.guest.id}`,
    ...composeMessage({
      greeting: `Hello ${notice.guest.name},`,
      paragraphs: [
        `The video visit ${doctor} invited you to, of ${guestWhen(notice)}, was cancelled.`,
        'Your link and code no longer work.',
        'The attached calendar file removes the visit from your calendar.',
      ],
      signature: settings.clinicName,
    }),
  };
}
