import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { publicApiUrl, secureCookies } from './lib/config';
import { contentSecurityPolicy, HSTS, STATIC_SECURITY_HEADERS } from './lib/security-headers';

const PROTECTED = ['/doctor', '/patient', '/admin', '/visit', '/history', '/profile'];

function isProtected(pathname: string): boolean {
  return PROTECTED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

// Pages whose address carries a secret: a visit link's token (`/j/<token>`), a set-password token.
// Their own requests (scripts, next-auth's calls) would otherwise name the address in `Referer`,
// which proxies log; the header covers them from the first byte, before any <meta> is parsed.
// `/j/*` and `/join` need no session: they are how a patient without one comes in.
const SECRET_IN_ADDRESS = ['/j/', '/set-password'];

function withSecurityHeaders(response: NextResponse, csp: string, pathname: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  if (SECRET_IN_ADDRESS.some((prefix) => pathname.startsWith(prefix))) response.headers.set('Referrer-Policy', 'no-referrer');
  if (process.env.NODE_ENV === 'production') response.headers.set(HSTS.key, HSTS.value);
  return response;
}

/**
 * Every page request: a fresh script nonce and the security headers, and for protected pages
 * the sign-in check (signed-out visitors go to /sign-in and come back afterwards). The nonce
 * reaches Next.js through the request's own `Content-Security-Policy` header (which Next reads
 * to put the nonce on its scripts) and `x-nonce` (for our own use); pages are rendered per
 * request, so each gets its own.
 */
export default async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, publicApiUrl: publicApiUrl(), development: process.env.NODE_ENV === 'development' });
  const { pathname, search } = request.nextUrl;

  if (isProtected(pathname)) {
    const token = await getToken({ req: request, secureCookie: secureCookies() });
    if (!token?.accessToken || Date.now() >= Number(token.accessTokenExpires ?? 0)) {
      const signIn = request.nextUrl.clone();
      signIn.pathname = '/sign-in';
      signIn.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
      return withSecurityHeaders(NextResponse.redirect(signIn), csp, pathname);
    }
    // An admin is no party to a visit: the clinic's visits are theirs at /admin/visits (no notes, no chat).
    if (token.role === 'ADMIN' && (pathname === '/history' || pathname.startsWith('/history/'))) {
      const visits = request.nextUrl.clone();
      visits.pathname = pathname.replace(/^\/history/, '/admin/visits');
      visits.search = '';
      return withSecurityHeaders(NextResponse.redirect(visits), csp, pathname);
    }
  }

  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp, pathname);
}

export const config = {
  // Everything but Next's hashed static files (they get the static headers from next.config).
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
