import { DEFAULT_LANGUAGE, type Language } from '@telehealth/contracts';
import { translator } from '../i18n/translator';

/** A visit's start as a person in `timeZone` reads it: "Tuesday, 4 March 2031", "9:30 AM", "Europe/Madrid". */
export interface VisitTime {
  date: string;
  time: string;
  zone: string;
}

// Newer ICU puts a narrow no-break space before AM/PM; SMS and plain-text mail readers show it as a box.
// Direction marks (Arabic's "9:30 ص") are left out too: the message around the time sets its direction.
const plain = (text: string) => text.replace(/\s/g, ' ').replace(/[\u061c\u200e\u200f]/g, '');

/** The date and time in the reader's language: English as "Tuesday, 4 March 2031" and "9:30 AM"; the others as Intl writes them. */
export function visitTimeIn(at: Date, timeZone: string, language: Language = DEFAULT_LANGUAGE): VisitTime {
  const dateOptions: Intl.DateTimeFormatOptions = { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  const timeOptions: Intl.DateTimeFormatOptions = { timeZone, hour: 'numeric', minute: '2-digit' };
  if (language !== 'en') {
    const date = plain(new Intl.DateTimeFormat(language, dateOptions).format(at));
    return { date, time: plain(new Intl.DateTimeFormat(language, timeOptions).format(at)), zone: timeZone };
  }
  const parts = new Intl.DateTimeFormat('en-GB', dateOptions).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const time = plain(new Intl.DateTimeFormat('en-US', timeOptions).format(at));
  return { date: `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`, time, zone: timeZone };
}

/** "Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid": the zone is named, so a patient abroad is not misled. */
export function describeVisitTime(at: Date, timeZone: string, language: Language = DEFAULT_LANGUAGE): string {
  return translator('visit', language)('time', { ...visitTimeIn(at, timeZone, language) });
}

/** "Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid (30 minutes)": the start in `timeZone` and how long the visit is. */
export function describeVisitWhen(
  visit: { startsAt: Date; endsAt: Date },
  timeZone: string,
  language: Language = DEFAULT_LANGUAGE,
): string {
  return translator('visit', language)('withDuration', {
    when: describeVisitTime(visit.startsAt, timeZone, language),
    minutes: visitMinutes(visit),
  });
}

// A name that carries a title already, in any of the product's languages: "Dr. Rita Levi", "Doctora Ana", "د. ليلى".
const TITLED = /^(?:dr\.?|dra\.?|dr\.\/dra\.|doctor|doctora|د\.|دكتور|دكتورة|الدكتور|الدكتورة)\s/i;

/** "Dr Rita Levi" ("Dr./Dra. Rita Levi", "د. Rita Levi"), without doubling a title the doctor's name already carries. */
export function doctorTitle(name: string, language: Language = DEFAULT_LANGUAGE): string {
  const trimmed = name.trim();
  return TITLED.test(trimmed) ? trimmed : translator('visit', language)('doctor', { name: trimmed });
}

export function visitMinutes(visit: { startsAt: Date; endsAt: Date }): number {
  return Math.round((visit.endsAt.getTime() - visit.startsAt.getTime()) / 60_000);
}
