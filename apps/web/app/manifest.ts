import type { MetadataRoute } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { textDirection } from '@telehealth/contracts';

/**
 * Installable from the browser's menu ("Add to Home Screen"): the app then opens on its own, like
 * a native one, at the person's home (`/` sends each role to its dashboard). Colours are the
 * theme's (globals.css: --primary, --bg); the icons are drawn by scripts/draw-app-icons.mjs. Its
 * description is in the page language of whoever asks (i18n/request.ts; a browser usually fetches
 * the manifest without cookies, so its Accept-Language decides).
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [t, language] = await Promise.all([getTranslations('common'), getLocale()]);
  return {
    id: '/',
    lang: language,
    dir: textDirection(language),
    name: t('brand.name'),
    short_name: t('brand.name'),
    description: t('app.description'),
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#0f6e74',
    background_color: '#f4f6f8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
