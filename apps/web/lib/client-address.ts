type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The browser's address as this server saw it: the last `X-Forwarded-For` hop, which is what
 * the nearest proxy wrote (nginx from `$remote_addr`; `npm start`'s front server from the
 * socket, replacing what the client sent), or what Next.js itself put there from the socket
 * when nothing is in front. Earlier hops are whatever the client sent.
 */
export function clientAddress(source: HeaderSource): string | undefined {
  const forwarded = header(source, 'x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .pop();
  return last || header(source, 'x-real-ip') || undefined;
}
