import type { AppointmentResponse, AuthResponse, JoinRoomResult } from '@telehealth/contracts';
import argon2 from 'argon2';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { ClientSocket, connectSignaling, next, request } from './signaling-client';
import { minutesFromNow, TEST_PASSWORD } from './test-app';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One more API process, as a load balancer would see it: same database, same Redis, its own port. */
async function startNode(port: number): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL,
      JWT_SECRET: 'cross-node-secret-shared-by-both-processes',
      SEED_DEMO: 'false',
    },
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API node exited:\n${log}`);
    try {
      const health = await fetch(`${url}/api/health`);
      if (health.status === 200 && (await health.json()).redis === 'up') break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error(`API node not healthy within 30 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, url, log: () => log };
}

async function login(url: string, email: string): Promise<AuthResponse> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  expect(response.status).toBe(200);
  return response.json();
}

describe('two API processes sharing PostgreSQL and Redis', () => {
  const nodes: Array<{ child: ChildProcess }> = [];
  const sockets: ClientSocket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(
      nodes.map(({ child }) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))),
    );
  });

  it('runs a whole visit with the patient on one node and the doctor on the other', async () => {
    const [nodeA, nodeB] = await Promise.all([freePort().then(startNode), freePort().then(startNode)]);
    nodes.push(nodeA, nodeB);

    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    const hash = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id });
    const doctorEmail = `doctor-${randomUUID()}@test.example`;
    const patientEmail = `patient-${randomUUID()}@test.example`;
    for (const [email, name, role] of [[doctorEmail, 'Dr. Noor Aziz', 'DOCTOR'], [patientEmail, 'Kim Lund', 'PATIENT']]) {
      await db.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`, [email, name, role, hash]);
    }
    await db.end();

    const doctor = await login(nodeB.url, doctorEmail);
    const patient = await login(nodeA.url, patientEmail);
    const created = await fetch(`${nodeB.url}/api/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${doctor.accessToken}` },
      body: JSON.stringify({ patientId: patient.user.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason: 'Cross-node visit' }),
    });
    expect(created.status).toBe(201);
    const appointment = (await created.json()) as AppointmentResponse;

    const patientSocket = await connectSignaling(nodeA.url, patient.accessToken);
    const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);

    // Waiting room: the patient waits on node A, the doctor's dashboard on node B hears of it.
    const rings = next(doctorSocket, 'waiting-room-updated');
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    expect((await rings).waiting.map((entry) => entry.patient.name)).toEqual(['Kim Lund']);

    const introducedToPatient = next(patientSocket, 'peer-joined');
    const joined = await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId: appointment.roomId });
    expect(joined).toMatchObject({ ok: true, peers: [{ userId: patient.user.id }] });
    expect(await introducedToPatient).toMatchObject({ peer: { userId: doctor.user.id }, polite: true });

    const offer = next(patientSocket, 'offer');
    await request(doctorSocket, 'offer', { sdp: 'v=0 from node B' });
    expect(await offer).toEqual({ sdp: 'v=0 from node B', from: doctor.user.id });
    const answer = next(doctorSocket, 'answer');
    await request(patientSocket, 'answer', { sdp: 'v=0 from node A' });
    expect(await answer).toEqual({ sdp: 'v=0 from node A', from: patient.user.id });
    const candidate = next(doctorSocket, 'ice-candidate');
    await request(patientSocket, 'ice-candidate', { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } });
    expect((await candidate).from).toBe(patient.user.id);

    const chat = next(patientSocket, 'chat-message');
    await request(doctorSocket, 'chat-message', { body: 'Hello from the other node' });
    expect(await chat).toMatchObject({ body: 'Hello from the other node', senderName: 'Dr. Noor Aziz' });

    const left = next(doctorSocket, 'peer-left');
    await request(patientSocket, 'leave-room');
    expect(await left).toMatchObject({ peer: { userId: patient.user.id } });
  }, 90_000);
});
