#!/usr/bin/env node
// `npm start`: runs the whole product on this machine. The API applies migrations and
// seeds the demo accounts itself; without DATABASE_URL it runs on the embedded database
// in .data/. In development, missing secrets are generated once and kept in .data/ so
// sessions survive restarts; in production they must come from the environment.
//
// Browsers open one address, WEB_PORT (3000), on every network address of the machine: a
// front server (front-server.mjs) sends /socket.io/, /api/… (but next-auth's /api/auth/…)
// to the API and everything else to Next.js, which listens on 127.0.0.1 only. So a phone
// on the same Wi-Fi reaches pages, API and signaling at the address it opened.
//   --no-web   start the API only (no front server, no web app)
//   --https    (or HTTPS=true) serve that address over HTTPS with a self-signed certificate
//              made in <DATA_DIR>/tls/: browsers give camera and microphone to other devices
//              only over HTTPS
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import apiNodeFlags from './api-node-flags.cjs';
import { startFrontServer } from './front-server.mjs';
import { appAddresses, lanAddresses, machineNames } from './local-network.mjs';
import { ensureCertificate } from './tls-certificate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const withWeb = !process.argv.includes('--no-web');

loadDotEnv(path.join(root, '.env'));
// An empty setting (`KEY=` as in .env.example) means "unset", for every process started here:
// next-auth, for one, fails on every page when NEXTAUTH_URL is an empty string.
const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
const production = env.NODE_ENV === 'production';
const secure = process.argv.includes('--https') || isTrue(env.HTTPS);
const dataDir = path.resolve(root, env.DATA_DIR || '.data');
const apiPort = env.API_PORT || '4000';
const webPort = Number(env.WEB_PORT || '3000');
// The API as the launcher and the web server reach it, never through the front server.
const apiUrl = env.API_URL || `http://127.0.0.1:${apiPort}`;

if (!production) Object.assign(env, devSecrets(['JWT_SECRET', 'NEXTAUTH_SECRET']));
if (!env.DATABASE_URL) env.EMBEDDED_DB_DIR ||= path.join(dataDir, 'pglite');

const lan = lanAddresses();
const addresses = appAddresses({ secure, port: webPort, lan });
// Links in emails (invitations, visit links, password resets) must open on the device that
// reads them: over https that is the network address a phone can reach.
const webOrigin = env.WEB_ORIGIN || env.PUBLIC_ORIGIN || ((secure && addresses.find((a) => a.lan)) || addresses[0]).url;

const children = [];
let front = null;
let stopping = false;
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The front server first: a port already taken (another `npm start`?) is said at once, not after
// the API and Next.js have started. Until they answer, it answers 502 with a sentence.
const webInternalPort = withWeb ? Number(env.WEB_INTERNAL_PORT) || (await freePort()) : null;
const webTarget = `http://127.0.0.1:${webInternalPort}`;
if (withWeb) {
  const tls = secure ? await certificate() : null;
  try {
    front = await startFrontServer({ port: webPort, host: env.WEB_HOST || undefined, api: apiUrl, web: webTarget, tls });
  } catch (error) {
    console.error(`[start] cannot listen on port ${webPort} (WEB_PORT): ${error.message}`);
    process.exit(1);
  }
}

const api = run('api', [...apiNodeFlags.apiNodeFlags(), path.join(root, 'apps/api/dist/main.js')], {
  ...env,
  API_PORT: apiPort,
  // Behind the front server, browsers never need the API's own port: keep it on this machine.
  ...(withWeb ? { API_HOST: env.API_HOST || '127.0.0.1' } : {}),
  // The front server and the web server, both on this machine, say who the client is in
  // X-Forwarded-For (set, never appended): the API believes loopback hops only.
  ...(withWeb ? { TRUST_PROXY: env.TRUST_PROXY || 'loopback' } : {}),
  WEB_ORIGIN: webOrigin,
});
await waitFor(`${apiUrl}/api/health`, api, (response) => response.status === 200);

if (withWeb) {
  warnAboutFixedOrigins();
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const web = run(
    'web',
    [nextBin, 'start', '--hostname', '127.0.0.1', '--port', String(webInternalPort)],
    {
      ...env,
      API_URL: apiUrl,
      // next-auth takes the origin from X-Forwarded-Host/-Proto, which the front server sets:
      // sign-in and sign-out come back to whichever address the browser opened.
      AUTH_TRUST_HOST: 'true',
      // Decides the session cookie's name and Secure flag (apps/web/lib/config.ts).
      HTTPS: secure ? 'true' : 'false',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    path.join(root, 'apps/web'),
    // Next.js prints its own Local/Network lines for the internal port: not an address to open.
    (line) => !/^\s*- (Local|Network):/.test(line),
  );
  await waitFor(`${webTarget}/sign-in`, web, (response) => response.status < 500);
}

if (!stopping) printAddresses();

function printAddresses() {
  const width = Math.max(...addresses.map((a) => a.url.length));
  const phone = addresses.find((a) => a.lan);
  const lines = withWeb
    ? [
        '  Open it at:',
        ...addresses.map((a) => `    ${a.url.padEnd(width)}   ${a.note}`),
        secure && phone
          ? `  On a phone on the same network: open ${phone.url} and accept the certificate once (README: "Phones and other devices").`
          : !secure
            ? '  Other devices get camera and microphone only over HTTPS: npm start -- --https'
            : null,
        `  API: ${addresses[0].url}/api   (health: ${addresses[0].url}/api/health)`,
      ]
    : ['  web: (not started: --no-web)', `  API: ${apiUrl}/api   (health: ${apiUrl}/api/health)`];
  console.log(`
  Telehealth is running.
${lines.filter((line) => line !== null).join('\n')}
  Database: ${env.DATABASE_URL ? 'DATABASE_URL' : `embedded, data in ${env.EMBEDDED_DB_DIR}`}
  Demo accounts (password: demo-password), seeded on an empty database:
    doctor@demo.test, patient@demo.test, patient2@demo.test, admin@demo.test
  Ctrl+C stops everything.
`);
}

/** The certificate for every name and address of this machine (made or renewed when they changed). */
async function certificate() {
  const names = { dnsNames: machineNames(), ips: ['127.0.0.1', '::1', ...lan] };
  const { key, cert, created, certFile } = await ensureCertificate(path.join(dataDir, 'tls'), names);
  if (created) console.log(`[start] made a certificate for ${[...names.dnsNames, ...names.ips].join(', ')}: ${certFile}`);
  return { key, cert };
}

/** Settings from an older .env that would send browsers to one fixed address instead of the one they opened. */
function warnAboutFixedOrigins() {
  if (env.PUBLIC_API_URL) {
    console.warn(`[start] PUBLIC_API_URL=${env.PUBLIC_API_URL}: browsers call the API there, not through ${addresses[0].url}.`);
    console.warn('[start]   Leave it unset (remove it from .env) unless the API really is on another origin.');
  }
  if (env.NEXTAUTH_URL) {
    console.warn(`[start] NEXTAUTH_URL=${env.NEXTAUTH_URL}: sign-in sends every browser there, whatever address it opened.`);
    console.warn('[start]   Leave it unset (remove it from .env) to open the app from other devices.');
  }
  if (['false', 'no', 'off', '0'].includes(String(env.TRUST_PROXY).toLowerCase())) {
    console.warn('[start] TRUST_PROXY=false: the API sees every browser as this machine (the front server), so sign-in');
    console.warn('[start]   pauses and the audit log cannot tell people apart. Leave it unset (loopback) under npm start.');
  }
}

function run(name, args, childEnv, cwd = root, keepLine = null) {
  const child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: ['ignore', keepLine ? 'pipe' : 'inherit', 'inherit'] });
  if (keepLine) {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (keepLine(line)) console.log(line);
    });
  }
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited (${signal ?? code}); stopping the rest`);
    stop(code === 0 ? 1 : (code ?? 1));
  });
  return child;
}

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  void front?.close();
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  if (alive.length === 0) process.exit(exitCode);
  let remaining = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      if (--remaining === 0) process.exit(exitCode);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(exitCode), 15_000).unref();
}

async function waitFor(url, child, ready, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || stopping) return;
    try {
      if (ready(await fetch(url, { redirect: 'manual' }))) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error(`[start] ${url} did not answer within ${timeoutMs / 1000} s`);
  stop(1);
}

/** A port nothing listens on right now on 127.0.0.1, for Next.js behind the front server. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function isTrue(value) {
  return ['true', '1', 'yes', 'on'].includes(String(value ?? '').toLowerCase());
}

function devSecrets(names) {
  const file = path.join(dataDir, 'dev-secrets.json');
  let stored = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // first start
  }
  const missing = names.filter((name) => !env[name] && !stored[name]);
  if (missing.length > 0) {
    for (const name of missing) stored[name] = randomBytes(32).toString('base64url');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(names.filter((name) => !env[name]).map((name) => [name, stored[name]]));
}

function loadDotEnv(file) {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const value = match[2].replace(/^(['"])(.*)\1$/, '$2');
    if (process.env[match[1]] === undefined) process.env[match[1]] = value;
  }
}
