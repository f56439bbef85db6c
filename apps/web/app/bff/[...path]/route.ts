import { cookies } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { defaultReasonFor, type ErrorResponse } from '@telehealth/contracts';
import { getApiToken } from '@/lib/auth';
import { apiPathFor, sameOriginRequest, SESSION_ENDED_HEADER } from '@/lib/bff';
import { clientAddress } from '@/lib/client-address';
import { apiUrl } from '@/lib/config';
import { clearSessionCookies } from '@/lib/session-cookie';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 1024 * 1024;
// Request headers the API may need from the browser; everything else (cookies above all) stays here.
const REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'if-match', 'if-none-match', 'x-request-id'];
// Response headers passed back: what a JSON answer or a PDF download needs.
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-length', 'cache-control', 'etag', 'retry-after', 'x-request-id'];

function error(status: number, sentence: string): NextResponse {
  const body: ErrorResponse = { error: sentence, code: status, reason: defaultReasonFor(status) };
  return NextResponse.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * The browser's way to the API (backend for frontend): `/bff/<path>?<query>` is forwarded to
 * `${API_URL}/api/<path>?<query>` with the session's API token, which lives only in the
 * encrypted cookie and on this server. Status and body come back unchanged (errors stay
 * `{ error, code, reason }`). A 401 from the API for a session that sent a token means the session
 * was revoked: its cookie is cleared and the answer says so in `x-session-ended`.
 */
async function forward(request: NextRequest, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const apiPath = apiPathFor((await params).path);
  if (!apiPath) return error(404, 'There is nothing at this address.');
  if (!sameOriginRequest(request.method, request.headers)) return error(403, 'This request must come from the app’s own pages.');

  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const address = clientAddress(request.headers);
  if (address) headers.set('x-forwarded-for', address);
  const token = await getApiToken();
  if (token) headers.set('authorization', `Bearer ${token}`);

  let body: ArrayBuffer | undefined;
  if (!['GET', 'HEAD'].includes(request.method)) {
    body = await request.arrayBuffer();
    if (body.byteLength > MAX_BODY_BYTES) return error(413, 'The request is too large.');
    if (body.byteLength === 0) body = undefined;
  }

  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}${apiPath}${request.nextUrl.search}`, {
      method: request.method,
      headers,
      body,
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch {
    return error(502, 'The service cannot be reached right now. Please try again in a minute.');
  }

  const responseHeaders = new Headers({ 'cache-control': 'no-store' });
  for (const name of RESPONSE_HEADERS) {
    // fetch has already decoded a compressed body, so its encoded length no longer applies.
    if (name === 'content-length' && upstream.headers.has('content-encoding')) continue;
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  const response = new NextResponse(upstream.status === 204 || upstream.status === 304 ? null : upstream.body, {
    status: upstream.status,
    headers: responseHeaders,
  });
  if (upstream.status === 401) {
    response.headers.set(SESSION_ENDED_HEADER, '1');
    if (token) clearSessionCookies(await cookies(), response);
  }
  return response;
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE };
