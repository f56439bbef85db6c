import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@telehealth/contracts';
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from 'use-intl/core';
import ar from './messages/ar.json';
import en from './messages/en.json';
import es from './messages/es.json';

/** The API's messages, typed by the English catalogue (the others are held to its keys by catalogues.spec.ts). */
export type ApiMessages = typeof en;

export const CATALOGUES: Readonly<Record<Language, ApiMessages>> = { en, es, ar };

/** A part of the catalogue: `visit` (shared by emails, messages and calendars), `email`, `calendar`, `report`. */
export type Namespace = NamespaceKeys<ApiMessages, NestedKeyOf<ApiMessages>>;
export type Translator<N extends Namespace> = ReturnType<typeof createTranslator<ApiMessages, N>>;

const translators = new Map<string, unknown>();

/**
 * The messages of one part in one language: `translator('email', 'es')('booking.subject', { doctor, time })`.
 * Memoized, so each message is parsed once per process (and worker thread). A message that cannot be
 * formatted throws rather than sending its key to a patient: the catalogue spec keeps that from happening.
 */
export function translator<N extends Namespace>(namespace: N, language: Language = DEFAULT_LANGUAGE): Translator<N> {
  const locale = toLanguage(language);
  const key = `${namespace}:${locale}`;
  let t = translators.get(key) as Translator<N> | undefined;
  if (!t) {
    t = createTranslator<ApiMessages, N>({
      locale,
      messages: CATALOGUES[locale],
      namespace,
      onError: (error) => {
        throw error;
      },
    });
    translators.set(key, t);
  }
  return t;
}

/** A stored language as the API writes in it: an unknown or missing one (an old row, a bad value) reads as English. */
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}
