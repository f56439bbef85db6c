import type { AppointmentResponse } from '@telehealth/contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './api-process';
import { ClientSocket, connectSignaling, next, pause, request } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

/** A Redis of this test's own, so it can be killed and restarted without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ready = await new Promise<boolean>((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
    if (ready) return redis;
    if (Date.now() > deadline) throw new Error(`redis on ${port} did not start`);
    await pause(100);
  }
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function visit(
  sut: TestApp,
  startsAt = minutesFromNow(0),
): Promise<{ doctor: TestUser; patient: TestUser; appointment: AppointmentResponse }> {
  const doctor = await signedInUser(sut, 'DOCTOR');
  const patient = await signedInUser(sut, 'PATIENT');
  const response = await sut.http
    .post('/api/appointments')
    .set(bearer(doctor))
    .send({ patientId: patient.id, startsAt, durationMinutes: 30, reason: 'Faults' })
    .expect(201);
  return { doctor, patient, appointment: response.body };
}

async function inCall(
  sut: TestApp,
  v: Awaited<ReturnType<typeof visit>>,
): Promise<{ doctorSocket: ClientSocket; patientSocket: ClientSocket }> {
  const patientSocket = await connectSignaling(sut.url, v.patient.token);
  const doctorSocket = await connectSignaling(sut.url, v.doctor.token, { doctor: true });
  await request(patientSocket, 'join-room', { roomId: v.appointment.roomId });
  const introduced = next(patientSocket, 'peer-joined');
  await request(doctorSocket, 'join-room', { roomId: v.appointment.roomId });
  await introduced;
  return { doctorSocket, patientSocket };
}

describe('faults', () => {
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('resumes 20 of 20 calls whose patient lost the network for 10 s, without a new join', async () => {
    const sut = await startTestApp({}, { listen: true });
    try {
      const calls = await Promise.all(Array.from({ length: 20 }, async () => inCall(sut, await visit(sut))));
      for (const call of calls) sockets.push(call.doctorSocket, call.patientSocket);
      const outcomes = await Promise.all(
        calls.map(async ({ doctorSocket, patientSocket }) => {
          const id = patientSocket.id;
          const reconnecting = next(doctorSocket, 'peer-reconnecting', 5_000);
          const resumed = next(doctorSocket, 'peer-joined', 25_000);
          // The network is gone for 10 s: the client may only try again after that.
          patientSocket.io.reconnectionDelay(10_000).reconnectionDelayMax(10_000).randomizationFactor(0);
          const droppedAt = Date.now();
          patientSocket.io.engine.close();
          await reconnecting;
          const event = await resumed;
          const offer = next(patientSocket, 'offer');
          await request(doctorSocket, 'offer', { sdp: 'v=0 ice restart' });
          await offer;
          return event.resumed && patientSocket.recovered && patientSocket.id === id && Date.now() - droppedAt >= 10_000;
        }),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(20);
    } finally {
      await sut.close();
    }
  }, 90_000);

  it('keeps relaying after Redis restarts under the gateway, and never crashes meanwhile', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const sut = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` }, { listen: true });
    try {
      const v = await visit(sut);
      const { doctorSocket, patientSocket } = await inCall(sut, v);
      sockets.push(doctorSocket, patientSocket);
      const before = next(patientSocket, 'offer');
      await request(doctorSocket, 'offer', { sdp: 'v=0 before' });
      expect((await before).sdp).toBe('v=0 before');

      await kill(redis);
      // While Redis is away, answers still come (as errors or as ok), and the process stays up.
      const during = await request(doctorSocket, 'offer', { sdp: 'v=0 during' }).catch((error: Error) => ({ transport: error.message }));
      expect(during).toHaveProperty('ok');
      const health = await sut.http.get('/api/health');
      expect(health.body.redis).toBe('down');

      redis = await startRedis(port);
      const deadline = Date.now() + 20_000;
      let delivered = false;
      while (!delivered && Date.now() < deadline) {
        const after = next(patientSocket, 'offer', 1_000).then(
          (offer) => offer.sdp === 'v=0 after',
          () => false,
        );
        await request(doctorSocket, 'offer', { sdp: 'v=0 after' }).catch(() => undefined);
        delivered = await after;
      }
      expect(delivered).toBe(true);
      expect((await sut.http.get('/api/health').expect(200)).body.redis).toBe('up');
    } finally {
      await sut.close();
      await kill(redis);
    }
  }, 90_000);

  it('books exactly one of 100 concurrent requests for the same slot, and answers every other one 409', async () => {
    // A pool as large as a busy clinic's, so that many inserts really run at once: PostgreSQL may
    // then abort one of two that wait on each other (a deadlock), which must still end as a 409.
    const sut = await startTestApp({ DATABASE_POOL_SIZE: '50' });
    try {
      const doctor = await signedInUser(sut, 'DOCTOR');
      const patients = await Promise.all(Array.from({ length: 5 }, () => signedInUser(sut, 'PATIENT')));
      const startsAt = minutesFromNow(3 * 24 * 60);
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          sut.http
            .post('/api/appointments')
            .set(bearer(doctor))
            .send({ patientId: patients[index % 5]!.id, startsAt, durationMinutes: 30, reason: `slot ${index}` }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status !== 201)).toEqual(Array(99).fill(409));
      expect(await sut.prisma.appointment.count({ where: { doctorId: doctor.id } })).toBe(1);
    } finally {
      await sut.close();
    }
  }, 60_000);
});
