import type { GuestRole, Language } from '@telehealth/contracts';
import { translator } from '../i18n/translator';
import { composeMessage, type MailAttachment, type OutboxMessageInput } from '../mail/mail-message';
import type { CalendarMethod } from './calendar-file';
import { calendarAttachment, howToJoin, type MessageSettings, type VisitAccess } from './visit-messages';
import { describeVisitTime, describeVisitWhen, doctorTitle } from './visit-time';

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

/** "Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid (30 minutes)", in the patient's zone. */
function guestWhen(notice: GuestNotice, language: Language): string {
  return describeVisitWhen(notice, notice.timeZone, language);
}

/** The guest's calendar file, in their language: the guest as the attendee, their link in it while it works. */
function guestCalendarAttachment(
  notice: GuestNotice,
  settings: MessageSettings,
  method: CalendarMethod,
  language: Language,
  access?: VisitAccess,
): MailAttachment {
  const { guest, timeZone, ...visit } = notice;
  return calendarAttachment(
    { ...visit, reason: '', patient: { name: guest.name, email: guest.email, timeZone }, timeZone },
    settings,
    method,
    language,
    access,
  );
}

/**
 * The doctor invited a guest, in the guest's `language`: who invites them, to which visit (the doctor,
 * the time), as what, their own link and code, how to join, and that the doctor lets them in; an .ics.
 * No reason, no patient.
 */
export function guestInvitationEmail(
  notice: GuestNotice,
  access: VisitAccess,
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(notice.doctorName, language);
  return {
    kind: 'guest-invitation',
    to: notice.guest.email,
    subject: t('guestInvitation.subject', { doctor, time: describeVisitTime(notice.startsAt, notice.timeZone, language) }),
    attachments: [guestCalendarAttachment(notice, settings, 'REQUEST', language, access)],
    dedupeKey: `guest-invitation:${notice.guest.id}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: notice.guest.name }),
      paragraphs: [
        t('guestInvitation.invited', { doctor, role: notice.guest.role }),
        t('whenAndCode', { when: guestWhen(notice, language), code: access.code }),
        howToJoin(access, settings, language),
        t('guestInvitation.lobby', { doctor }),
        t('guestInvitation.yoursAlone'),
        t('calendarAdds'),
      ],
      link: { label: t('joinTheVisit'), url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit a guest was invited to moved, told in the guest's `language`: the new time; their link and code stay the same. */
export function guestRescheduleEmail(
  notice: GuestNotice,
  access: VisitAccess,
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(notice.doctorName, language);
  return {
    kind: 'reschedule',
    to: notice.guest.email,
    subject: t('guestReschedule.subject', { doctor, time: describeVisitTime(notice.startsAt, notice.timeZone, language) }),
    attachments: [guestCalendarAttachment(notice, settings, 'REQUEST', language, access)],
    dedupeKey: `guest-reschedule:${notice.guest.id}:${notice.sequence}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: notice.guest.name }),
      paragraphs: [
        t('guestReschedule.moved', { doctor }),
        t('whenAndCode', { when: guestWhen(notice, language), code: access.code }),
        t('guestReschedule.sameLink'),
        howToJoin(access, settings, language),
        t('calendarUpdates'),
      ],
      link: { label: t('joinTheVisit'), url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit a guest was invited to is off, told in the guest's `language`: their link no longer works; an .ics that removes it. */
export function guestCancellationEmail(notice: GuestNotice, settings: MessageSettings, language: Language): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(notice.doctorName, language);
  return {
    kind: 'cancellation',
    to: notice.guest.email,
    subject: t('guestCancellation.subject', { doctor, time: describeVisitTime(notice.startsAt, notice.timeZone, language) }),
    attachments: [guestCalendarAttachment(notice, settings, 'CANCEL', language)],
    dedupeKey: `guest-cancellation:${notice.guest.id}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: notice.guest.name }),
      paragraphs: [
        t('guestCancellation.cancelled', { doctor, when: guestWhen(notice, language) }),
        t('guestCancellation.linkStopped'),
        t('calendarRemoves'),
      ],
      signature: settings.clinicName,
    }),
  };
}
