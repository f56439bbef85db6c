import { acceptedTags, isLanguage, languageFromAcceptLanguage, primaryLanguage, type Language } from '@telehealth/contracts';

/** Where a visitor's pick on a public page is kept (LanguagePicker): a year, read by `pageLanguage`. */
export const LANGUAGE_COOKIE = 'telehealth-language';

/**
 * The language of the web app for one request: the signed-in person's (from their account), else
 * the one a visitor picked on a public page (the cookie), else the browser's first language we
 * speak, else English. A value that is no language of ours (a forged cookie) counts as none.
 */
export function pageLanguage(input: { account?: string | null; cookie?: string | null; acceptLanguage?: string | null }): Language {
  if (isLanguage(input.account)) return input.account;
  if (isLanguage(input.cookie)) return input.cookie;
  return languageFromAcceptLanguage(input.acceptLanguage);
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

/** The region a language tag points to, its likeliest when it names none ("de" → "DE"); null for a malformed tag. */
function regionOf(tag: string): string | null {
  try {
    return new Intl.Locale(tag).maximize().region ?? null;
  } catch {
    // RangeError: not a well-formed language tag.
    return null;
  }
}

/**
 * The locale dates, times and numbers are written in: the browser's own regional variant of the
 * page's language when it has one ("en-GB" writes 21:45, "es-MX" its own order); else the page's
 * language with the region of the browser's first language, which still says where the person is (a
 * German browser reading English pages gets "en-DE": 21:45, not 9:45 PM); else the language alone.
 */
export function formatLocale(language: Language, acceptLanguage: string | null | undefined): string {
  const tags = acceptedTags(acceptLanguage);
  for (const tag of tags) {
    if (primaryLanguage(tag) !== language) continue;
    const locale = formattable(tag);
    if (locale) return locale;
  }
  const region = tags[0] ? regionOf(tags[0]) : null;
  const regional = region ? formattable(`${language}-${region}`) : null;
  return regional ?? (language === 'en' ? 'en-US' : language);
}
