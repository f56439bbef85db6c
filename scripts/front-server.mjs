// The one address browsers open under `npm start`: pages, the browser's API calls (/bff/…),
// next-auth, REST and the signaling socket all on one origin, as nginx does in compose. So a
// phone on the Wi-Fi reaches everything at the address it opened, and neither PUBLIC_API_URL
// nor the API's CORS matter to the web app. Routing rules: front-routes.mjs. Next's build files go
// out with Brotli to browsers that take it (front-brotli.mjs); everything else as the servers answer.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import httpProxy from 'http-proxy';
import { createBrotliAssets } from './front-brotli.mjs';
import { acceptsBrotli, CLIENT_CLAIMED_HEADERS, forwardedHeaders, isImmutableAsset, routeFor } from './front-routes.mjs';

// A TLS connection opens with a handshake record (content type 22); an HTTP one with a method name.
const TLS_HANDSHAKE = 0x16;
// A connection that says nothing for this long is dropped before it is handed to either server.
const FIRST_BYTE_TIMEOUT_MS = 10_000;

/**
 * Starts the front server on `port` (every address of the machine unless `host` is given),
 * forwarding to `api` and `web` (origins such as `http://127.0.0.1:4000`), WebSocket upgrades
 * included. With `tls` ({ key, cert }) it speaks HTTPS, and a plain-HTTP request on the same
 * port (someone typing the address without `https://`) is redirected to HTTPS.
 * Resolves once listening, with `close()`.
 */
export async function startFrontServer({ port, host, api, web, tls }) {
  const targets = { api, web };
  const secure = Boolean(tls);
  // One short connection per request to the servers behind (http-proxy's default, no keep-alive
  // agent): on loopback it costs next to nothing, and a pooled connection that the server behind
  // closes just as it is reused would turn into a spurious 502.
  const proxy = httpProxy.createProxyServer({ xfwd: false });
  proxy.on('error', answerUnreachable);
  // Build files for a browser that takes Brotli: asked of Next uncompressed, answered here.
  const brotliAssets = createBrotliAssets();
  const assetProxy = httpProxy.createProxyServer({ xfwd: false, selfHandleResponse: true });
  assetProxy.on('error', answerUnreachable);
  assetProxy.on('proxyRes', (upstream, req, res) => {
    brotliAssets.respond(upstream, res).catch((error) => answerUnreachable(error, req, res));
  });

  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  let listeningPort = port;
  /** Rewrites the request's forwarding headers from what this server saw, and names its target. */
  const prepare = (req) => {
    for (const name of CLIENT_CLAIMED_HEADERS) delete req.headers[name];
    const seen = { remoteAddress: req.socket.remoteAddress, host: req.headers.host, secure, port: listeningPort };
    Object.assign(req.headers, forwardedHeaders(seen));
    return targets[routeFor(req.url)];
  };
  const onRequest = (req, res) => {
    // Only origin-form targets (`/path`): an absolute URL or `*` asks for a proxy, which this is not.
    if (!req.url?.startsWith('/')) return void res.writeHead(400, { connection: 'close' }).end();
    const target = prepare(req);
    if (req.method === 'GET' && isImmutableAsset(req.url) && acceptsBrotli(req.headers['accept-encoding'])) {
      req.headers['accept-encoding'] = 'identity';
      return void assetProxy.web(req, res, { target });
    }
    proxy.web(req, res, { target });
  };
  const onUpgrade = (req, socket, head) => {
    if (!req.url?.startsWith('/')) return void socket.destroy();
    track(socket);
    proxy.ws(req, socket, head, { target: prepare(req) });
  };

  const app = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  app.on('upgrade', onUpgrade);
  let listener = app;
  if (tls) {
    const redirect = http.createServer(redirectToHttps);
    listener = net.createServer((socket) => handOver(socket, app, redirect));
  }
  listener.on('connection', track);

  await new Promise((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(port, host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  listeningPort = listener.address().port;

  return {
    port: listeningPort,
    brotliCache: () => brotliAssets.settled(),
    close: () =>
      new Promise((resolve) => {
        listener.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Hands a new connection to the HTTPS server or, when it starts with plain HTTP, to the redirect. */
function handOver(socket, httpsServer, redirectServer) {
  socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.once('data', (chunk) => {
    socket.setTimeout(0);
    // Put the first bytes back, so the server that takes the socket reads the whole request.
    socket.pause();
    socket.unshift(chunk);
    (chunk[0] === TLS_HANDSHAKE ? httpsServer : redirectServer).emit('connection', socket);
    process.nextTick(() => socket.resume());
  });
}

/** `http://host:port/path` typed on a server that speaks HTTPS: the same address with https. */
function redirectToHttps(req, res) {
  const host = req.headers.host;
  if (!host || !req.url?.startsWith('/')) return void res.writeHead(400, { connection: 'close' }).end();
  res.writeHead(308, { location: `https://${host}${req.url}`, connection: 'close' }).end();
}

/** A server behind did not answer (starting, stopped): a sentence instead of a dropped connection. */
function answerUnreachable(error, req, res) {
  // For a WebSocket upgrade `res` is the client's socket: closing it is the answer.
  if (res instanceof net.Socket) return void res.destroy();
  if (res.headersSent) return void res.destroy();
  const sentence = 'The service cannot be reached right now. Please try again in a minute.';
  if (routeFor(req.url ?? '/') === 'api') {
    res.writeHead(502, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: sentence, code: 502, reason: 'service_unavailable' }));
  } else {
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(sentence);
  }
}
