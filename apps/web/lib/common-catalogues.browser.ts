import type { Language } from '@telehealth/contracts';
import type { CommonCatalogue } from './common-catalogues';

// The browser holds no catalogue of its own. `LocaleProvider` passes on, before anything renders, the
// page's `common` messages (next-intl's, which came with the page) and, on a page in another language,
// the English ones the root layout sent along: English is the API's language (lib/api-client words
// its sentences with it), and on an English page it is the page's. The other languages never reach the browser.
const known: Partial<Record<Language, CommonCatalogue>> = {};
// The first catalogue remembered, the page's: words in the page's language rather than none.
let fallback: CommonCatalogue | undefined;
// Before `LocaleProvider` rendered (it is the root layout's, so nothing of a page runs earlier).
const NONE = {} as CommonCatalogue;

/** The `common` messages of `language` once `LocaleProvider` gave them; else the page's. */
export function commonCatalogue(language: Language): CommonCatalogue {
  return known[language] ?? fallback ?? NONE;
}

/** Called by `LocaleProvider` with the page's language and its `common` messages, then with English's on another language's page. */
export function rememberCommonCatalogue(language: Language, messages: CommonCatalogue): void {
  known[language] = messages;
  fallback ??= messages;
}
