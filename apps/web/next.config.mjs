import createNextIntlPlugin from 'next-intl/plugin';

// next-intl finds the per-request language and catalogue in i18n/request.ts. The catalogues are
// compiled at build time (`precompile`): pages format them without the ICU message parser, which the
// browser then never loads (i18n/precompiled-messages.spec.ts holds both ways to the same words).
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The API URL is read at run time (PUBLIC_API_URL, API_URL), never baked into the build.
  poweredByHeader: false,
  turbopack: {
    resolveAlias: {
      // In the browser, the contracts are their zod-free entry (libs/contracts/src/browser.ts): the
      // schemas, and zod with them, stay on the server, which validates. Every import counts, the
      // call engine's too; lib/browser-contracts.spec.ts checks that browser code asks that entry
      // for nothing it lacks. Both libs come as their TypeScript source (ES modules), not their
      // CommonJS build: the bundle then leaves out exports no page uses and hoists the rest.
      '@telehealth/contracts': { browser: '../../libs/contracts/src/browser.ts' },
      '@telehealth/call-engine': { browser: '../../libs/call-engine/src/index.ts' },
    },
  },
  // Static files do not pass through proxy.ts; pages get these (and their CSP) from there.
  async headers() {
    return [
      {
        source: '/_next/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
