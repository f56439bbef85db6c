import type { Language } from '@telehealth/contracts';
import en from '@/messages/en/common.json';
import type { CommonCatalogue } from './common-catalogues';

// English is the API's language (lib/api-client reads its sentences with it); the page's own
// language comes with the page, in the messages next-intl hands the browser, and `LocaleProvider`
// passes its `common` part on before anything renders. The other languages never reach the browser.
const known: Partial<Record<Language, CommonCatalogue>> = { en };

/** The `common` messages of `language`: English, or the page's language once `LocaleProvider` gave it. */
export function commonCatalogue(language: Language): CommonCatalogue {
  return known[language] ?? en;
}

/** Called by `LocaleProvider` with the page's language and its `common` messages. */
export function rememberCommonCatalogue(language: Language, messages: CommonCatalogue): void {
  known[language] = messages;
}
