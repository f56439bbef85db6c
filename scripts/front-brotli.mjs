// Brotli for Next's build files (/_next/static/…) at npm start's front server (front-server.mjs).
// `next start` compresses with gzip only; Brotli at its best quality makes the same scripts about
// 13 % smaller, but takes up to half a second for the biggest chunk. Those files never change at
// their URL (front-routes.mjs, isImmutableAsset), so each is compressed that well once, off the event
// loop, and kept; until that is done, a quick Brotli (a few ms) answers.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { compressibleType } from './front-routes.mjs';

const brotliCompress = promisify(zlib.brotliCompress);
export const BEST_QUALITY = 11;
const QUICK_QUALITY = 5;
/** Larger bodies pass through as they came: Next's biggest chunks are a few hundred KB. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** The compressed bytes kept, least recently used out first: the whole of Next's static output is a few MB. */
const CACHE_BYTES = 32 * 1024 * 1024;

// Headers of one connection, not of the response: never passed on.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** `body` in Brotli at `quality` (also scripts/precompress-static.mjs, for compose's nginx). */
export function brotli(body, quality) {
  return brotliCompress(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

/** The response's headers to pass on, without hop-by-hop ones and without `omit`. */
function headersOf(upstream, omit = []) {
  const headers = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (!HOP_BY_HOP.has(name) && !omit.includes(name) && value !== undefined) headers[name] = value;
  }
  return headers;
}

/** `Vary` with Accept-Encoding in it: a cache must not give this answer to a client that did not ask for it. */
function varyOnEncoding(vary) {
  const names = String(vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.some((name) => name === '*' || name.toLowerCase() === 'accept-encoding')
    ? names.join(', ')
    : [...names, 'Accept-Encoding'].join(', ');
}

function passThrough(upstream, res) {
  res.writeHead(upstream.statusCode, upstream.statusMessage, headersOf(upstream));
  upstream.pipe(res);
}

/** The whole body of `upstream`, at most `limit` bytes (null beyond). */
function readBody(upstream, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    upstream.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        upstream.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    upstream.once('end', () => resolve(Buffer.concat(chunks, size)));
    upstream.once('error', reject);
    upstream.once('aborted', () => reject(new Error('the web app closed the response early')));
  });
}

/**
 * Answers with Brotli from the web app's uncompressed answers (the request went out with
 * `Accept-Encoding: identity`). Only a 200 whose type compresses and whose body came whole and
 * unencoded is compressed; anything else (304, 404, a range, an encoded body) passes through as it came.
 * The compressed body is kept by the identity body's digest, so a rebuilt file is never served stale.
 */
export function createBrotliAssets({ cacheBytes = CACHE_BYTES } = {}) {
  /** digest → best-quality Brotli, in order of last use. */
  const cache = new Map();
  /** digest → the best-quality compression under way. */
  const compressing = new Map();
  let cachedBytes = 0;
  // One best-quality compression at a time: the quick ones answering meanwhile share libuv's few threads with it.
  let queue = Promise.resolve();

  function keep(digest, compressed) {
    if (compressed.length > cacheBytes) return;
    cache.set(digest, compressed);
    cachedBytes += compressed.length;
    for (const [oldest, body] of cache) {
      if (cachedBytes <= cacheBytes) break;
      cache.delete(oldest);
      cachedBytes -= body.length;
    }
  }

  /** The best Brotli of `body` when kept, else a quick one now (the best one is then made for next time). */
  async function brotliOf(body) {
    const digest = createHash('sha256').update(body).digest('base64');
    const best = cache.get(digest);
    if (best) {
      cache.delete(digest);
      cache.set(digest, best);
      return best;
    }
    if (!compressing.has(digest)) {
      const job = queue
        .then(() => brotli(body, BEST_QUALITY))
        .then((compressed) => keep(digest, compressed))
        .catch(() => undefined)
        .finally(() => compressing.delete(digest));
      compressing.set(digest, job);
      queue = job;
    }
    return brotli(body, QUICK_QUALITY);
  }

  async function respond(upstream, res) {
    const length = Number(upstream.headers['content-length']);
    const compressible =
      upstream.statusCode === 200 &&
      !upstream.headers['content-encoding'] &&
      compressibleType(upstream.headers['content-type']) &&
      Number.isInteger(length) &&
      length <= MAX_BODY_BYTES;
    if (!compressible) return passThrough(upstream, res);
    const body = await readBody(upstream, length);
    if (!body || body.length !== length) throw new Error('the web app sent another length than it said');
    const compressed = await brotliOf(body);
    const identity = compressed.length >= body.length;
    const headers = headersOf(upstream, ['content-length', 'accept-ranges', 'vary', ...(identity ? [] : ['etag'])]);
    headers.vary = varyOnEncoding(upstream.headers.vary);
    if (!identity) {
      // Another representation of the same resource: a strong validator would claim the bytes are the same.
      const etag = upstream.headers.etag;
      if (etag) headers.etag = etag.startsWith('W/') ? etag : `W/${etag}`;
      headers['content-encoding'] = 'br';
    }
    const sent = identity ? body : compressed;
    headers['content-length'] = String(sent.length);
    res.writeHead(200, headers);
    res.end(sent);
  }

  return {
    /**
     * Answers `res` from `upstream` (http-proxy's `proxyRes` with selfHandleResponse). Rejects when the
     * web app's answer broke off; `upstream` is then closed, and answering `res` is the caller's.
     */
    respond(upstream, res) {
      return respond(upstream, res).catch((error) => {
        upstream.destroy();
        throw error;
      });
    },
    /** For tests: the number of files kept at best quality, and their compressed bytes; resolves once none is under way. */
    async settled() {
      while (compressing.size) await Promise.all(compressing.values());
      return { files: cache.size, bytes: cachedBytes };
    },
  };
}
