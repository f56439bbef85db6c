/**
 * The languages the product speaks: the web app, emails, calendar text and the visit report.
 * A person's language is kept on their account (chosen at sign-up or from the browser, changed
 * on the profile page) and used for everything sent to them.
 */
export const LANGUAGES = ['en', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's own name, as its speakers write it (what a language menu lists). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', es: 'Español', ar: 'العربية' };

const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar']);

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

// A header is at most a few languages; a longer one is cut rather than parsed in full.
const MAX_HEADER_LENGTH = 256;

/** The `Accept-Language` entries by weight, highest first (ties in the order given); `q=0` left out. */
export function acceptedTags(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0 && entry.tag !== '' && entry.tag !== '*')
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The primary language subtag, lower case: "es-MX" → "es". */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** The first language of an `Accept-Language` header that the product speaks: "de-DE,es;q=0.8" → "es"; none → "en". */
export function languageFromAcceptLanguage(header: string | null | undefined): Language {
  for (const tag of acceptedTags(header)) {
    const language = primaryLanguage(tag);
    if (isLanguage(language)) return language;
  }
  return DEFAULT_LANGUAGE;
}
