import { createTranslator, type Messages } from 'use-intl/core';
import { isLanguage, primaryLanguage, type Language } from '@telehealth/contracts';
import { commonCatalogue, type CommonCatalogue } from '#common-catalogues';
import type { Translator } from '@/i18n/translator';
import { currentLocale } from './locale-context';

/*
 * The `common` messages for the few lib functions that every part of the app calls without a
 * translator of its own (lib/time's countdowns and durations, lib/api-client's `errorMessage`):
 * they write in the page's language, as lib/time already formats in the page's locale. Only the
 * `common` catalogue serves this (#common-catalogues: every language on the server, English and the
 * page's language in the browser), not the whole of every language.
 */

// Made again when the catalogue changes: in the browser, the page's language arrives with LocaleProvider.
const made = new Map<Language, { catalogue: CommonCatalogue; t: Translator<'common'> }>();

/** The page's language now: the language of its locale for dates (lib/locale-context), English outside a page. */
export function currentLanguage(locale: string = currentLocale()): Language {
  const language = primaryLanguage(locale);
  return isLanguage(language) ? language : 'en';
}

/** The `common` messages in `language` (the page's by default). */
export function commonWords(language: Language = currentLanguage()): Translator<'common'> {
  const catalogue = commonCatalogue(language);
  let entry = made.get(language);
  if (entry?.catalogue !== catalogue) {
    // Only the `common` part of the catalogue: the translator never reads another namespace.
    const messages = { common: catalogue } as unknown as Messages;
    entry = { catalogue, t: createTranslator({ locale: language, messages, namespace: 'common' }) };
    made.set(language, entry);
  }
  return entry.t;
}
