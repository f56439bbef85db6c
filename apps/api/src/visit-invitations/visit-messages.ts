import type { Language } from '@telehealth/contracts';
import type { AppointmentWithContact } from '../appointments/appointment.mapper';
import type { AppConfig } from '../config/app-config';
import { translator } from '../i18n/translator';
import { composeMessage, type MailAttachment, type OutboxMessageInput } from '../mail/mail-message';
import { CalendarMethod, CalendarVisit, visitCalendarFile } from './calendar-file';
import { reminderDedupeKey } from './due-reminders';
import { describeVisitTime, describeVisitWhen, doctorTitle } from './visit-time';

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

/** "Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid (30 minutes)", in the patient's zone. */
function when(visit: VisitNotice, language: Language): string {
  return describeVisitWhen(visit, visit.patient.timeZone, language);
}

/** How to come in: the link, or the code on the join page; no password. */
export function howToJoin(access: VisitAccess, settings: MessageSettings, language: Language): string {
  return translator('email', language)('howToJoin', { joinPage: settings.joinPage, code: access.code });
}

/** The visit's calendar file as an attachment, in the reader's language, with the reader's link in it while it works. */
export function calendarAttachment(
  visit: VisitNotice,
  settings: MessageSettings,
  method: CalendarMethod,
  language: Language,
  access?: VisitAccess,
): MailAttachment {
  const file = visitCalendarFile(
    { ...visit, organizerEmail: settings.organizerEmail, access: access && { ...access, joinPage: settings.joinPage } },
    method,
    language,
  );
  return {
    filename: method === 'CANCEL' ? 'cancelled-visit.ics' : 'video-visit.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: file,
  };
}

/**
 * The booking confirmation, in the patient's `language`: when (in the patient's zone), with whom, why,
 * the link, the code and the .ics.
 */
export function bookingConfirmationEmail(
  visit: VisitNotice,
  access: VisitAccess,
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(visit.doctorName, language);
  return {
    kind: 'booking-confirmation',
    to: visit.patient.email,
    subject: t('booking.subject', { doctor, time: describeVisitTime(visit.startsAt, visit.patient.timeZone, language) }),
    attachments: [calendarAttachment(visit, settings, 'REQUEST', language, access)],
    dedupeKey: `booking-confirmation:${visit.appointmentId}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: visit.patient.name }),
      paragraphs: [
        t('booking.booked', { doctor }),
        t('booking.details', { when: when(visit, language), reason: visit.reason, code: access.code }),
        howToJoin(access, settings, language),
        t('calendarAdds'),
      ],
      link: { label: t('joinYourVisit'), url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/**
 * The visit moved, in the patient's `language`: the new time, the new link and code (the earlier ones
 * stop working), the updated .ics.
 */
export function rescheduleEmail(
  visit: VisitNotice,
  access: VisitAccess,
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(visit.doctorName, language);
  return {
    kind: 'reschedule',
    to: visit.patient.email,
    subject: t('reschedule.subject', { doctor, time: describeVisitTime(visit.startsAt, visit.patient.timeZone, language) }),
    attachments: [calendarAttachment(visit, settings, 'REQUEST', language, access)],
    dedupeKey: `reschedule:${visit.appointmentId}:${visit.sequence}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: visit.patient.name }),
      paragraphs: [
        t('reschedule.moved', { doctor }),
        t('reschedule.details', { when: when(visit, language), reason: visit.reason, code: access.code }),
        t('reschedule.earlierLinks'),
        howToJoin(access, settings, language),
        t('calendarUpdates'),
      ],
      link: { label: t('joinYourVisit'), url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/**
 * The visit is off, in the patient's `language`: who cancelled it, and an .ics with METHOD:CANCEL that
 * removes it from the calendar.
 */
export function cancellationEmail(visit: VisitNotice, by: CancelledBy, settings: MessageSettings, language: Language): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(visit.doctorName, language);
  const whenText = when(visit, language);
  return {
    kind: 'cancellation',
    to: visit.patient.email,
    subject: t('cancellation.subject', { doctor, time: describeVisitTime(visit.startsAt, visit.patient.timeZone, language) }),
    attachments: [calendarAttachment(visit, settings, 'CANCEL', language)],
    dedupeKey: `cancellation:${visit.appointmentId}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: visit.patient.name }),
      paragraphs: [
        by === 'doctor' ? t('cancellation.byDoctor', { doctor, when: whenText }) : t('cancellation.byPatient', { doctor, when: whenText }),
        t('cancellation.linkStopped'),
        t('calendarRemoves'),
      ],
      signature: settings.clinicName,
    }),
  };
}

/**
 * The patient cancelled: the doctor is told in their own time zone and `language` who and when, with an
 * .ics (METHOD:CANCEL, the visit's UID) that removes the visit from a calendar it was imported into.
 */
export function patientCancelledEmail(
  visit: VisitNotice,
  doctor: { email: string; timeZone: string },
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  return {
    kind: 'cancellation',
    to: doctor.email,
    subject: t('patientCancelled.subject', {
      patient: visit.patient.name,
      time: describeVisitTime(visit.startsAt, doctor.timeZone, language),
    }),
    attachments: [calendarAttachment({ ...visit, timeZone: doctor.timeZone }, settings, 'CANCEL', language)],
    dedupeKey: `cancellation-to-doctor:${visit.appointmentId}`,
    ...composeMessage({
      language,
      greeting: t('greeting', { name: doctorTitle(visit.doctorName, language) }),
      paragraphs: [
        t('patientCancelled.cancelled', { patient: visit.patient.name, when: describeVisitWhen(visit, doctor.timeZone, language) }),
        t('patientCancelled.timeFree'),
        t('patientCancelled.calendar'),
      ],
      signature: settings.clinicName,
    }),
  };
}

/**
 * A reminder before the visit (one per lead time), in the patient's `language`: when in the patient's
 * zone, with whom, the link and code in force.
 */
export function reminderEmail(
  visit: VisitNotice,
  access: VisitAccess,
  lead: number,
  settings: MessageSettings,
  language: Language,
): OutboxMessageInput {
  const t = translator('email', language);
  const doctor = doctorTitle(visit.doctorName, language);
  return {
    kind: 'reminder',
    to: visit.patient.email,
    subject: t('reminder.subject', { doctor, time: describeVisitTime(visit.startsAt, visit.patient.timeZone, language) }),
    dedupeKey: reminderDedupeKey(visit.appointmentId, lead, visit.sequence),
    ...composeMessage({
      language,
      greeting: t('greeting', { name: visit.patient.name }),
      paragraphs: [
        t('reminder.intro', { doctor }),
        t('whenAndCode', { when: when(visit, language), code: access.code }),
        howToJoin(access, settings, language),
        t('reminder.cannotCome'),
      ],
      link: { label: t('joinYourVisit'), url: access.link },
      signature: settings.clinicName,
    }),
  };
}

/**
 * The invitation the doctor pastes into SMS or chat, in the patient's `language`: date, time and zone of
 * the patient, link and code.
 */
export function invitationMessage(
  visit: VisitNotice,
  access: VisitAccess,
  settings: Pick<MessageSettings, 'joinPage'>,
  language: Language,
): string {
  return translator('visit', language)('invitation', {
    doctor: doctorTitle(visit.doctorName, language),
    when: when(visit, language),
    link: access.link,
    joinPage: settings.joinPage,
    code: access.code,
  });
}
