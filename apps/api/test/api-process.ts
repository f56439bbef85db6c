import type { AppointmentResponse, AuthResponse } from '@telehealth/contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { freePort } from './free-port';
import path from 'node:path';
import { Client } from 'pg';
import { passwordHashOnce } from './password-hash';
import { minutesFromNow, TEST_PASSWORD } from './test-app';

export { freePort };

const MAIN = path.resolve(__dirname, '../dist/main.js');
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SHARED_SECRET = 'api-process-secret-shared-by-every-node';
/** The API processes of one spec file share their Redis keys (they are one deployment); other files' do not. */
export const SHARED_REDIS_KEY_PREFIX = `telehealth-test:${randomUUID().slice(0, 8)}:`;

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  port: number;
  log(): string;
  /** SIGTERM (a deploy) or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** One more API process, as a load balancer sees it: the run's database, the local Redis, its own port. */
export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL,
      REDIS_KEY_PREFIX: SHARED_REDIS_KEY_PREFIX,
      JWT_SECRET: SHARED_SECRET,
      SEED_DEMO: 'false',
      LOG_REQUESTS: 'false',
      OUTBOX_WORKER: 'false',
      ...env,
    },
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  // Loading the app takes seconds, and many more on a loaded machine: the spec's own timeout is
  // what bounds the wait. This deadline only makes sure a process that never comes up is not left running.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited:\n${log}`);
    try {
      const health = await fetch(`${url}/api/health`);
      if (health.status === 200 && ((await health.json()) as { redis: string }).redis === 'up') break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`API process not healthy within 120 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url, port, log: () => log, stop };
}

/** Accounts straight in the database, then signed in through a node's real login route. */
export async function accountsOn(
  apiUrl: string,
  people: Array<{ name: string; role: 'DOCTOR' | 'PATIENT' | 'ADMIN' }>,
): Promise<AuthResponse[]> {
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  const hash = await passwordHashOnce(TEST_PASSWORD);
  const emails: string[] = [];
  try {
    for (const person of people) {
      const email = `${person.role.toLowerCase()}-${randomUUID()}@test.example`;
      await db.query(
        `INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`,
        [email, person.name, person.role, hash],
      );
      emails.push(email);
    }
  } finally {
    await db.end();
  }
  return Promise.all(
    emails.map(async (email) => {
      const response = await fetch(`${apiUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
      return (await response.json()) as AuthResponse;
    }),
  );
}

/** A doctor and a patient signed in on `apiUrl`, and a visit between them booked there to start now. */
export async function visitBookedNowOn(apiUrl: string, doctorName: string, patientName: string, reason: string) {
  const [doctor, patient] = await accountsOn(apiUrl, [
    { name: doctorName, role: 'DOCTOR' },
    { name: patientName, role: 'PATIENT' },
  ]);
  if (!doctor || !patient) throw new Error(`accounts on ${apiUrl}: expected a doctor and a patient`);
  const created = await fetch(`${apiUrl}/api/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${doctor.accessToken}` },
    body: JSON.stringify({ patientId: patient.user.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason }),
  });
  if (created.status !== 201) throw new Error(`booking on ${apiUrl}: ${created.status} ${await created.text()}`);
  return { doctor, patient, appointment: (await created.json()) as AppointmentResponse };
}

/**
 * A stand-in for the load balancer in front of the API replicas: each new TCP connection
 * goes to the first node that accepts it, so when one node is gone, browsers land on the next.
 */
export async function startFailoverProxy(ports: () => number[]): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const candidates = [...ports()];
    const tryNext = () => {
      const port = candidates.shift();
      if (port === undefined) return client.destroy();
      const upstream = net.connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.once('error', () => {
        if (!connected) tryNext();
      });
    };
    client.on('error', () => undefined);
    tryNext();
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
