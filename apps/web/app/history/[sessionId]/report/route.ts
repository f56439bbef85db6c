import { getSession } from '@/lib/auth';
import { apiUrl } from '@/lib/config';

export const dynamic = 'force-dynamic';

function notFound(): Response {
  return Response.json({ error: 'No report for this visit was found.', code: 404 }, { status: 404, headers: { 'cache-control': 'no-store' } });
}

/**
 * The visit's PDF report, fetched from the API with the session's bearer token and passed
 * through as is, so a plain link (with `download`) can save it. Anyone signed out, or not
 * on the visit, gets 404 as the API gives it, so ids of others' visits do not leak.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ sessionId: string }> }): Promise<Response> {
  const { sessionId } = await params;
  const session = await getSession();
  if (!session) return notFound();
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}/api/sessions/${encodeURIComponent(sessionId)}/report.pdf`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
      cache: 'no-store',
    });
  } catch {
    return Response.json({ error: 'The service cannot be reached right now. Please try again in a minute.', code: 502 }, { status: 502 });
  }
  if (upstream.status === 401 || upstream.status === 403 || upstream.status === 404) return notFound();
  if (!upstream.ok || !upstream.body) {
    const body: unknown = await upstream.json().catch(() => null);
    const error = body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : 'The report could not be made.';
    return Response.json({ error, code: upstream.status }, { status: upstream.status >= 400 ? upstream.status : 502 });
  }
  const headers = new Headers({ 'cache-control': 'private, no-store' });
  for (const name of ['content-type', 'content-disposition', 'content-length']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: 200, headers });
}
