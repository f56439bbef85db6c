/** The web app's security headers, built per request (the script nonce is new every time). */

/**
 * http(s) and ws(s) forms of the API's public origin, which the browser's signaling socket connects
 * to. None when it is the page's own origin (PUBLIC_API_URL unset): 'self' covers it, ws(s) included.
 */
function apiOrigins(publicApiUrl: string): string[] {
  if (!publicApiUrl) return [];
  try {
    const url = new URL(publicApiUrl);
    const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return [url.origin, `${ws}//${url.host}`];
  } catch {
    return [];
  }
}

export interface CspOptions {
  nonce: string;
  /** The API's origin when it is not the page's own; empty when it is. */
  publicApiUrl: string;
  /** `next dev` evaluates code with eval for fast refresh; production never does. */
  development?: boolean;
}

/**
 * Scripts run only with this response's nonce (Next.js puts it on its own scripts) or when
 * loaded by such a script ('strict-dynamic'); nothing inline without it. Inline styles stay
 * allowed: React's `style` props are attributes, not scripts.
 */
export function contentSecurityPolicy({ nonce, publicApiUrl, development = false }: CspOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...apiOrigins(publicApiUrl), ...(development ? ['ws:'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The headers that do not change per request, for every response of the web app. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** Browsers ignore it over plain http, so it is safe to send whenever the app runs in production. */
export const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };
