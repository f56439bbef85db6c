import type { Language } from '@telehealth/contracts';

/**
 * Messages that are rightly the same in a language as in English, by language and full key, each with
 * its reason: the catalogue spec does not ask for a translation of these. Keep it short.
 */
export const SAME_AS_ENGLISH: Readonly<Record<Exclude<Language, 'en'>, ReadonlyMap<string, string>>> = {
  es: new Map([
    ['report.duration.hoursMinutes', 'h and min are the unit symbols Spanish writes too'],
    ['report.duration.minutesSeconds', 'min and s are the unit symbols Spanish writes too'],
    ['report.duration.minutes', 'min is the unit symbol Spanish writes too'],
    ['report.duration.seconds', 's is the unit symbol Spanish writes too'],
  ]),
  ar: new Map(),
};
