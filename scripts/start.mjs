#!/usr/bin/env node
// `npm start`: runs the whole product on this machine. The API applies migrations and
// seeds the demo accounts itself; without DATABASE_URL it runs on the embedded database
// in .data/. In development, missing secrets are generated once and kept in .data/ so
// sessions survive restarts; in production they must come from the environment.
//   --no-web   start the API only
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const withWeb = !process.argv.includes('--no-web');

loadDotEnv(path.join(root, '.env'));
const env = { ...process.env };
const production = env.NODE_ENV === 'production';
const dataDir = path.resolve(root, env.DATA_DIR ?? '.data');
const apiPort = env.API_PORT ?? '4000';
const webPort = env.WEB_PORT ?? '3000';
const apiUrl = env.API_URL ?? `http://localhost:${apiPort}`;
const webUrl = env.NEXTAUTH_URL ?? `http://localhost:${webPort}`;

if (!production) Object.assign(env, devSecrets(['JWT_SECRET', 'NEXTAUTH_SECRET']));
if (!env.DATABASE_URL) env.EMBEDDED_DB_DIR ??= path.join(dataDir, 'pglite');

const children = [];
let stopping = false;

const api = run('api', [path.join(root, 'apps/api/dist/main.js')], {
  ...env,
  API_PORT: apiPort,
  WEB_ORIGIN: env.WEB_ORIGIN ?? webUrl,
});
await waitForHealth(`${apiUrl}/api/health`, api);

if (withWeb) {
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const web = run(
    'web',
    [nextBin, 'start', '--port', webPort],
    {
      ...env,
      API_URL: apiUrl,
      PUBLIC_API_URL: env.PUBLIC_API_URL ?? apiUrl,
      NEXTAUTH_URL: webUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    path.join(root, 'apps/web'),
  );
  await waitForHttp(webUrl, web);
}

console.log(`
  Telehealth is running
    web:  ${withWeb ? webUrl : '(not started: --no-web)'}
    api:  ${apiUrl}/api   (health: ${apiUrl}/api/health)
    database: ${env.DATABASE_URL ? 'DATABASE_URL' : `embedded, data in ${env.EMBEDDED_DB_DIR}`}
  Demo accounts (password: demo-password), seeded on an empty database:
    doctor@demo.test, patient@demo.test, patient2@demo.test, admin@demo.test
  Ctrl+C stops everything.
`);

function run(name, args, childEnv, cwd = root) {
  const child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
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

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForHealth(url, child) {
  await waitFor(url, child, (response) => response.status === 200, 120_000);
}

async function waitForHttp(url, child) {
  await waitFor(url, child, (response) => response.status < 500, 120_000);
}

async function waitFor(url, child, ready, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return;
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
