import type { MetadataRoute } from 'next';

/**
 * Installable from the browser's menu ("Add to Home Screen"): the app then opens on its own, like
 * a native one, at the person's home (`/` sends each role to its dashboard). Colours are the
 * theme's (globals.css: --primary, --bg); the icons are drawn by scripts/draw-app-icons.mjs.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Telehealth',
    short_name: 'Telehealth',
    description: 'Video visits with your doctor.',
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
