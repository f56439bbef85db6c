import type { Ack } from '@telehealth/contracts';
import { ERROR_REASONS, SignalingEvent } from '@telehealth/contracts';
import { ClientSocket, connectSignaling, next, pause, record, request } from './signaling-client';
import { signedInUser, startTestApp, TestApp, visitStartingNow } from './test-app';

/** A small deterministic generator, so a failure can be replayed with the same seed. */
function random(seed: number) {
  // mulberry32: well mixed in every bit, unlike a bare linear congruential step.
  let state = seed >>> 0;
  const nextInt = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    int: (max: number) => nextInt() % max,
    pick: <T>(items: readonly T[]) => items[nextInt() % items.length]!,
  };
}

// Client events, server-only events a client has no business sending, and made-up ones.
const EVENTS = [...Object.values(SignalingEvent), 'constructor', '__proto__', 'hasOwnProperty', 'x'.repeat(200)];

/** Payloads a confused or hostile client sends; big strings only at the top, so a frame stays under the size limit. */
function garbage(rng: ReturnType<typeof random>, depth = 0): unknown {
  const big = (size: number) => 'x'.repeat(depth === 0 ? size : 10);
  switch (rng.int(depth > 2 ? 8 : 12)) {
    case 0:
      return null;
    case 1:
      return rng.int(1_000_000) - 500_000;
    case 2:
      return rng.int(3) === 0 ? big(25_000) : 'x'.repeat(rng.int(300));
    case 3:
      return true;
    case 4:
      return { roomId: rng.pick(['', big(100), 42, null, '../../etc', { $ne: 1 }]) };
    case 5:
      return { sdp: rng.pick(['', 42, 'v=0', big(21_000), ['a']]), to: rng.pick([undefined, 42, 'someone', '']) };
    case 6:
      return { candidate: rng.pick([null, 'c', { candidate: 7 }, { candidate: big(1_100) }, { candidate: 'ok', sdpMLineIndex: -1 }]) };
    case 7:
      return {
        body: rng.pick([
          '',
          '   ',
          42,
          big(2_100),
          { nested: true },
          'nul\u0000here',
          'lone \ud800 surrogate',
          '\udfff',
          'esc\u001b[2J',
          'Иван 李小龙 مرحبا 😀',
        ]),
      };
    case 8:
      return [garbage(rng, depth + 1), garbage(rng, depth + 1)];
    case 9:
      return { audio: rng.pick(['yes', 1, null]), video: rng.pick([true, 'no']) };
    case 10:
      return { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } };
    default:
      return undefined;
  }
}

function isAckShape(ack: unknown): boolean {
  if (typeof ack !== 'object' || ack === null) return false;
  const value = ack as Ack<Record<string, unknown>>;
  if (value.ok === true) return true;
  return (
    value.ok === false &&
    typeof value.error === 'string' &&
    value.error.length > 0 &&
    Number.isInteger(value.code) &&
    value.code >= 400 &&
    value.code < 500
  );
}

describe('hostile input (real sockets, real database)', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await sut.close();
  });

  it('survives 10,000 malformed, oversized, mistyped and out-of-order socket events; every answer is an error shape; other rooms are untouched', async () => {
    const calm = await visitStartingNow(sut, 'Fuzz');
    const calmPatient = await connectSignaling(sut.url, calm.patient.token);
    const calmDoctor = await connectSignaling(sut.url, calm.doctor.token, { doctor: true });
    sockets.push(calmPatient, calmDoctor);
    await request(calmPatient, 'join-room', { roomId: calm.appointment.roomId });
    await request(calmDoctor, 'join-room', { roomId: calm.appointment.roomId });
    const calmReceived = record(calmPatient, 'offer');
    const calmChats = record(calmPatient, 'chat-message');

    const attackers = await Promise.all(Array.from({ length: 50 }, () => signedInUser(sut, 'PATIENT')));
    const sessionEventsBefore = await sut.prisma.sessionEvent.count();
    const chatsBefore = await sut.prisma.chatMessage.count();

    const answers: unknown[] = [];
    const calmTraffic = (async () => {
      for (let index = 0; index < 40; index++) {
        expect(await request(calmDoctor, 'offer', { sdp: `v=0 calm ${index}` })).toEqual({ ok: true });
        await pause(50);
      }
    })();
    await Promise.all(
      attackers.map(async (attacker, attackerIndex) => {
        const rng = random(attackerIndex + 1);
        const socket = await connectSignaling(sut.url, attacker.token);
        sockets.push(socket);
        for (let index = 0; index < 200; index++) {
          const event = rng.pick(EVENTS);
          const payload = rng.int(10) === 0 ? { roomId: calm.appointment.roomId } : garbage(rng);
          // Mostly acknowledged; sometimes no callback at all, which must not hurt either.
          if (rng.int(20) === 0) {
            (socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
          } else {
            answers.push(await request(socket, event as never, payload).catch((error: Error) => ({ transport: error.message, event })));
          }
          if (index % 25 === 24) await pause(600); // stay under the flood limit: this is bad input, not a flood
        }
      }),
    );
    await calmTraffic;

    expect(answers.length).toBeGreaterThan(9_000);
    const malformed = answers.filter((answer) => !isAckShape(answer));
    expect(malformed).toEqual([]);
    expect(answers.filter((answer) => (answer as { code?: number }).code === 403).length).toBeGreaterThan(0);

    // Nothing written for refused requests: no stranger got into the calm room, no chat line was stored.
    expect(await sut.prisma.chatMessage.count()).toBe(chatsBefore);
    expect(await sut.prisma.sessionEvent.count({ where: { userId: { in: attackers.map((attacker) => attacker.id) } } })).toBe(0);
    expect(await sut.prisma.sessionEvent.count()).toBe(sessionEventsBefore);

    expect(calmReceived.map((offer) => offer.sdp)).toEqual(Array.from({ length: 40 }, (_, index) => `v=0 calm ${index}`));
    expect(calmChats).toEqual([]);
    const stillServing = next(calmPatient, 'chat-message');
    await request(calmDoctor, 'chat-message', { body: 'still here' });
    expect((await stillServing).body).toBe('still here');
    await sut.http.get('/api/health').expect(200);
  }, 120_000);

  it('answers 1,000 malformed REST requests in the error shape, never with a 5xx, and writes nothing', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const rng = random(7);
    const paths = [
      '/api/appointments',
      '/api/appointments/00000000-0000-0000-0000-000000000000',
      '/api/appointments/%E0%A4%A',
      '/api/appointments/../../etc/passwd',
      '/api/patients',
      '/api/auth/login',
      '/api/auth/register',
      '/api/me',
      '/api/ice-servers',
      '/api/sessions',
      '/api/sessions/not-a-session/notes',
      '/api/nothing-here',
    ];
    const bodies = [
      '{',
      '{"patientId": 42}',
      '[]',
      'null',
      '"string"',
      '{"startsAt": "yesterday", "durationMinutes": "ten"}',
      `{"reason": "${'r'.repeat(150_000)}"}`,
      '{"email": {"$gt": ""}, "password": []}',
      '{"status": "DELETED"}',
      // Text PostgreSQL cannot store (NUL), broken UTF-16 (lone surrogates) and control characters, in every typed field.
      `{"patientId": "00000000-0000-0000-0000-000000000000", "startsAt": "2030-01-01T10:00:00Z", "durationMinutes": 20, "reason": "a\\u0000b"}`,
      '{"body": "notes \\ud800 here", "baseVersion": 0}',
      '{"email": "x\\u0000@test.example", "password": "long enough password", "name": "\\udc00"}',
      '{"name": "Ana\\u0007", "email": "ana@test.example", "password": "long enough password"}',
    ];
    const before = await sut.prisma.appointment.count();
    const usersBefore = await sut.prisma.user.count();
    const statuses: number[] = [];
    for (let index = 0; index < 1_000; index++) {
      const method = rng.pick(['get', 'post', 'patch', 'put', 'delete'] as const);
      const path = rng.pick(paths);
      const token = rng.pick([doctor.token, patient.token, 'garbage', undefined]);
      let call = sut.http[method](
        path +
          (rng.int(4) === 0
            ? `?page=${rng.pick(['-1', 'abc', '1e309', ''])}&scope=${rng.pick(['past', '☃', ''])}&query=${rng.pick(['%00', '%ED%A0%80', '%1B', 'Иван', '%F0%9F%98%80'])}`
            : ''),
      );
      if (token) call = call.set('Authorization', `Bearer ${token}`);
      const response = await call
        .set('Content-Type', rng.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']))
        .send(rng.pick(bodies));
      statuses.push(response.status);
      if (response.status >= 400) {
        expect(typeof response.body.error).toBe('string');
        // The error shape, plus what a sign-in refusal adds for the person (tries left, when to retry).
        expect(
          Object.keys(response.body).filter((key) => !['code', 'error', 'reason', 'remainingAttempts', 'retryAfterSeconds'].includes(key)),
        ).toEqual([]);
        expect(response.body.code).toBe(response.status);
        expect(ERROR_REASONS).toContain(response.body.reason);
      }
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(await sut.prisma.appointment.count()).toBe(before);
    expect(await sut.prisma.user.count()).toBe(usersBefore);
  }, 180_000);
});
