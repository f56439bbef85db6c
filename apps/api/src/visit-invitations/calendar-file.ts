import type { Language } from '@telehealth/contracts';
import { createEvent, type EventAttributes } from 'ics';
import { translator } from '../i18n/translator';
import { describeVisitWhen, doctorTitle } from './visit-time';

/** REQUEST: add or update the visit in the calendar; CANCEL: remove it (iTIP, RFC 5546). */
export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** What a visit's calendar file is made of. */
export interface CalendarVisit {
  appointmentId: string;
  /** Raised by every reschedule and the cancellation, so calendars apply the newest file. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  doctorName: string;
  patient: { name: string; email: string; timeZone: string };
  /** The organizer's mailbox (MAIL_FROM's address): the file says who sent the invitation. */
  organizerEmail: string;
  /**
   * The patient's link and code in force, and the page where a code is typed; none once the link is
   * revoked or for a reader who may not hold it (an admin: the link signs in as the patient).
   */
  access?: { link: string; code: string; joinPage: string };
  /** The zone the description reads the time in: the reader's (the patient's unless given). */
  timeZone?: string;
}

/** One UID per appointment for its whole life: a reschedule or cancellation updates the event the booking made. */
export function calendarUid(appointmentId: string): string {
  return `${appointmentId}@telehealth`;
}

/**
 * The visit as an iCalendar file built with `ics`: times in UTC (every calendar shows them in its
 * own zone) and the patient's zone named in the description. Its words (title, description) are in
 * the reader's `language`. The visit's reason is left out: calendars sync to third-party services,
 * and the reason is health data.
 */
export function visitCalendarFile(visit: CalendarVisit, method: CalendarMethod, language: Language, stamp = new Date()): string {
  const t = translator('calendar', language);
  const doctor = doctorTitle(visit.doctorName, language);
  const attributes: EventAttributes & { timestamp: number } = {
    productId: '-//Telehealth//Video visits//EN',
    method,
    uid: calendarUid(visit.appointmentId),
    sequence: visit.sequence,
    timestamp: stamp.getTime(),
    start: visit.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: visit.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: t('summary', { doctor }),
    description: calendarDescription(visit, method, language),
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: parameterText(doctor, t('unknownName')), email: visit.organizerEmail },
    attendees: [
      {
        name: parameterText(visit.patient.name, t('unknownName')),
        email: visit.patient.email,
        rsvp: false,
        partstat: 'NEEDS-ACTION',
        role: 'REQ-PARTICIPANT',
      },
    ],
    ...(method === 'REQUEST' && visit.access ? { url: visit.access.link, location: visit.access.link } : {}),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('the calendar file could not be built');
  return foldOctets(value);
}

function calendarDescription(visit: CalendarVisit, method: CalendarMethod, language: Language): string {
  const t = translator('calendar', language);
  const when = describeVisitWhen(visit, visit.timeZone ?? visit.patient.timeZone, language);
  const doctor = doctorTitle(visit.doctorName, language);
  if (method === 'CANCEL') return t('cancelled', { doctor, when });
  const lines = [t('scheduled', { doctor, when })];
  if (visit.access) {
    lines.push('', t('join', { link: visit.access.link }), t('howToJoin', { code: visit.access.code, joinPage: visit.access.joinPage }));
  }
  return lines.join('\n');
}

/** A name as a parameter value (CN): RFC 5545 allows no double quote or control character there, even quoted. */
function parameterText(value: string, unknown: string): string {
  return (
    value
      .replace(/"/g, "'")
      .replace(/\p{Cc}/gu, ' ')
      .trim() || unknown
  );
}

/**
 * Folds lines at 75 octets as RFC 5545 asks (`ics` counts characters: a line of names in Chinese
 * or accented letters came out near 200 octets), never inside a character.
 */
export function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines.map(foldLine).join('\r\n');
}

function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines begin with a space, which counts towards their 75.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
