import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { publicApiUrl } from './lib/config';
import { contentSecurityPolicy, HSTS, STATIC_SECURITY_HEADERS } from './lib/security-headers';

const PROTECTED = ['/doctor', '/patient', '/admin', '/visit', '/history'];

function isProtected(pathname: string): boolean {
  return PROTECTED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
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
    const token = await getToken({ req: request });
    if (!token?.accessToken || Date.now() >= Number(token.accessTokenExpires ?? 0)) {
      const signIn = request.nextUrl.clone();
      signIn.pathname = '/sign-in';
      signIn.search = `?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
      return withSecurityHeaders(NextResponse.redirect(signIn), csp);
    }
  }

  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Everything but Next's hashed static files (they get the static headers from next.config).
  matcher: [{ source: '/((?!_next/static|_next/image).*)' }],
};
