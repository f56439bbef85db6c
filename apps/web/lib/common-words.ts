import { createTranslator, type Messages } from 'use-intl/core';
import { isLanguage, primaryLanguage, type Language } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import ar from '@/messages/ar/common.json';
import en from '@/messages/en/common.json';
import es from '@/messages/es/common.json';
import { currentLocale } from './locale-context';

/**
 * The `common` messages for the few lib functions that every part of the app calls without a
 * translator of its own (lib/time's countdowns and durations, lib/api-client's `errorMessage`):
 * they write in the page's language, as lib/time already formats in the page's locale. Only the
 * `common` catalogue is bundled for this, not the whole of every language.
 */
const COMMON: Readonly<Record<Language, typeof en>> = { en, es, ar };

const made = new Map<Language, Translator<'common'>>();

/** The page's language now: the language of its locale for dates (lib/locale-context), English outside a page. */
export function currentLanguage(locale: string = currentLocale()): Language {
  const language = primaryLanguage(locale);
  return isLanguage(language) ? language : 'en';
}

/** The `common` messages in `language` (the page's by default). */
export function commonWords(language: Language = currentLanguage()): Translator<'common'> {
  let t = made.get(language);
  if (!t) {
    // Only the `common` part of the catalogue: the translator never reads another namespace.
    const messages = { common: COMMON[language] } as unknown as Messages;
    t = createTranslator({ locale: language, messages, namespace: 'common' });
    made.set(language, t);
  }
  return t;
}
