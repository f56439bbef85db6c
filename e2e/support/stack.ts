import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import net from 'node:net';
import { Client } from 'pg';
import { freePort } from '../../apps/api/test/free-port';
import { passwordHashOnce } from '../../apps/api/test/password-hash';

export const ROOT = path.resolve(__dirname, '../..');
export const PASSWORD = 'journey-password-123';

export interface Stack {
  apiUrl: string;
  webUrl: string;
  stop(): Promise<void>;
  logs(): string;
}

export interface Account {
  id: string;
  email: string;
  name: string;
}

/**
 * How a test ends its `next start`: the web app keeps nothing, and on SIGTERM Next spends 3 s in its
 * own clean-up before it exits, in every journey's teardown (over a minute of a CI run).
 */
export const WEB_STOP_SIGNAL: NodeJS.Signals = 'SIGKILL';

/** Sends `signal` to `child` (unless it has exited) and resolves once it is gone. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function waitFor(url: string, child: ChildProcess, logs: () => string, ready: (status: number) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited\n${logs()}`);
    try {
      if (ready((await fetch(url, { redirect: 'manual' })).status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 60 s\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The real product for a browser journey: the built API (on the run's PostgreSQL and the
 * local Redis) and the built web app, each its own process on a free port.
 */
export async function startStack(overrides: Record<string, string> = {}): Promise<Stack> {
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://localhost:${apiPort}`;
  const webUrl = `http://localhost:${webPort}`;
  let output = '';
  const collect = (name: string) => (chunk: Buffer) => (output += `[${name}] ${chunk.toString()}`);
  const secret = `journey-${randomUUID()}-${randomUUID()}`;

  const api = spawn(process.execPath, [path.join(ROOT, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      API_PORT: String(apiPort),
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: secret,
      WEB_ORIGIN: webUrl,
      SEED_DEMO: 'false',
      // Its own Redis keys: sign-in limits count by address, and every journey's browsers sign in from 127.0.0.1.
      REDIS_KEY_PREFIX: `telehealth-journey:${randomUUID().slice(0, 8)}:`,
      // The run's stacks and test apps share one database: only a journey that reads email sends it.
      OUTBOX_WORKER: 'false',
      ...overrides,
    },
  });
  api.stdout?.on('data', collect('api'));
  api.stderr?.on('data', collect('api'));
  const web = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '--port', String(webPort)], {
    cwd: path.join(ROOT, 'apps/web'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      API_URL: apiUrl,
      PUBLIC_API_URL: apiUrl,
      NEXTAUTH_URL: webUrl,
      NEXTAUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  web.stdout?.on('data', collect('web'));
  web.stderr?.on('data', collect('web'));
  const logs = () => output;
  const stop = async () => {
    await Promise.all([stopChild(web, WEB_STOP_SIGNAL), stopChild(api)]);
  };
  try {
    await waitFor(`${apiUrl}/api/health`, api, logs, (status) => status === 200);
    await waitFor(`${webUrl}/sign-in`, web, logs, (status) => status < 500);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, webUrl, stop, logs };
}

/** A fresh account straight in the database (doctors cannot register themselves). */
export async function createAccount(role: 'DOCTOR' | 'PATIENT' | 'ADMIN', name: string, timeZone = 'Europe/Berlin'): Promise<Account> {
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  try {
    const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@journey.test`;
    const hash = await passwordHashOnce(PASSWORD);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (id, email, name, role, password_hash, time_zone, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now()) RETURNING id`,
      [email, name, role, hash, timeZone],
    );
    return { id: rows[0]!.id, email, name };
  } finally {
    await db.end();
  }
}

/** A call to the API of the journey's stack as a client would make it (a token when given); throws on anything but 2xx. */
export async function api<T>(apiUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${apiUrl}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Waits until `name` (a child process: nginx, turnserver) accepts TCP connections on 127.0.0.1:`port`; fails if it exits. */
export async function listeningOn(port: number, child: ChildProcess, name: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${name} did not listen on ${port} within 20 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
