import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { checkApiToken, getApiToken } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/safe-callback';
import { clearSessionCookies } from '@/lib/session-cookie';

export const dynamic = 'force-dynamic';

/** A 303 with a relative Location: right behind any proxy, whatever host name the server thinks it has. */
function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * Where a server page sends a session the API refused: the cookie is cleared and the visitor
 * lands once on sign-in with a sentence saying why. A session the API still accepts is left
 * alone (so a link to this route signs nobody out) and goes back where it came from.
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const callbackUrl = safeCallbackPath(request.nextUrl.searchParams.get('callbackUrl'), '/');
  const token = await getApiToken();
  if (token && (await checkApiToken(token)) !== 'revoked') return seeOther(callbackUrl);
  const response = seeOther(`/sign-in?signedOut=1&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  clearSessionCookies(await cookies(), response);
  return response;
}
