'use client';

import { useLocale, useMessages } from 'next-intl';
import type { ReactNode } from 'react';
import { rememberCommonCatalogue } from '#common-catalogues';
import type { CommonCatalogue } from '@/lib/common-catalogues';
import { setPageLocale } from '@/lib/locale-context';
import { LocaleContext } from '@/lib/locale-react-context';

interface Props {
  locale: string;
  /** English `common` messages, on a page in another language (lib/api-client words the API's English with them). */
  englishCommon?: CommonCatalogue;
  children: ReactNode;
}

/**
 * Gives the page its locale for dates and times (lib/time formats with it): the one tag the server
 * chose (i18n/language.ts `formatLocale`), used unchanged here, so the first render in the browser
 * writes every time exactly as the server did.
 */
export function LocaleProvider({ locale, englishCommon, children }: Props) {
  setPageLocale(locale);
  // The page's `common` messages, for lib/common-words outside a render (the browser has no other
  // language's), and English's, which on an English page are the same.
  rememberCommonCatalogue(useLocale(), useMessages().common);
  if (englishCommon) rememberCommonCatalogue('en', englishCommon);
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}
