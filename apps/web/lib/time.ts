import { commonWords, currentLanguage } from './common-words';
import { currentLocale } from './locale-context';

/**
 * Time zone helpers. The API speaks UTC ISO; people read and type wall-clock times in their own
 * zone (from the session) and their own locale: 12 or 24 hours, names of days and months, digits
 * and zone names as their language writes them. Each formatter takes the locale last; without it,
 * the page's (`currentLocale`: the request's language, the same on the server and in the browser).
 * The words of countdowns and durations are the `common.time` messages of the locale's language.
 */

/** Wall-clock fields are read as numbers: a locale with other digits (Arabic) would not parse. */
const PARTS_LOCALE = 'en-US';

interface WallClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(date: Date, timeZone: string): WallClockParts {
  const formatter = new Intl.DateTimeFormat(PARTS_LOCALE, {
    timeZone,
    numberingSystem: 'latn',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  // The formatter is asked for all six fields, so formatToParts always returns each of them.
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `date`. */
function offsetMs(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** "2026-05-01" + "09:30" read in `timeZone` -> the UTC instant as ISO ("...Z"). */
export function zonedWallTimeToIso(date: string, time: string, timeZone: string): string {
  // A missing part reads as NaN, as Number(undefined) would: the same invalid date as before.
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  // A second pass settles times next to a daylight-saving change.
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess).toISOString();
}

/** The wall-clock date ("YYYY-MM-DD") and time ("HH:MM") of an instant in `timeZone`. */
export function isoToZonedWallTime(iso: string | Date, timeZone: string): { date: string; time: string } {
  const p = parts(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour % 24)}:${pad(p.minute)}` };
}

/** "Mon, Nov 30, 9:45 PM" (en-US), "Mo., 30. Nov., 21:45" (de). */
export function formatDateTime(iso: string, timeZone: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "Monday, November 30" (en-US), "Montag, 30. November" (de). */
export function formatDay(iso: string, timeZone: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** "9:45 PM" (en-US), "21:45" (en-GB, de, es): the clock the locale reads. */
export function formatTime(iso: string, timeZone: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** Short zone label for headings, as the locale names it: "CET" (en-GB), "GMT+1" (en-US), "MEZ" (de). */
export function zoneLabel(timeZone: string, at: Date = new Date(), locale = currentLocale()): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export function isSameZonedDay(a: string | Date, b: string | Date, timeZone: string): boolean {
  return isoToZonedWallTime(a, timeZone).date === isoToZonedWallTime(b, timeZone).date;
}

/** "4:05" or "1:02:09" for elapsed time. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "in 3 days", "in 2 h 5 min", "in 4 min", "in less than a minute" (en-US), in the locale's language. */
export function formatCountdown(ms: number, locale = currentLocale()): string {
  const t = commonWords(currentLanguage(locale));
  const minutes = Math.ceil(ms / 60_000);
  if (ms <= 60_000) return t('time.countdown.underAMinute');
  if (minutes < 60) return t('time.countdown.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? t('time.countdown.hoursMinutes', { hours, minutes: rest }) : t('time.countdown.hours', { hours });
  }
  const days = Math.round(hours / 24);
  return days === 1 ? t('time.countdown.tomorrow') : t('time.countdown.days', { days });
}

/** "Sun, Nov 22, 2026" for lists that span more than one year. */
export function formatDate(iso: string, timeZone: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** "Europe/Berlin (CET)": the zone a person set, spelled for reading. */
export function zoneName(timeZone: string, at: Date = new Date(), locale = currentLocale()): string {
  return `${timeZone.replace(/_/g, ' ')} (${zoneLabel(timeZone, at, locale)})`;
}

/** "45 s", "26 min", "26 min 4 s", "1 h 2 min" (en-US) for how long something lasted, in the locale's language. */
export function formatDuration(seconds: number, locale = currentLocale()): string {
  const t = commonWords(currentLanguage(locale));
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return t('time.duration.seconds', { seconds: total });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m ? t('time.duration.hoursMinutes', { hours: h, minutes: m }) : t('time.duration.hours', { hours: h });
  return s ? t('time.duration.minutesSeconds', { minutes: m, seconds: s }) : t('time.duration.minutes', { minutes: m });
}

/** The day after a "YYYY-MM-DD" date, for an inclusive "to" day turned into an exclusive bound. */
export function nextDay(date: string): string {
  // A missing part reads as NaN, as Number(undefined) would: the same invalid date as before.
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
