import { acceptedTags, DEFAULT_LANGUAGE, isLanguage, primaryLanguage, type Language } from '@telehealth/contracts';

/**
 * The language of the web app for one request: the signed-in person's (from their account), else
 * the one a visitor picked on a public page (this cookie), else the browser's first language we
 * speak, else English.
 */
export const LANGUAGE_COOKIE = 'telehealth-language';

export function pageLanguage(input: { account?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Language {
  if (isLanguage(input.account)) return input.account;
  if (isLanguage(input.cookie)) return input.cookie;
  for (const tag of acceptedTags(input.acceptLanguage)) {
    const language = primaryLanguage(tag);
    if (isLanguage(language)) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** Intl knows the tag well enough to write dates in it. */
function formattable(tag: string): string | null {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? null;
  } catch {
    // RangeError: not a well-formed language tag.
    return null;
  }
}

/**
 * The locale dates, times and numbers are written in: the browser's own regional variant of the
 * page's language when it has one ("en-GB" writes 21:45, "es-MX" its own order), else the language
 * alone. Spanish text never gets "9:45 PM" because the browser was set to American English.
 */
export function formatLocale(language: Language, acceptLanguage: string | null | undefined): string {
  for (const tag of acceptedTags(acceptLanguage)) {
    if (primaryLanguage(tag) !== language) continue;
    const locale = formattable(tag);
    if (locale) return locale;
  }
  return language === 'en' ? 'en-US' : language;
}
