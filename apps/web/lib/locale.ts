/**
 * The locale a person reads dates and times in. The browser states its languages in every request's
 * `Accept-Language` (Chromium, Firefox and Safari build it from the same list as `navigator.languages`),
 * so the server renders with the request's and the page keeps using that same value: both render
 * the same strings, and hydration matches.
 */

/** When the request names no language a formatter knows. */
export const DEFAULT_LOCALE = 'en-US';

// A header is at most a few languages; a longer one is cut rather than parsed in full.
const MAX_HEADER_LENGTH = 256;

interface Weighted {
  tag: string;
  q: number;
}

function weighted(entry: string, index: number): Weighted & { index: number } {
  const [tag = '', ...params] = entry.trim().split(';');
  const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
  const q = qParam === undefined ? 1 : Number(qParam.slice(2));
  return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
}

/** The canonical form of `tag` when Intl formats dates in it, else null ("*", a made-up or malformed tag). */
function supported(tag: string): string | null {
  if (!tag || tag === '*') return null;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? null;
  } catch {
    // RangeError: not a well-formed language tag.
    return null;
  }
}

/**
 * The first language of an `Accept-Language` header, by weight, that dates can be written in:
 * "de-DE,de;q=0.9,en;q=0.8" → "de-DE"; nothing usable → "en-US".
 */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const entries = header
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .map(weighted)
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of entries) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
