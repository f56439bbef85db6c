'use client';

import { useLocale, useMessages } from 'next-intl';
import type { ReactNode } from 'react';
import { rememberCommonCatalogue } from '#common-catalogues';
import { setPageLocale } from '@/lib/locale-context';
import { LocaleContext } from '@/lib/locale-react-context';

/**
 * Gives the page its locale for dates and times (lib/time formats with it): the one tag the server
 * chose (i18n/language.ts `formatLocale`), used unchanged here, so the first render in the browser
 * writes every time exactly as the server did.
 */
export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  setPageLocale(locale);
  // The page's `common` messages, for lib/common-words outside a render (the browser has no other language's).
  rememberCommonCatalogue(useLocale(), useMessages().common);
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}
