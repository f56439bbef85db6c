/** Rules of the /bff proxy that need no server: which paths it forwards and who may call it. */

/** The response header that tells the browser its session was refused by the API (and its cookie cleared). */
export const SESSION_ENDED_HEADER = 'x-session-ended';

// One path segment of an API route: ids, names, `report.pdf`. No `%`, `/`, `\`, `:` or spaces,
// so nothing decodes into another path, another host or another scheme.
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/** The API path (`/api/…`) for the segments after `/bff/`, or null when they are not a plain API path. */
export function apiPathFor(segments: readonly string[]): string | null {
  if (segments.length === 0 || segments.length > 12) return null;
  for (const segment of segments) {
    if (segment.length > 200 || !SEGMENT.test(segment) || segment === '.' || segment === '..') return null;
  }
  return `/api/${segments.join('/')}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request to the proxy comes from this site's own pages. The session cookie alone
 * authenticates it, so another site must not be able to make the browser send one: a
 * state-changing method needs `Sec-Fetch-Site: same-origin` or, from browsers that do not send
 * it, an `Origin` whose host is this one; a read refuses only what is plainly cross-site.
 */
export function sameOriginRequest(method: string, headers: Headers): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  const originMatches = (() => {
    if (!origin || origin === 'null' || !host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  })();
  if (SAFE_METHODS.has(method.toUpperCase())) {
    if (fetchSite) return fetchSite === 'same-origin' || fetchSite === 'none';
    return !origin || originMatches;
  }
  if (fetchSite) return fetchSite === 'same-origin' && (!origin || originMatches);
  return originMatches;
}
