import type { AppointmentResponse, JoinRoomResult } from '@telehealth/contracts';
import { MAX_SDP_LENGTH, ZEndSessionResponseSchema, ZRoomStatsResponseSchema } from '@telehealth/contracts';
import jwt from 'jsonwebtoken';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';
import { ClientSocket, connectSignaling, next, pause, record, request } from './signaling-client';

const SDP = `v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n${'a=candidate:1 1 udp 2122260223 192.168.1.2 5000 typ host\r\n'.repeat(60)}`;

describe('signaling gateway (real sockets, real database)', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function visit(
    options: { startsInMinutes?: number } = {},
  ): Promise<{ doctor: TestUser; patient: TestUser; appointment: AppointmentResponse }> {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Brandt');
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({
        patientId: patient.id,
        startsAt: minutesFromNow(options.startsInMinutes ?? 0),
        durationMinutes: 30,
        reason: 'Video check-in',
      })
      .expect(201);
    return { doctor, patient, appointment: response.body };
  }

  async function connect(user: TestUser, options?: { reconnection?: boolean }, app: TestApp = sut): Promise<ClientSocket> {
    const socket = await connectSignaling(app.url, user.token, { ...options, doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  async function joinBoth(roomId: string, doctor: TestUser, patient: TestUser) {
    const patientSocket = await connect(patient);
    const doctorSocket = await connect(doctor);
    const waiting = next(patientSocket, 'waiting-for-peer');
    expect((await request<JoinRoomResult>(patientSocket, 'join-room', { roomId })).ok).toBe(true);
    await waiting;
    const toPatient = next(patientSocket, 'peer-joined');
    const toDoctor = next(doctorSocket, 'peer-joined');
    expect((await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId })).ok).toBe(true);
    return { patientSocket, doctorSocket, toPatient: await toPatient, toDoctor: await toDoctor };
  }

  it('puts the patient in the waiting room, shows them to the doctor, and introduces both with opposite politeness', async () => {
    const { doctor, patient, appointment } = await visit();
    const doctorSocket = await connect(doctor);
    const patientSocket = await connect(patient);

    const waiting = next(patientSocket, 'waiting-for-peer');
    const doctorSeesWaiting = next(doctorSocket, 'waiting-room-updated');
    const joined = await request<JoinRoomResult>(patientSocket, 'join-room', { roomId: appointment.roomId });
    expect(joined).toMatchObject({
      ok: true,
      sessionId: appointment.sessionId,
      self: { userId: patient.id, role: 'PATIENT' },
      peers: [],
      chat: [],
    });
    expect(await waiting).toMatchObject({ sessionId: appointment.sessionId });
    const list = await doctorSeesWaiting;
    expect(list.waiting).toEqual([
      expect.objectContaining({
        appointmentId: appointment.id,
        sessionId: appointment.sessionId,
        patient: { id: patient.id, name: 'Leo Brandt' },
        since: expect.any(String),
      }),
    ]);

    const toPatient = next(patientSocket, 'peer-joined');
    const toDoctor = next(doctorSocket, 'peer-joined');
    const doctorLeavesList = next(doctorSocket, 'waiting-room-updated');
    const doctorJoined = await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId: appointment.roomId });
    expect(doctorJoined).toMatchObject({ ok: true, peers: [{ userId: patient.id, name: 'Leo Brandt', role: 'PATIENT' }] });
    const [forPatient, forDoctor] = await Promise.all([toPatient, toDoctor]);
    expect(forPatient).toEqual({ peer: { userId: doctor.id, name: 'Dr. Ines Ward', role: 'DOCTOR' }, polite: true, resumed: false });
    expect(forDoctor).toEqual({ peer: { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT' }, polite: false, resumed: false });
    expect((await doctorLeavesList).waiting).toEqual([]);

    await pause(100);
    const session = await sut.prisma.session.findUniqueOrThrow({
      where: { id: appointment.sessionId },
      include: { events: { orderBy: { occurredAt: 'asc' } } },
    });
    expect(session.status).toBe('ACTIVE');
    expect(session.startedAt).not.toBeNull();
    expect(session.events.map((event) => event.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED']);
  });

  it('works doctor first too: the doctor waits, then both are introduced', async () => {
    const { doctor, patient, appointment } = await visit();
    const doctorSocket = await connect(doctor);
    const patientSocket = await connect(patient);
    const waiting = next(doctorSocket, 'waiting-for-peer');
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    await waiting;
    const toDoctor = next(doctorSocket, 'peer-joined');
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    expect(await toDoctor).toMatchObject({ peer: { userId: patient.id }, polite: false });
  });

  it('relays offer, answer and ICE candidates to the peer, stamped with the sender by the server', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);

    const offer = next(patientSocket, 'offer');
    expect(await request(doctorSocket, 'offer', { sdp: SDP })).toEqual({ ok: true });
    expect(await offer).toEqual({ sdp: SDP, from: doctor.id });

    const answer = next(doctorSocket, 'answer');
    expect(await request(patientSocket, 'answer', { sdp: 'v=0 answer', to: doctor.id })).toEqual({ ok: true });
    expect(await answer).toEqual({ sdp: 'v=0 answer', from: patient.id });

    const candidate = { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 51234 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    const relayed = next(doctorSocket, 'ice-candidate');
    expect(await request(patientSocket, 'ice-candidate', { candidate })).toEqual({ ok: true });
    expect(await relayed).toEqual({ candidate, from: patient.id });
  });

  it('ignores a spoofed from, and a `to` outside the room reaches nobody', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const offer = next(doctorSocket, 'offer');
    await request(patientSocket, 'offer', { sdp: 'v=0', from: 'someone-else' });
    expect((await offer).from).toBe(patient.id);

    // The stranger is in a call of their own: a `to` naming them from another room is delivered to no one.
    const other = await visit();
    const { patientSocket: strangerSocket } = await joinBoth(other.appointment.roomId, other.doctor, other.patient);
    const strangerHears = record(strangerSocket, 'offer');
    const doctorHears = record(doctorSocket, 'offer');
    expect(await request(patientSocket, 'offer', { sdp: 'v=0', to: other.patient.id })).toEqual({ ok: true });
    expect(await request(patientSocket, 'offer', { sdp: 'v=0', to: patient.id })).toMatchObject({ ok: false, code: 400 });
    await pause(150);
    expect(strangerHears).toEqual([]);
    expect(doctorHears).toEqual([]);
  });

  it('persists chat and delivers it with sender, time and id; a later join gets the history', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const delivered = next(doctorSocket, 'chat-message');
    const sent = await request<{ message: { id: string } }>(patientSocket, 'chat-message', { body: '  Can you hear me?  ' });
    expect(sent).toMatchObject({ ok: true, message: { body: 'Can you hear me?', from: patient.id, senderName: 'Leo Brandt' } });
    expect(await delivered).toEqual({
      id: (sent as { message: { id: string } }).message.id,
      sessionId: appointment.sessionId,
      from: patient.id,
      senderName: 'Leo Brandt',
      senderRole: 'PATIENT',
      body: 'Can you hear me?',
      sentAt: expect.any(String),
    });
    const row = await sut.prisma.chatMessage.findFirstOrThrow({ where: { sessionId: appointment.sessionId } });
    expect(row).toMatchObject({ senderId: patient.id, body: 'Can you hear me?' });

    expect(await request(patientSocket, 'chat-message', { body: '   ' })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'body: is required',
    });
    expect(await request(patientSocket, 'chat-message', { body: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/^body: /),
    });

    await request(patientSocket, 'leave-room');
    const rejoined = await request<JoinRoomResult>(patientSocket, 'join-room', { roomId: appointment.roomId });
    expect(rejoined).toMatchObject({ ok: true, chat: [{ body: 'Can you hear me?', senderName: 'Leo Brandt' }], chatHasMore: false });
  });

  it('tells the doctor when the patient leaves, and puts a patient left alone back in the waiting room', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const left = next(doctorSocket, 'peer-left');
    expect(await request(patientSocket, 'leave-room')).toEqual({ ok: true });
    expect(await left).toEqual({ peer: { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT' } });
    // After leaving, the socket relays nothing.
    expect(await request(patientSocket, 'offer', { sdp: 'v=0' })).toEqual({
      ok: false,
      code: 409,
      reason: 'not_in_room',
      error: 'Join the visit first.',
    });

    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    const waitingAgain = next(doctorSocket, 'waiting-room-updated');
    await request(doctorSocket, 'leave-room');
    expect((await waitingAgain).waiting.map((entry) => entry.patient.id)).toEqual([patient.id]);
  });

  it('keeps the seat of a dropped socket: a reconnect inside the grace resumes the call', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const patientId = patientSocket.id;

    const reconnecting = next(doctorSocket, 'peer-reconnecting');
    const resumedForDoctor = next(doctorSocket, 'peer-joined');
    const resumedForPatient = next(patientSocket, 'peer-joined');
    patientSocket.io.engine.close(); // the network drops; socket.io-client reconnects by itself
    expect(await reconnecting).toEqual({ peer: { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT' }, graceSeconds: 30 });
    expect(await resumedForDoctor).toMatchObject({ peer: { userId: patient.id }, resumed: true, polite: false });
    expect(await resumedForPatient).toMatchObject({ peer: { userId: doctor.id }, resumed: true, polite: true });
    expect(patientSocket.recovered).toBe(true);
    expect(patientSocket.id).toBe(patientId);

    const offer = next(patientSocket, 'offer');
    await request(doctorSocket, 'offer', { sdp: 'v=0 ice-restart' });
    expect((await offer).sdp).toBe('v=0 ice-restart');
    await pause(100);
    const types = (
      await sut.prisma.sessionEvent.findMany({ where: { sessionId: appointment.sessionId }, orderBy: { occurredAt: 'asc' } })
    ).map((event) => event.type);
    expect(types).toContain('RECONNECTED');
    expect(types).not.toContain('LEFT');
  });

  it('lets a reloaded page (a new socket) take its seat back inside the grace with a fresh negotiation', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const reconnecting = next(doctorSocket, 'peer-reconnecting');
    patientSocket.disconnect();
    await reconnecting;
    const fresh = next(doctorSocket, 'peer-joined');
    const reloaded = await connect(patient);
    expect(await request(reloaded, 'join-room', { roomId: appointment.roomId })).toMatchObject({
      ok: true,
      peers: [{ userId: doctor.id }],
    });
    expect(await fresh).toMatchObject({ peer: { userId: patient.id }, resumed: false });
  });

  it('gives up the seat after the grace: the peer is told the other left', async () => {
    const shortGrace = await startTestApp({ RECONNECT_GRACE_S: '1' }, { listen: true });
    try {
      const { doctor, patient, appointment } = await visit();
      const patientSocket = await connect(patient, { reconnection: false }, shortGrace);
      const doctorSocket = await connect(doctor, {}, shortGrace);
      await request(patientSocket, 'join-room', { roomId: appointment.roomId });
      await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
      const reconnecting = next(doctorSocket, 'peer-reconnecting');
      const left = next(doctorSocket, 'peer-left', 5000);
      patientSocket.io.engine.close();
      await reconnecting;
      expect(await left).toEqual({ peer: { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT' } });
      await pause(100);
      const lastEvent = await sut.prisma.sessionEvent.findFirstOrThrow({ where: { sessionId: appointment.sessionId, type: 'LEFT' } });
      expect(lastEvent).toMatchObject({ userId: patient.id, detail: { reason: 'timeout' } });
    } finally {
      await shortGrace.close();
    }
  });

  it('ends the session for everyone when the doctor ends it, and refuses to rejoin', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    expect(await request(patientSocket, 'end-session')).toEqual({
      ok: false,
      code: 403,
      reason: 'forbidden',
      error: 'Only the doctor can end the visit.',
    });

    const endedForPatient = next(patientSocket, 'session-ended');
    const ended = await request<{ endedAt: string }>(doctorSocket, 'end-session');
    expect(ended).toMatchObject({ ok: true, endedAt: expect.any(String) });
    expect(await endedForPatient).toMatchObject({ sessionId: appointment.sessionId, endedBy: doctor.id });

    const session = await sut.prisma.session.findUniqueOrThrow({ where: { id: appointment.sessionId }, include: { appointment: true } });
    expect(session).toMatchObject({ status: 'ENDED', endedById: doctor.id });
    expect(session.appointment.status).toBe('COMPLETED');

    expect(await request(patientSocket, 'chat-message', { body: 'still there?' })).toMatchObject({ ok: false, code: 409 });
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toEqual({
      ok: false,
      code: 409,
      reason: 'visit_ended',
      error: 'This visit has ended; it can no longer be joined.',
    });
    const audit = await sut.prisma.auditLog.findMany({ where: { entityId: appointment.sessionId } });
    expect(audit.map((row) => row.action).sort()).toEqual(['session.end', 'session.join', 'session.join']);
  });

  it('lets the doctor end a visit left open from its record: the room is told, the visit completes, once', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    // The doctor's tab goes away without ending the call; the patient is still in the room.
    const reconnecting = next(patientSocket, 'peer-reconnecting');
    doctorSocket.close();
    await reconnecting;
    const stranger = await signedInUser(sut, 'DOCTOR');
    const endOf = (user: TestUser, sessionId = appointment.sessionId) => sut.http.post(`/api/sessions/${sessionId}/end`).set(bearer(user));

    expect((await endOf(patient).expect(403)).body).toEqual({
      error: 'Only the doctor can end the visit.',
      code: 403,
      reason: 'forbidden',
    });
    expect((await endOf(stranger).expect(404)).body).toEqual({
      error: 'No session with this id was found.',
      code: 404,
      reason: 'not_found',
    });
    await endOf(doctor, 'not-a-session').expect(404);

    const endedForPatient = next(patientSocket, 'session-ended');
    const ended = await endOf(doctor).expect(200);
    expect(ZEndSessionResponseSchema.parse(ended.body)).toEqual({ sessionId: appointment.sessionId, endedAt: expect.any(String) });
    expect(await endedForPatient).toEqual({ sessionId: appointment.sessionId, endedBy: doctor.id, endedAt: ended.body.endedAt });
    const session = await sut.prisma.session.findUniqueOrThrow({ where: { id: appointment.sessionId }, include: { appointment: true } });
    expect(session).toMatchObject({ status: 'ENDED', endedById: doctor.id, endedAt: new Date(ended.body.endedAt) });
    expect(session.appointment.status).toBe('COMPLETED');

    expect((await endOf(doctor).expect(409)).body).toEqual({ error: 'This visit has already ended.', code: 409, reason: 'visit_ended' });
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: false, code: 409 });
  });

  it('refuses to end a visit that has not begun, or was cancelled', async () => {
    const { doctor, appointment } = await visit({ startsInMinutes: 120 });
    const early = await sut.http.post(`/api/sessions/${appointment.sessionId}/end`).set(bearer(doctor)).expect(409);
    expect(early.body).toEqual({
      error: 'This visit has not begun yet; cancel or reschedule it instead.',
      code: 409,
      reason: 'visit_not_started',
    });
    await sut.http.patch(`/api/appointments/${appointment.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const refused = await sut.http.post(`/api/sessions/${appointment.sessionId}/end`).set(bearer(doctor)).expect(409);
    expect(refused.body).toEqual({ error: 'This visit was cancelled; there is no call to end.', code: 409, reason: 'visit_cancelled' });
    expect((await sut.prisma.session.findUniqueOrThrow({ where: { id: appointment.sessionId } })).status).toBe('WAITING');
  });

  it('shows admins the open rooms, without names: a call, then a seat kept for a dropped patient', async () => {
    const { doctor, patient, appointment } = await visit();
    const { patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    const admin = await signedInUser(sut, 'ADMIN');
    const roomOf = async () => {
      const response = await sut.http.get('/api/rooms/stats').set(bearer(admin)).expect(200);
      expect(JSON.stringify(response.body)).not.toContain(patient.name);
      return ZRoomStatsResponseSchema.parse(response.body).rooms.find((room) => room.roomId === appointment.roomId);
    };
    expect(await roomOf()).toMatchObject({ sessionId: appointment.sessionId, started: true, clients: 2, reconnecting: 0 });

    patientSocket.close();
    await pause(200);
    expect(await roomOf()).toMatchObject({
      clients: 1,
      reconnecting: 1,
      seats: expect.arrayContaining([{ role: 'PATIENT', connected: false, joinedAt: expect.any(String) }]),
    });

    await sut.http.get('/api/rooms/stats').set(bearer(doctor)).expect(403);
    await sut.http.get('/api/rooms/stats').expect(401);
    expect(await sut.prisma.auditLog.count({ where: { actorId: admin.id, action: 'rooms.stats.read' } })).toBe(2);
  });

  it('refuses a stranger, a patient of another visit, an unknown room and a join before the window', async () => {
    const { appointment } = await visit();
    const other = await visit();
    const stranger = await signedInUser(sut, 'PATIENT');
    const strangerSocket = await connect(stranger);
    expect(await request(strangerSocket, 'join-room', { roomId: appointment.roomId })).toEqual({
      ok: false,
      code: 403,
      reason: 'forbidden',
      error: 'This visit is not yours: only its doctor and patient may join.',
    });
    const otherPatient = await connect(other.patient);
    expect(await request(otherPatient, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: false, code: 403 });
    expect(await request(otherPatient, 'join-room', { roomId: 'no-such-room' })).toEqual({
      ok: false,
      code: 404,
      reason: 'not_found',
      error: 'No visit has this room.',
    });
    expect(await request(otherPatient, 'join-room', { roomId: '' })).toMatchObject({ ok: false, code: 400 });

    const later = await visit({ startsInMinutes: 120 });
    const early = await connect(later.patient);
    expect(await request(early, 'join-room', { roomId: later.appointment.roomId })).toMatchObject({
      ok: false,
      code: 425,
      reason: 'too_early',
      error: expect.stringContaining('opens for joining 10 minutes before'),
    });
    expect(
      await sut.prisma.sessionEvent.count({ where: { sessionId: { in: [appointment.sessionId, later.appointment.sessionId] } } }),
    ).toBe(0);
  });

  it('audits a refused join of a visit that is not yours, with the room and nothing of the visit', async () => {
    const { appointment } = await visit();
    const stranger = await signedInUser(sut, 'DOCTOR');
    const socket = await connect(stranger);
    expect(await request(socket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: false, code: 403 });
    const rows = await sut.prisma.auditLog.findMany({ where: { actorId: stranger.id, action: 'signaling.join-refused' } });
    expect(rows).toEqual([
      expect.objectContaining({ entityType: 'room', entityId: appointment.roomId, detail: { code: 403 }, ip: expect.any(String) }),
    ]);
    expect(JSON.stringify(rows.map(({ detail, entityId }) => ({ detail, entityId })))).not.toMatch(/Leo Brandt|Video check-in|Ward/);
  });

  it('refuses control characters and broken text in chat, and NUL in SDP and candidates, naming the field', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    expect(await request(patientSocket, 'chat-message', { body: 'pain\u0000' })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'body: must not contain control characters',
    });
    expect(await request(patientSocket, 'chat-message', { body: 'a\ud800b' })).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/^body: must be valid Unicode/),
    });
    expect(await request(patientSocket, 'chat-message', { body: 'bell\u0007' })).toMatchObject({ ok: false, code: 400 });
    const delivered = next(doctorSocket, 'chat-message');
    expect(await request(patientSocket, 'chat-message', { body: 'Two lines\r\nand a tab\t, Иван 李小龙 مرحبا 🙂' })).toMatchObject({
      ok: true,
    });
    expect((await delivered).body).toBe('Two lines\nand a tab\t, Иван 李小龙 مرحبا 🙂');
    expect(await request(doctorSocket, 'offer', { sdp: 'v=0\u0000' })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'sdp: must not contain NUL characters',
    });
    expect(await request(doctorSocket, 'ice-candidate', { candidate: { candidate: 'candidate:1\u0000' } })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'candidate.candidate: must not contain NUL characters',
    });
  });

  it('refuses a connection without a valid, unexpired token', async () => {
    await expect(connectSignaling(sut.url, undefined, { reconnection: false })).rejects.toThrow(/access token/);
    await expect(connectSignaling(sut.url, 'not-a-token', { reconnection: false })).rejects.toThrow(/access token/);
    const patient = await signedInUser(sut, 'PATIENT');
    const expired = jwt.sign({ role: 'PATIENT' }, 'integration-tests-secret-that-is-long-enough', {
      subject: patient.id,
      issuer: 'telehealth-api',
      audience: 'telehealth',
      expiresIn: -10,
    });
    await expect(connectSignaling(sut.url, expired, { reconnection: false })).rejects.toThrow(
      /access token is missing, invalid or expired/,
    );
  });

  it('answers bad payloads with errors, oversized SDP included, and keeps serving', async () => {
    const { doctor, patient, appointment } = await visit();
    const { doctorSocket, patientSocket } = await joinBoth(appointment.roomId, doctor, patient);
    expect(await request(doctorSocket, 'offer', { sdp: 'x'.repeat(MAX_SDP_LENGTH + 1) })).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: `sdp: must be at most ${MAX_SDP_LENGTH} characters`,
    });
    expect(await request(doctorSocket, 'offer', 'just a string')).toMatchObject({ ok: false, code: 400 });
    expect(await request(doctorSocket, 'ice-candidate', { candidate: { candidate: 42 } })).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/^candidate\.candidate: /),
    });
    expect(await request(doctorSocket, 'join-room', null)).toMatchObject({ ok: false, code: 400 });
    expect(await request(doctorSocket, 'media-state', { audio: 'yes' })).toMatchObject({ ok: false, code: 400 });

    // A frame above maxHttpBufferSize closes that connection only.
    const big = await connect(patient, { reconnection: false });
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    big.emit('offer', { sdp: 'y'.repeat(100_000) }, () => undefined);
    await closed;

    const offer = next(patientSocket, 'offer');
    expect(await request(doctorSocket, 'offer', { sdp: 'v=0 still works' })).toEqual({ ok: true });
    expect((await offer).sdp).toBe('v=0 still works');
  });

  it('rate-limits a flood, disconnects the flooder, and leaves other rooms untouched', async () => {
    const flood = await visit();
    const calm = await visit();
    const { doctorSocket: flooder } = await joinBoth(flood.appointment.roomId, flood.doctor, flood.patient);
    const { doctorSocket: calmDoctor, patientSocket: calmPatient } = await joinBoth(calm.appointment.roomId, calm.doctor, calm.patient);
    const leaked = record(calmPatient, 'ice-candidate');

    const disconnected = new Promise((resolve) => flooder.once('disconnect', resolve));
    const acks: Array<Promise<unknown>> = [];
    for (let index = 0; index < 400; index++) {
      acks.push(request(flooder, 'ice-candidate', { candidate: { candidate: `candidate:${index}` } }).catch(() => 'no answer'));
    }
    const answers = await Promise.all(acks);
    expect(answers.filter((answer) => (answer as { code?: number }).code === 429).length).toBeGreaterThan(0);
    await disconnected;

    const offer = next(calmPatient, 'offer');
    expect(await request(calmDoctor, 'offer', { sdp: 'v=0 calm' })).toEqual({ ok: true });
    expect((await offer).sdp).toBe('v=0 calm');
    expect(leaked).toEqual([]);
  });
});
