import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { textDirection } from '@telehealth/contracts';
import { LocaleProvider } from '@/components/common/LocaleProvider';
import { formatLocale } from '@/i18n/language';
import { commonCatalogue } from '@/lib/common-catalogues';
import './globals.css';

// The web app manifest (app/manifest.ts) and the icons (app/icon.svg, app/apple-icon.png) are
// linked by Next from their file names; these add what a phone's home screen reads besides.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  const name = t('brand.name');
  return {
    title: { default: name, template: `%s · ${name}` },
    description: t('app.description'),
    applicationName: name,
    appleWebApp: { capable: true, title: name, statusBarStyle: 'default' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // --primary in globals.css, as the manifest's theme_color.
  themeColor: '#0f6e74',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  // The page's language (i18n/request.ts); dates and times in the browser's variant of it, the same on the server and in the browser.
  const language = await getLocale();
  const locale = formatLocale(language, (await headers()).get('accept-language'));
  return (
    <html lang={language} dir={textDirection(language)}>
      <body>
        <NextIntlClientProvider>
          {/* lib/api-client words the API's English with English `common` messages: on an English page they are the page's. */}
          <LocaleProvider locale={locale} englishCommon={language === 'en' ? undefined : commonCatalogue('en')}>
            {children}
          </LocaleProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
