import type { AppointmentResponse, JoinRoomResult } from '@telehealth/contracts';
import jwt from 'jsonwebtoken';
import { AccountEvents } from '../src/common/account-events';
import { REDIS_URL, SHARED_REDIS_KEY_PREFIX } from './api-process';
import { ClientSocket, connectSignaling, next, pause, request } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

const TOO_MANY = 'Too many open connections for this account (5): close another tab or device.';

/** Resolves with the reason of the socket's next disconnect, or rejects after `ms`. */
function disconnected(socket: ClientSocket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The refusal a connection attempt gets at the door. */
async function refusal(url: string, token: string): Promise<{ message: string; data: unknown }> {
  try {
    const socket = await connectSignaling(url, token, { reconnection: false });
    socket.close();
    throw new Error('connected');
  } catch (error) {
    const { message, data } = error as Error & { data?: unknown };
    return { message, data };
  }
}

describe('socket sessions: a socket lives only as long as its sign-in (two API instances sharing Redis)', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    // Sign-in throttling lives in the shared Redis too, where other specs' failed sign-ins from 127.0.0.1 count: not this spec's subject.
    const shared = { REDIS_URL, REDIS_KEY_PREFIX: SHARED_REDIS_KEY_PREFIX };
    [nodeA, nodeB] = await Promise.all([startTestApp(shared, { listen: true }), startTestApp(shared, { listen: true })]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([nodeA.close(), nodeB.close()]);
  });

  async function connect(
    app: TestApp,
    user: { token: string; role?: string },
    options: { reconnection?: boolean } = {},
  ): Promise<ClientSocket> {
    const socket = await connectSignaling(app.url, user.token, { ...options, doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  async function visit(): Promise<{ doctor: TestUser; patient: TestUser; appointment: AppointmentResponse }> {
    const doctor = await signedInUser(nodeA, 'DOCTOR', 'Dr. Ana Ruiz');
    const patient = await signedInUser(nodeA, 'PATIENT', 'Tom Berg');
    const response = await nodeA.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason: 'Chest pain since Monday' })
      .expect(201);
    return { doctor, patient, appointment: response.body };
  }

  it('closes every socket of an account on every API process when the account is revoked, and refuses it at the door after', async () => {
    const { doctor, patient, appointment } = await visit();
    const doctorOnA = await connect(nodeA, doctor);
    const doctorOnB = await connect(nodeB, doctor);
    const patientSocket = await connect(nodeB, patient);
    const closedOnA = disconnected(doctorOnA);
    const closedOnB = disconnected(doctorOnB);

    // What auth does after storing a sign-out or a deactivation (the revocation is published on node A only).
    await nodeA.app.get(AccountEvents).revoked(doctor.id, 'deactivated');

    expect(await closedOnA).toBe('io server disconnect');
    expect(await closedOnB).toBe('io server disconnect');
    // The patient joining now is not shown to the closed dashboards, and the patient's own socket is untouched.
    const seen: unknown[] = [];
    doctorOnB.on('waiting-room-updated', (event) => seen.push(event));
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    await pause(200);
    expect(seen).toEqual([]);
    // The token of the revoked sign-in no longer opens a socket on either node.
    expect(await refusal(nodeB.url, doctor.token)).toEqual({
      message: 'Sign in again: the access token is missing, invalid or expired.',
      data: { code: 401, reason: 'unauthenticated' },
    });
    expect(await refusal(nodeA.url, doctor.token)).toMatchObject({ data: { code: 401 } });
  });

  it('signs out through POST /api/auth/logout: the account’s socket on the other node is closed and its token refused', async () => {
    const { doctor, patient, appointment } = await visit();
    const patientSocket = await connect(nodeA, patient);
    const doctorSocket = await connect(nodeB, doctor);
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    const closed = disconnected(patientSocket);

    await nodeB.http.post('/api/auth/logout').set(bearer(patient)).expect(204);

    expect(await closed).toBe('io server disconnect');
    expect(patientSocket.connected).toBe(false);
    expect(await refusal(nodeA.url, patient.token)).toMatchObject({ data: { code: 401 } });
  });

  it('does not restore a dropped socket whose sign-in was revoked meanwhile: no recovery, no missed messages, a 401', async () => {
    const { doctor, patient, appointment } = await visit();
    const patientSocket = await connect(nodeA, patient);
    const doctorSocket = await connect(nodeB, doctor);
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    // Every packet that reaches the patient's browser, whatever the client library does with it.
    const wire: unknown[] = [];
    patientSocket.io.on('packet', (packet: { type: number; data?: unknown }) => wire.push(packet.data));

    const reconnecting = next(doctorSocket, 'peer-reconnecting');
    patientSocket.io.engine.close();
    await reconnecting;
    // Signed out while the network was down; meanwhile the doctor wrote in the chat.
    await nodeB.prisma.user.update({ where: { id: patient.id }, data: { tokensValidAfter: new Date() } });
    await nodeB.app.get(AccountEvents).revoked(patient.id);
    await request(doctorSocket, 'chat-message', { body: 'Your results are in' });

    const refused = await new Promise<Error & { data?: unknown }>((resolve) => patientSocket.once('connect_error', resolve));
    expect(refused.message).toBe('Sign in again: the access token is missing, invalid or expired.');
    expect(refused.data).toEqual({ code: 401, reason: 'unauthenticated' });
    expect(patientSocket.connected).toBe(false);
    expect(JSON.stringify(wire)).not.toContain('Your results are in');
  });

  it('closes a socket when the sign-in behind its token expires', async () => {
    const patient = await signedInUser(nodeA, 'PATIENT');
    // A sign-in two seconds from its end, signed as the API signs them.
    const token = jwt.sign({ role: 'PATIENT', iat_ms: Date.now(), use: 'access' }, nodeA.config.JWT_SECRET, {
      subject: patient.id,
      issuer: 'telehealth-api',
      audience: 'telehealth',
      expiresIn: 2,
    });
    const socket = await connect(nodeA, { token }, { reconnection: false });
    const closed = disconnected(socket, 5000);
    await pause(1000);
    expect(socket.connected).toBe(true);
    expect(await closed).toBe('io server disconnect');
  });

  it('caps the open sockets of one account across processes: the sixth is refused with a sentence and 429, a freed slot is taken again', async () => {
    const patient = await signedInUser(nodeA, 'PATIENT');
    const open = [
      await connect(nodeA, patient),
      await connect(nodeA, patient),
      await connect(nodeA, patient),
      await connect(nodeB, patient),
      await connect(nodeB, patient),
    ];

    expect(await refusal(nodeA.url, patient.token)).toEqual({ message: TOO_MANY, data: { code: 429, reason: 'too_many_connections' } });
    expect(await refusal(nodeB.url, patient.token)).toEqual({ message: TOO_MANY, data: { code: 429, reason: 'too_many_connections' } });
    // Another account is not affected.
    const other = await signedInUser(nodeA, 'PATIENT');
    await connect(nodeB, other);

    open[3]!.close();
    await pause(200);
    const again = await connect(nodeA, patient);
    expect(again.connected).toBe(true);
    expect(await refusal(nodeB.url, patient.token)).toEqual({ message: TOO_MANY, data: { code: 429, reason: 'too_many_connections' } });
  });

  it('keeps a recovered socket in its slot: a network drop does not cost the account a connection', async () => {
    const { doctor, patient, appointment } = await visit();
    const doctorSocket = await connect(nodeA, doctor);
    const patientSockets = [
      await connect(nodeB, patient),
      await connect(nodeB, patient),
      await connect(nodeB, patient),
      await connect(nodeB, patient),
    ];
    const inCall = await connect(nodeA, patient);
    await request(inCall, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    const resumed = next(doctorSocket, 'peer-joined');
    inCall.io.engine.close();
    expect(await resumed).toMatchObject({ peer: { userId: patient.id }, resumed: true });
    expect(inCall.recovered).toBe(true);
    expect(await refusal(nodeA.url, patient.token)).toMatchObject({ data: { code: 429 } });
    expect(patientSockets.every((socket) => socket.connected)).toBe(true);
  });
});

describe('chat history on rejoin', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await sut.close();
  });

  it('gives a rejoin the newest messages, the last one included, and pages back to the first', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Lea Fox');
    const patient = await signedInUser(sut, 'PATIENT', 'Ole Dahl');
    const { body: appointment } = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason: 'Follow-up' })
      .expect(201);
    // 600 lines, one a second, the last one the one that matters.
    await sut.prisma.sql.query(
      `INSERT INTO chat_messages (id, session_id, sender_id, body, sent_at)
       SELECT gen_random_uuid(), $1, $2, CASE WHEN n = 600 THEN 'I have chest pain' ELSE 'line ' || n END, now() - interval '1 hour' + n * interval '1 second'
         FROM generate_series(1, 600) AS n`,
      [appointment.sessionId, patient.id],
    );
    const socket = await connectSignaling(sut.url, patient.token);
    sockets.push(socket);

    const joined = await request<JoinRoomResult>(socket, 'join-room', { roomId: appointment.roomId });
    if (!joined.ok) throw new Error(joined.error);
    expect(joined.chat).toHaveLength(200);
    expect(joined.chat[199]).toMatchObject({ body: 'I have chest pain', senderName: 'Ole Dahl', from: patient.id });
    expect(joined.chat[0]!.body).toBe('line 401');
    expect(joined.chatHasMore).toBe(true);

    const bodies = joined.chat.map((message) => message.body);
    let before = joined.chat[0]!.id;
    for (let pages = 0; pages < 10; pages++) {
      const page = await request<{ messages: Array<{ id: string; body: string }>; hasMore: boolean }>(socket, 'chat-history', {
        before,
        limit: 150,
      });
      if (!page.ok) throw new Error(page.error);
      bodies.unshift(...page.messages.map((message) => message.body));
      if (!page.hasMore) break;
      before = page.messages[0]!.id;
    }
    expect(bodies).toHaveLength(600);
    expect(bodies[0]).toBe('line 1');
    expect(bodies).toEqual([...Array.from({ length: 599 }, (_, index) => `line ${index + 1}`), 'I have chest pain']);

    // The newest page without a cursor; bad cursors and limits; strangers and sockets outside the visit.
    expect(await request(socket, 'chat-history')).toMatchObject({
      ok: true,
      hasMore: true,
      messages: expect.arrayContaining([expect.objectContaining({ body: 'I have chest pain' })]),
    });
    expect(await request(socket, 'chat-history', { before: 'not-an-id' })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'before: must be the id of a chat message',
    });
    expect(await request(socket, 'chat-history', { limit: 501 })).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/^limit: /),
    });
    expect(await request(socket, 'chat-history', { before: '00000000-0000-4000-8000-000000000000' })).toEqual({
      ok: false,
      code: 404,
      reason: 'not_found',
      error: 'before: no message with this id is in your visit.',
    });
    const stranger = await signedInUser(sut, 'PATIENT');
    const strangerSocket = await connectSignaling(sut.url, stranger.token);
    sockets.push(strangerSocket);
    expect(await request(strangerSocket, 'chat-history', { before })).toEqual({
      ok: false,
      code: 409,
      reason: 'not_in_room',
      error: 'Join the visit first.',
    });
    await request(socket, 'leave-room');
    expect(await request(socket, 'chat-history', {})).toEqual({
      ok: false,
      code: 409,
      reason: 'not_in_room',
      error: 'Join the visit first.',
    });
  });
});
