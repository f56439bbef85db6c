import { getRequestConfig } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import type { Language } from '@telehealth/contracts';
import { signedInLanguage } from '@/lib/auth';
import { LANGUAGE_COOKIE, pageLanguage } from './language';

const CATALOGUES: Record<Language, () => Promise<{ default: Messages }>> = {
  en: () => import('@/messages/en'),
  es: () => import('@/messages/es'),
  ar: () => import('@/messages/ar'),
};

type Messages = typeof import('@/messages/en').default;

/** next-intl's per-request configuration: the page's language (i18n/language.ts) and its catalogue. */
export default getRequestConfig(async () => {
  const [account, cookieStore, requestHeaders] = await Promise.all([signedInLanguage(), cookies(), headers()]);
  const locale = pageLanguage({
    account,
    cookie: cookieStore.get(LANGUAGE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get('accept-language'),
  });
  // Dates and times are written by lib/time in the person's own zone; this only keeps next-intl from guessing one.
  return { locale, messages: (await CATALOGUES[locale]()).default, timeZone: 'UTC' };
});
