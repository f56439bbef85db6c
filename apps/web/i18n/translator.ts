import { createTranslator, type Messages, type NamespaceKeys, type NestedKeyOf } from 'use-intl/core';
import type { Language } from '@telehealth/contracts';
import ar from '@/messages/ar';
import en from '@/messages/en';
import es from '@/messages/es';

/** The messages of one part of the app, e.g. `Translator<'call'>`: what `useTranslations('call')` returns. */
export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;
export type Translator<N extends Namespace> = ReturnType<typeof createTranslator<Messages, N>>;

export const CATALOGUES: Readonly<Record<Language, Messages>> = { en, es, ar };

/**
 * A translator outside React, for pure functions that write sentences (lib/call-words, lib/audit-sentences …)
 * and their specs; components get theirs from `useTranslations(namespace)`.
 */
export function translator<N extends Namespace>(namespace: N, language: Language = 'en'): Translator<N> {
  return createTranslator({ locale: language, messages: CATALOGUES[language], namespace });
}
