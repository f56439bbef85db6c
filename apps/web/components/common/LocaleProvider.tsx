'use client';

import type { ReactNode } from 'react';
import { setPageLocale } from '@/lib/locale-context';
import { LocaleContext } from '@/lib/locale-react-context';

/**
 * Gives the page its locale for dates and times (lib/time formats with it): the one tag the server
 * chose (i18n/language.ts `formatLocale`), used unchanged here, so the first render in the browser
 * writes every time exactly as the server did.
 */
export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  setPageLocale(locale);
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}
