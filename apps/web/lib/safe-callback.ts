const BASE = 'http://callback.invalid';
const MAX_LENGTH = 2048;
// Control characters (C0, DEL, C1): browsers strip some of them while parsing, which turns
// "/\t/evil.example" into "//evil.example".
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Two leading slashes (or a slash and a backslash) make a browser leave the site. */
function leavesTheSite(path: string): boolean {
  return /^[/\\]{2}/.test(path) || path.includes('\\');
}

/** The value percent-decoded until it stops changing (a few rounds), or null when it is not valid UTF-8. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The path to follow after sign-in, or `fallback` when `value` could lead anywhere but this
 * site: only a path that starts with one `/` (not `//` or `/\`, also after percent-decoding
 * and after the URL parser's normalisation, so `/.//evil.example` is refused) and keeps the
 * origin unchanged. An absolute URL on `origin` (next-auth hands those to its redirect
 * callback) is reduced to its path. Query string and fragment are kept.
 */
export function safeCallbackPath(value: unknown, fallback: string, origin?: string): string {
  const raw: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  let candidate = raw;
  if (origin && (candidate === origin || candidate.startsWith(`${origin}/`))) candidate = candidate.slice(origin.length) || '/';
  if (!candidate.startsWith('/') || CONTROL.test(candidate) || candidate.trim() !== candidate) return fallback;
  if (leavesTheSite(candidate)) return fallback;
  const decoded = fullyDecoded(candidate);
  if (decoded === null || CONTROL.test(decoded) || leavesTheSite(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (leavesTheSite(path)) return fallback;
  return path;
}
