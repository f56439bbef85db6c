// The front server's rules (scripts/front-server.mjs), kept free of I/O so a spec can check
// them line by line (e2e/front-routes.spec.ts). deploy/nginx.conf applies the same split.

// The API's own routes under /api/auth/. Every other /api/auth/… path belongs to next-auth,
// which the web app serves at /api/auth/[...nextauth] (session, csrf, providers, signin,
// callback, signout, error, _log).
const API_AUTH_ROUTE = /^\/api\/auth\/(?:(?:register|login|logout|signaling-ticket)\/?|password\/.*)$/;

/** Whether `path` is `prefix` itself or lies under it (`/api` and `/api/…`, not `/apiary`). */
function under(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Which server answers a request: `'api'` or `'web'`. `target` is the request line's target
 * (`/path?query`). The browser's signaling socket (`/socket.io/`), the plain WebSocket (`/ws`),
 * REST (`/api/…`: health, docs, openapi, and the API for non-browser clients) go to the API;
 * next-auth's `/api/auth/…` routes and everything else (pages, `/bff/…`, assets) to Next.js.
 */
export function routeFor(target) {
  const path = target.split(/[?#]/, 1)[0];
  if (under(path, '/socket.io') || under(path, '/ws')) return 'api';
  if (under(path, '/api/auth')) return API_AUTH_ROUTE.test(path) ? 'api' : 'web';
  if (under(path, '/api')) return 'api';
  return 'web';
}

/**
 * Whether `target` is one of Next's build files (`/_next/static/…`): their names carry their
 * content's hash or the build's id, so the bytes at such a URL never change (Next serves them
 * `immutable`), and compressing one once serves every request for it.
 */
export function isImmutableAsset(target) {
  return target.split(/[?#]/, 1)[0].startsWith('/_next/static/');
}

/**
 * Whether an `Accept-Encoding` header takes Brotli: `br` with a weight above zero, or `*` above
 * zero when `br` is not named (`br;q=0` refuses it whatever `*` says). No header: no.
 */
export function acceptsBrotli(header) {
  let any = false;
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    const weight = params.find((param) => /^q=/i.test(param));
    const accepted = weight === undefined || Number(weight.slice(2)) > 0;
    const coding = name.toLowerCase();
    if (coding === 'br') return accepted;
    if (coding === '*') any = accepted;
  }
  return any;
}

/** Content types that compress (text, scripts, JSON, SVG, WebAssembly); fonts and images are compressed already. */
export function compressibleType(contentType) {
  return /^(?:text\/|application\/(?:javascript|x-javascript|json|manifest\+json|xml|wasm)\b|image\/svg\+xml\b)/i.test(contentType ?? '');
}

/** `::ffff:192.168.1.20` (an IPv4 client on a dual-stack socket) as `192.168.1.20`. */
export function plainAddress(address) {
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * The `X-Forwarded-*` headers both servers get, from what this server itself saw. They replace
 * whatever the client sent: an appended `X-Forwarded-For` would let a client pick the address
 * the API's sign-in limits and audit log record (the API trusts this hop: TRUST_PROXY=loopback).
 * `X-Forwarded-Host` and `-Proto` tell next-auth (AUTH_TRUST_HOST) the origin the browser used.
 */
export function forwardedHeaders({ remoteAddress, host, secure, port }) {
  const headers = {
    'x-forwarded-for': plainAddress(remoteAddress) ?? '',
    'x-forwarded-proto': secure ? 'https' : 'http',
    'x-forwarded-port': String(port),
  };
  if (host) headers['x-forwarded-host'] = host;
  return headers;
}

/** Request headers that carry a client's claim about hops before this one: dropped, never passed on. */
export const CLIENT_CLAIMED_HEADERS = [
  'forwarded',
  'x-real-ip',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
];
