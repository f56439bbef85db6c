import type { NextResponse } from 'next/server';

// next-auth's session cookie, split into `.0`, `.1`, … chunks when large; `__Secure-` on https.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Expires every chunk of the next-auth session cookie this request carried, on `response`:
 * used when the API has revoked the token inside it, so the browser stops presenting a
 * session that no longer opens anything (and pages stop bouncing between sign-in and home).
 */
export function clearSessionCookies(requestCookies: { getAll(): { name: string }[] }, response: NextResponse): void {
  for (const { name } of requestCookies.getAll()) {
    if (!SESSION_COOKIE.test(name)) continue;
    response.cookies.set(name, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Secure-') });
  }
}
