import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { acceptsBrotli, compressibleType, forwardedHeaders, isImmutableAsset, routeFor } from '../scripts/front-routes.mjs';
import { startFrontServer } from '../scripts/front-server.mjs';
import { appAddresses, lanAddresses } from '../scripts/local-network.mjs';
import { certificateCovers, ensureCertificate } from '../scripts/tls-certificate.mjs';

describe('routeFor (which server answers a path behind npm start’s front server)', () => {
  it.each([
    ['/socket.io/?EIO=4&transport=websocket', 'api'],
    ['/ws', 'api'],
    ['/ws?room=1', 'api'],
    ['/api/health', 'api'],
    ['/api/docs', 'api'],
    ['/api/openapi.json', 'api'],
    ['/api/appointments?scope=upcoming', 'api'],
    ['/api/auth/login', 'api'],
    ['/api/auth/register', 'api'],
    ['/api/auth/logout', 'api'],
    ['/api/auth/signaling-ticket', 'api'],
    ['/api/auth/password/forgot', 'api'],
    ['/api/auth/password/choose', 'api'],
    ['/api/auth/session', 'web'],
    ['/api/auth/csrf', 'web'],
    ['/api/auth/providers', 'web'],
    ['/api/auth/signin', 'web'],
    ['/api/auth/signout', 'web'],
    ['/api/auth/callback/credentials?json=true', 'web'],
    ['/api/auth/callback/visit-link', 'web'],
    ['/api/auth/error?error=CredentialsSignin', 'web'],
    ['/api/auth/_log', 'web'],
    ['/api/auth/login-as-someone', 'web'],
    ['/', 'web'],
    ['/sign-in?callbackUrl=%2Fdoctor', 'web'],
    ['/bff/appointments', 'web'],
    ['/_next/static/chunks/main.js', 'web'],
    ['/visit/123', 'web'],
    ['/apiary', 'web'],
    ['/wsx', 'web'],
  ])('%s → %s', (target, server) => {
    expect(routeFor(target)).toBe(server);
  });
});

describe('forwardedHeaders', () => {
  it('names the socket’s own address (an IPv4 client on a dual-stack socket without its ::ffff: prefix), the host and the scheme', () => {
    expect(forwardedHeaders({ remoteAddress: '::ffff:192.168.1.20', host: '192.168.1.5:3000', secure: true, port: 3000 })).toEqual({
      'x-forwarded-for': '192.168.1.20',
      'x-forwarded-host': '192.168.1.5:3000',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '3000',
    });
    expect(forwardedHeaders({ remoteAddress: '::1', host: undefined, secure: false, port: 3000 })).toEqual({
      'x-forwarded-for': '::1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': '3000',
    });
  });
});

describe('acceptsBrotli, isImmutableAsset and compressibleType (which answers the front server compresses)', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['br;q=0.5', true],
    ['BR', true],
    ['*', true],
    ['gzip, br;q=0', false],
    ['br;q=0, *', false],
    ['gzip, *;q=0', false],
    ['gzip, deflate', false],
    ['identity', false],
    [undefined, false],
  ])('Accept-Encoding %s → %s', (header, accepted) => {
    expect(acceptsBrotli(header)).toBe(accepted);
  });

  it('takes only Next’s build files, and only the types that compress', () => {
    expect(isImmutableAsset('/_next/static/chunks/0pflwdioheo1r.js')).toBe(true);
    expect(isImmutableAsset('/_next/static/css/app.css?v=1')).toBe(true);
    expect(isImmutableAsset('/_next/image?url=%2F_next%2Fstatic%2Fa.png')).toBe(false);
    expect(isImmutableAsset('/visit/123')).toBe(false);
    expect(isImmutableAsset('/bff/appointments')).toBe(false);
    expect(compressibleType('application/javascript; charset=UTF-8')).toBe(true);
    expect(compressibleType('text/css; charset=UTF-8')).toBe(true);
    expect(compressibleType('image/svg+xml')).toBe(true);
    expect(compressibleType('font/woff2')).toBe(false);
    expect(compressibleType('image/png')).toBe(false);
    expect(compressibleType(undefined)).toBe(false);
  });
});

describe('appAddresses and lanAddresses', () => {
  it('lists this computer by localhost, 127.0.0.1 and its name, then each network address for other devices', () => {
    const lan = lanAddresses({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null }],
      wlan0: [
        { address: '192.168.1.5', family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null },
        { address: 'fe80::1', family: 'IPv6', internal: false, netmask: 'ffff::', mac: '', cidr: null, scopeid: 3 },
      ],
      eth1: [{ address: '169.254.3.4', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null }],
    });
    expect(lan).toEqual(['192.168.1.5', '172.17.0.1']);
    expect(appAddresses({ secure: true, port: 3000, hostname: 'Clinic-Laptop', lan: ['192.168.1.5'] }).map((a) => a.url)).toEqual([
      'https://localhost:3000',
      'https://127.0.0.1:3000',
      'https://clinic-laptop:3000',
      'https://192.168.1.5:3000',
    ]);
  });
});

describe('ensureCertificate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-tls-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a certificate for every name once, keeps the key to this account, and makes a new one when an address appears', async () => {
    const tlsDir = path.join(dir, 'tls');
    const names = { dnsNames: ['localhost', 'clinic-laptop'], ips: ['127.0.0.1', '::1', '192.168.1.5'] };
    const first = await ensureCertificate(tlsDir, names);
    expect(first.created).toBe(true);
    expect(fs.statSync(path.join(tlsDir, 'key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(tlsDir).mode & 0o777).toBe(0o700);
    expect(certificateCovers(first.cert, names)).toBe(true);

    const again = await ensureCertificate(tlsDir, { dnsNames: ['localhost'], ips: ['192.168.1.5'] });
    expect(again).toMatchObject({ created: false, cert: first.cert });

    const moved = await ensureCertificate(tlsDir, { ...names, ips: [...names.ips, '10.0.0.7'] });
    expect(moved.created).toBe(true);
    expect(certificateCovers(moved.cert, { dnsNames: [], ips: ['10.0.0.7'] })).toBe(true);
    expect(fs.statSync(path.join(tlsDir, 'key.pem')).mode & 0o777).toBe(0o600);
  });
});

interface Seen {
  server: 'api' | 'web';
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A stand-in for the API or the web app: answers every request and upgrade with what it received. */
async function echoServer(name: 'api' | 'web'): Promise<{ origin: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const seen: Seen = { server: name, url: req.url!, headers: req.headers };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  server.on('upgrade', (req, socket) => {
    socket.end(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Server: ${name}\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function request(
  url: string,
  options: https.RequestOptions = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    client
      .get(url, options, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

/** A GET whose body stays bytes (compressed ones too); `headers` as the client sends them. */
function fetchBytes(
  url: string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** A script as a Turbopack chunk looks: some repetition, so it compresses as real ones do. */
const SCRIPT = Buffer.from(
  Array.from({ length: 4000 }, (_, i) => `(globalThis.TURBOPACK||=[]).push(["chunk-${i}.js",${i},function(e){e.v=${i * 7}}]);\n`).join(''),
);
const SCRIPT_ETAG = 'W/"script-1"';

/**
 * A stand-in for `next start`: a build file under /_next/static/ as Next serves it (immutable, a weak
 * ETag, 304 to a matching If-None-Match, gzip to a client that takes it), a 404 next to it, and a page
 * that answers with the Accept-Encoding it was sent. Records the Accept-Encoding of every request.
 */
async function nextStandIn(): Promise<{ origin: string; server: http.Server; encodings: Map<string, string | undefined> }> {
  const encodings = new Map<string, string | undefined>();
  const server = http.createServer((req, res) => {
    encodings.set(req.url!, req.headers['accept-encoding']);
    if (req.url === '/_next/static/chunks/app.js') {
      const headers = {
        'content-type': 'application/javascript; charset=UTF-8',
        'cache-control': 'public, max-age=31536000, immutable',
        'accept-ranges': 'bytes',
        etag: SCRIPT_ETAG,
        vary: 'Accept-Encoding',
      };
      if (req.headers['if-none-match'] === SCRIPT_ETAG) return void res.writeHead(304, headers).end();
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        return void res.writeHead(200, { ...headers, 'content-encoding': 'gzip' }).end(zlib.gzipSync(SCRIPT));
      }
      return void res.writeHead(200, { ...headers, 'content-length': SCRIPT.length }).end(SCRIPT);
    }
    if (req.url!.startsWith('/_next/static/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<p>${req.headers['accept-encoding'] ?? 'none'}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, encodings };
}

function upgrade(url: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { connection: 'Upgrade', upgrade: 'websocket' } });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res);
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('startFrontServer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-front-'));
  let api: { origin: string; server: http.Server };
  let web: { origin: string; server: http.Server };
  beforeAll(async () => {
    [api, web] = await Promise.all([echoServer('api'), echoServer('web')]);
  });
  afterAll(async () => {
    await Promise.all([api, web].map(({ server }) => new Promise((resolve) => server.close(resolve))));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each path to its server with X-Forwarded-For set from the socket, whatever the client claimed', async () => {
    const front = await startFrontServer({ port: 0, host: '127.0.0.2', api: api.origin, web: web.origin });
    try {
      const base = `http://127.0.0.2:${front.port}`;
      const forged = { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9', forwarded: 'for=203.0.113.9' };
      // From 127.0.0.3, while the front server itself reaches the servers behind from 127.0.0.1.
      const login = JSON.parse((await request(`${base}/api/auth/login`, { headers: forged, localAddress: '127.0.0.3' })).body) as Seen;
      expect(login).toMatchObject({ server: 'api', url: '/api/auth/login' });
      expect(login.headers).toMatchObject({
        'x-forwarded-for': '127.0.0.3',
        'x-forwarded-host': `127.0.0.2:${front.port}`,
        'x-forwarded-proto': 'http',
        host: `127.0.0.2:${front.port}`,
      });
      expect(login.headers['x-real-ip']).toBeUndefined();
      expect(login.headers.forwarded).toBeUndefined();

      const session = JSON.parse((await request(`${base}/api/auth/session`)).body) as Seen;
      expect(session).toMatchObject({ server: 'web', url: '/api/auth/session' });
      expect(JSON.parse((await request(`${base}/doctor?x=1`)).body)).toMatchObject({ server: 'web', url: '/doctor?x=1' });

      const socket = await upgrade(`${base}/socket.io/?EIO=4&transport=websocket`);
      expect(socket.headers['x-server']).toBe('api');
    } finally {
      await front.close();
    }
  });

  it('sends Next’s build files with Brotli to a client that takes it, the same bytes once decompressed; the rest as the server answers', async () => {
    const next = await nextStandIn();
    const front = await startFrontServer({ port: 0, host: '127.0.0.1', api: api.origin, web: next.origin });
    try {
      const script = `http://127.0.0.1:${front.port}/_next/static/chunks/app.js`;
      const browser = 'gzip, deflate, br, zstd';
      const first = await fetchBytes(script, { 'accept-encoding': browser });
      expect(first.status).toBe(200);
      expect(first.headers).toMatchObject({
        'content-encoding': 'br',
        'content-length': String(first.body.length),
        'cache-control': 'public, max-age=31536000, immutable',
        'content-type': 'application/javascript; charset=UTF-8',
        etag: SCRIPT_ETAG,
        vary: 'Accept-Encoding',
      });
      expect(first.headers['accept-ranges']).toBeUndefined();
      expect(zlib.brotliDecompressSync(first.body).equals(SCRIPT)).toBe(true);
      // Next was asked for the file uncompressed: the front server compresses it itself.
      expect(next.encodings.get('/_next/static/chunks/app.js')).toBe('identity');

      // The best compression, made once meanwhile, answers from then on: smaller than gzip, the same bytes.
      expect(await front.brotliCache()).toMatchObject({ files: 1 });
      const again = await fetchBytes(script, { 'accept-encoding': browser });
      expect(again.headers['content-encoding']).toBe('br');
      expect(again.body.length).toBeLessThanOrEqual(first.body.length);
      expect(again.body.length).toBeLessThan(zlib.gzipSync(SCRIPT).length);
      expect(zlib.brotliDecompressSync(again.body).equals(SCRIPT)).toBe(true);

      // Without br: what Next sends, as before (gzip when asked, else the file as it is).
      const gzip = await fetchBytes(script, { 'accept-encoding': 'gzip, deflate' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(next.encodings.get('/_next/static/chunks/app.js')).toBe('gzip, deflate');
      expect(zlib.gunzipSync(gzip.body).equals(SCRIPT)).toBe(true);
      const plain = await fetchBytes(script, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(SCRIPT)).toBe(true);

      // Not a 200 of a build file: passed on as Next answered it.
      const unchanged = await fetchBytes(script, { 'accept-encoding': browser, 'if-none-match': SCRIPT_ETAG });
      expect(unchanged.status).toBe(304);
      expect(unchanged.body.length).toBe(0);
      const missing = await fetchBytes(`http://127.0.0.1:${front.port}/_next/static/chunks/gone.js`, { 'accept-encoding': browser });
      expect(missing).toMatchObject({ status: 404, body: Buffer.from('not found') });
      expect(missing.headers['content-encoding']).toBeUndefined();

      // Pages and the API are not touched: they get the client's own Accept-Encoding.
      const page = await fetchBytes(`http://127.0.0.1:${front.port}/visit/1`, { 'accept-encoding': browser });
      expect(page.body.toString()).toBe(`<p>${browser}</p>`);
      const health = JSON.parse(
        (await fetchBytes(`http://127.0.0.1:${front.port}/api/health`, { 'accept-encoding': browser })).body.toString(),
      );
      expect(health).toMatchObject({ server: 'api', headers: { 'accept-encoding': browser } });
    } finally {
      await front.close();
      await new Promise((resolve) => next.server.close(resolve));
    }
  });

  it('answers with a sentence when the server behind is down', async () => {
    const front = await startFrontServer({ port: 0, host: '127.0.0.1', api: 'http://127.0.0.1:9', web: 'http://127.0.0.1:9' });
    try {
      const answer = await request(`http://127.0.0.1:${front.port}/api/health`);
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 502, reason: 'service_unavailable' });
      expect((await request(`http://127.0.0.1:${front.port}/`)).status).toBe(502);
    } finally {
      await front.close();
    }
  });

  it('over https: serves with the generated certificate, says https to the servers behind, and sends plain http to https', async () => {
    const { key, cert } = await ensureCertificate(path.join(dir, 'tls'), { dnsNames: ['localhost'], ips: ['127.0.0.2'] });
    const front = await startFrontServer({ port: 0, host: '127.0.0.2', api: api.origin, web: web.origin, tls: { key, cert } });
    try {
      // Verified against the generated certificate itself: it names 127.0.0.2.
      const answer = await request(`https://127.0.0.2:${front.port}/sign-in`, { ca: cert });
      expect(JSON.parse(answer.body)).toMatchObject({ server: 'web', headers: { 'x-forwarded-proto': 'https' } });

      const typed = await request(`http://127.0.0.2:${front.port}/sign-in?callbackUrl=%2Fdoctor`);
      expect(typed.status).toBe(308);
      expect(typed.headers.location).toBe(`https://127.0.0.2:${front.port}/sign-in?callbackUrl=%2Fdoctor`);
    } finally {
      await front.close();
    }
  });
});
