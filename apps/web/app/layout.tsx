import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LocaleProvider } from '@/components/common/LocaleProvider';
import { QueryProvider } from '@/components/common/QueryProvider';
import { localeFromAcceptLanguage } from '@/lib/locale';
import './globals.css';

// The web app manifest (app/manifest.ts) and the icons (app/icon.svg, app/apple-icon.png) are
// linked by Next from their file names; these add what a phone's home screen reads besides.
export const metadata: Metadata = {
  title: { default: 'Telehealth', template: '%s · Telehealth' },
  description: 'Video visits with your doctor.',
  applicationName: 'Telehealth',
  appleWebApp: { capable: true, title: 'Telehealth', statusBarStyle: 'default' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // --primary in globals.css, as the manifest's theme_color.
  themeColor: '#0f6e74',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  // Dates and times in the browser's own language, the same on the server and in the browser.
  const locale = localeFromAcceptLanguage((await headers()).get('accept-language'));
  return (
    <html lang="en">
      <body>
        <LocaleProvider locale={locale}>
          <QueryProvider>{children}</QueryProvider>
        </LocaleProvider>
      </body>
    </html>
  );
}
