import type { Language } from '@telehealth/contracts';
import ar from '@/messages/ar/common.json';
import en from '@/messages/en/common.json';
import es from '@/messages/es/common.json';

export type CommonCatalogue = typeof en;

const CATALOGUES: Readonly<Record<Language, CommonCatalogue>> = { en, es, ar };

/**
 * The `common` messages of `language`, for lib/common-words. On the server (and in the specs) every
 * language is here; the browser gets ./common-catalogues.browser.ts instead (package.json `imports`,
 * `#common-catalogues`), which holds only English and the page's language.
 */
export function commonCatalogue(language: Language): CommonCatalogue {
  return CATALOGUES[language];
}

/** The browser's variant keeps the page's catalogue; here every one is known already. */
export function rememberCommonCatalogue(_language: Language, _messages: CommonCatalogue): void {}
