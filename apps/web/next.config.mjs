import createNextIntlPlugin from 'next-intl/plugin';

// next-intl finds the per-request language and catalogue in i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The API URL is read at run time (PUBLIC_API_URL, API_URL), never baked into the build.
  poweredByHeader: false,
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
