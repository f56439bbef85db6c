import type { AppointmentWithContact } from '../appointments/appointment.mapper';
import type { AppConfig } from '../config/app-config';
import { composeMessage, type MailAttachment, type OutboxMessageInput } from '../mail/mail-message';
import { CalendarMethod, CalendarVisit, visitCalendarFile } from './calendar-file';
import { reminderDedupeKey } from './due-reminders';
import { describeVisitTime, doctorTitle, visitMinutes } from './visit-time';

/** A visit as its messages tell it to the patient (in the patient's time zone). */
export type VisitNotice = Omit<CalendarVisit, 'access' | 'organizerEmail'> & { reason: string };

/** The patient's way in: the `/j/<token>` link and the code (`ABCD-EFGH`). */
export interface VisitAccess {
  link: string;
  code: string;
}

/** What every message needs of the deployment. */
export interface MessageSettings {
  /** `<WEB_ORIGIN>/join`, where a code is typed. */
  joinPage: string;
  /** MAIL_FROM's address, the calendar file's organizer. */
  organizerEmail: string;
  clinicName: string;
}

export function toVisitNotice(row: AppointmentWithContact): VisitNotice {
  const { id, sequence, startsAt, endsAt, reason, doctor, patient } = row;
  return { appointmentId: id, sequence, startsAt, endsAt, reason, doctorName: doctor.name, patient };
}

export function messageSettings(config: Pick<AppConfig, 'WEB_ORIGIN' | 'MAIL_FROM' | 'CLINIC_NAME'>): MessageSettings {
  // MAIL_FROM is "Name <address>" or a bare address.
  const address = /<([^<>\s]+)>\s*$/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM.trim();
  return { joinPage: new URL('/join', config.WEB_ORIGIN).toString(), organizerEmail: address, clinicName: config.CLINIC_NAME };
}

/** Who cancelled, as the patient is told. */
export type CancelledBy = 'doctor' | 'patient';

function when(visit: VisitNotice): string {
  return `${describeVisitTime(visit.startsAt, visit.patient.timeZone)} (${visitMinutes(visit)} minutes)`;
}

/** How to come in: the link, or the code on the join page; no password. */
export function howToJoin(access: VisitAccess, settings: MessageSettings): string {
  return (
    'How to join: open the link below a few minutes before the visit, on a phone or computer with a camera and microphone; ' +
    `no password is needed. If the link does not open, go to ${settings.joinPage} and type the code ${access.code}.`
  );
}

/** The visit's calendar file as an attachment, with the reader's link in it while it works. */
export function calendarAttachment(
  visit: VisitNotice,
  settings: MessageSettings,
  method: CalendarMethod,
  access?: VisitAccess,
): MailAttachment {
  const file = visitCalendarFile(
    { ...visit, organizerEmail: settings.organizerEmail, access: access && { ...access, joinPage: settings.joinPage } },
    method,
  );
  return {
    filename: method === 'CANCEL' ? 'cancelled-visit.ics' : 'video-visit.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: file,
  };
}

/** The booking confirmation: when (in the patient's zone), with whom, why, the link, the code and the .ics. */
export function bookingConfirmationEmail(visit: VisitNotice, access: VisitAccess, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(visit.doctorName);
  return {
    kind: 'booking-confirmation',
    to: visit.patient.email,
    subject: `Your video visit with ${doctor}: ${describeVisitTime(visit.startsAt, visit.patient.timeZone)}`,
    attachments: [calendarAttachment(visit, settings, 'REQUEST', access)],
    dedupeKey: `booking-confirmation:${visit.appointmentId}`,
    ...composeMessage({
      greeting: `Hello ${visit.patient.name},`,
      paragraphs: [
        `${doctor} has booked a video visit with you.`,
        `When: ${when(visit)}\nReason: ${visit.reason}\nYour code: ${access.code}`,
        howToJoin(access, settings),
        'The attached calendar file adds the visit to your calendar.',
      ],
      link: { label: 'Join your video visit', url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit moved: the new time, the new link and code (the earlier ones stop working), the updated .ics. */
export function rescheduleEmail(visit: VisitNotice, access: VisitAccess, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(visit.doctorName);
  return {
    kind: 'reschedule',
    to: visit.patient.email,
    subject: `Your video visit with ${doctor} has moved to ${describeVisitTime(visit.startsAt, visit.patient.timeZone)}`,
    attachments: [calendarAttachment(visit, settings, 'REQUEST', access)],
    dedupeKey: `reschedule:${visit.appointmentId}:${visit.sequence}`,
    ...composeMessage({
      greeting: `Hello ${visit.patient.name},`,
      paragraphs: [
        `${doctor} has moved your video visit to a new time.`,
        `When: ${when(visit)}\nReason: ${visit.reason}\nYour new code: ${access.code}`,
        'The link and code of earlier messages no longer work: use the ones in this message.',
        howToJoin(access, settings),
        'The attached calendar file updates the visit in your calendar.',
      ],
      link: { label: 'Join your video visit', url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The visit is off: who cancelled it, and an .ics with METHOD:CANCEL that removes it from the calendar. */
export function cancellationEmail(visit: VisitNotice, by: CancelledBy, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(visit.doctorName);
  const who = by === 'doctor' ? `${doctor} has cancelled your video visit` : `You cancelled your video visit with ${doctor}`;
  return {
    kind: 'cancellation',
    to: visit.patient.email,
    subject: `Cancelled: your video visit with ${doctor} on ${describeVisitTime(visit.startsAt, visit.patient.timeZone)}`,
    attachments: [calendarAttachment(visit, settings, 'CANCEL')],
    dedupeKey: `cancellation:${visit.appointmentId}`,
    ...composeMessage({
      greeting: `Hello ${visit.patient.name},`,
      paragraphs: [
        `${who} of ${when(visit)}.`,
        'Its link and code no longer work. To book another visit, contact the clinic.',
        'The attached calendar file removes the visit from your calendar.',
      ],
      signature: settings.clinicName,
    }),
  };
}

/**
 * The patient cancelled: the doctor is told in their own time zone who and when, with an .ics
 * (METHOD:CANCEL, the visit's UID) that removes the visit from a calendar it was imported into.
 */
export function patientCancelledEmail(
  visit: VisitNotice,
  doctor: { email: string; timeZone: string },
  settings: MessageSettings,
): OutboxMessageInput {
  const at = describeVisitTime(visit.startsAt, doctor.timeZone);
  return {
    kind: 'cancellation',
    to: doctor.email,
    subject: `Cancelled by ${visit.patient.name}: video visit on ${at}`,
    attachments: [calendarAttachment({ ...visit, timeZone: doctor.timeZone }, settings, 'CANCEL')],
    dedupeKey: `cancellation-to-doctor:${visit.appointmentId}`,
    ...composeMessage({
      greeting: `Hello ${doctorTitle(visit.doctorName)},`,
      paragraphs: [
        `${visit.patient.name} has cancelled their video visit with you of ${at} (${visitMinutes(visit)} minutes).`,
        'The time is free again in your schedule.',
        'If you added the visit to your calendar, the attached calendar file removes it.',
      ],
      signature: settings.clinicName,
    }),
  };
}

/** A reminder before the visit (one per lead time): when in the patient's zone, with whom, the link and code in force. */
export function reminderEmail(visit: VisitNotice, access: VisitAccess, lead: number, settings: MessageSettings): OutboxMessageInput {
  const doctor = doctorTitle(visit.doctorName);
  return {
    kind: 'reminder',
    to: visit.patient.email,
    subject: `Reminder: your video visit with ${doctor} on ${describeVisitTime(visit.startsAt, visit.patient.timeZone)}`,
    dedupeKey: reminderDedupeKey(visit.appointmentId, lead, visit.sequence),
    ...composeMessage({
      greeting: `Hello ${visit.patient.name},`,
      paragraphs: [
        `This is a reminder of your video visit with ${doctor}.`,
        `When: ${when(visit)}\nYour code: ${access.code}`,
        howToJoin(access, settings),
        'If you cannot come, please tell the clinic.',
      ],
      link: { label: 'Join your video visit', url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/** The invitation the doctor pastes into SMS or chat: date, time and zone of the patient, link and code. */
export function invitationMessage(visit: VisitNotice, access: VisitAccess, settings: Pick<MessageSettings, 'joinPage'>): string {
  return [
    `Your video visit with ${doctorTitle(visit.doctorName)} is on ${when(visit)}.`,
    `Join a few minutes before with this link: ${access.link}`,
    `Or go to ${settings.joinPage} and type the code ${access.code}.`,
  ].join('\n');
}
