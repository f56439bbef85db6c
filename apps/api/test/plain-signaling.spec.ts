import type { AppointmentResponse, CreatedRoom, RoomView } from '@telehealth/contracts';
// The client of examples/, written from the seed documents: what an integrator would write.
import { PlainSignalingClient as PlainClient } from '../../../examples/plain-signaling-client.mjs';
import { VisitLinksService } from '../src/visit-links/visit-links.service';
import { ApiProcess, startApiProcess, visitBookedNowOn } from './api-process';
import { ClientSocket, connectSignaling, next, request } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

describe('plain-WebSocket signaling (the seed API) on the gateway room engine', () => {
  let sut: TestApp;
  const open: Array<{ close(): void }> = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function visit(): Promise<{ doctor: TestUser; patient: TestUser; appointment: AppointmentResponse }> {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Brandt');
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason: 'Video check-in' })
      .expect(201);
    return { doctor, patient, appointment: response.body as AppointmentResponse };
  }

  async function plain(user: TestUser, roomId: string, via: 'protocol' | 'query' = 'protocol'): Promise<PlainClient> {
    const client = await PlainClient.open(sut.url, { room_id: roomId, client_id: user.id }, user.token, via);
    open.push(client);
    return client;
  }

  async function socketIo(user: TestUser): Promise<ClientSocket> {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR' });
    open.push(socket);
    return socket;
  }

  it('answers POST /api/rooms/join and /leave in the seed shape, by the same rules as a join', async () => {
    const { patient, appointment } = await visit();
    const stranger = await signedInUser(sut, 'PATIENT');
    const joined = await sut.http.post('/api/rooms/join').set(bearer(patient)).send({ room_id: appointment.roomId }).expect(200);
    expect(joined.body).toEqual({ room_id: appointment.roomId, client_id: patient.id, status: 'joined' });

    const notTheirs = await sut.http.post('/api/rooms/join').set(bearer(stranger)).send({ room_id: appointment.roomId });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body).toMatchObject({ code: 403, reason: 'forbidden', error: expect.any(String) });
    const unknown = await sut.http.post('/api/rooms/join').set(bearer(patient)).send({ room_id: 'no-such-room' });
    expect(unknown.body).toMatchObject({ code: 404, reason: 'not_found' });
    // Without room_id a doctor starts an instant room; a patient cannot.
    const noRoom = await sut.http.post('/api/rooms/join').set(bearer(patient)).send({});
    expect(noRoom.body).toMatchObject({ code: 403, reason: 'forbidden', error: expect.stringContaining('room_id') });
    await sut.http.post('/api/rooms/join').send({ room_id: appointment.roomId }).expect(401);

    const left = await sut.http
      .post('/api/rooms/leave')
      .set(bearer(patient))
      .send({ room_id: appointment.roomId, client_id: patient.id })
      .expect(200);
    expect(left.body).toEqual({ room_id: appointment.roomId, client_id: patient.id, status: 'left' });
    const someoneElse = await sut.http
      .post('/api/rooms/leave')
      .set(bearer(patient))
      .send({ room_id: appointment.roomId, client_id: stranger.id });
    expect(someoneElse.body).toMatchObject({ code: 403, reason: 'forbidden' });
  });

  it('starts an instant visit (POST /api/rooms, or a join without room_id) with its link and code, and validates a room before joining', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Rosa Vidal');
    const created = await sut.http
      .post('/api/rooms')
      .set(bearer(doctor))
      .send({ patient: { name: 'Ömer Çelik' }, media: 'audio' })
      .expect(201);
    const room = created.body as CreatedRoom;
    expect(room).toMatchObject({
      status: 'created',
      media: 'audio',
      patient: { name: 'Ömer Çelik' },
      code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/),
    });
    expect(new URL(room.link).pathname).toMatch(/^\/j\/.+/);
    expect(Date.parse(room.ends_at) - Date.parse(room.starts_at)).toBe(20 * 60_000);
    expect(Math.abs(Date.parse(room.starts_at) - Date.now())).toBeLessThan(60_000);
    // The patient has no address: nothing is written to the outbox for them.
    const placeholder = await sut.prisma.user.findUniqueOrThrow({ where: { id: room.patient.id } });
    expect(await sut.prisma.outboxMessage.count({ where: { recipient: placeholder.email } })).toBe(0);
    // The same doctor cannot be in two visits at once: the usual checks apply.
    const again = await sut.http.post('/api/rooms/join').set(bearer(doctor)).send({});
    expect(again.body).toMatchObject({ code: 409, reason: 'slot_taken' });

    // The patient opens the link: a visit-link session that sees the room as joinable and joins it.
    const redeemed = await sut.http
      .post('/api/visit-links/redeem')
      .send({ token: new URL(room.link).pathname.split('/').pop() })
      .expect(200);
    const view = await sut.http
      .get(`/api/rooms/${room.room_id}`)
      .set(bearer({ token: redeemed.body.accessToken }))
      .expect(200);
    expect(view.body as RoomView).toMatchObject({ room_id: room.room_id, media: 'audio', joinable: true, clients: [] });
    const doctorWs = await plain({ ...doctor }, room.room_id);
    await doctorWs.custom('joined');
    const patientWs = await PlainClient.open(sut.url, { room_id: room.room_id }, redeemed.body.accessToken, 'query');
    open.push(patientWs);
    await patientWs.custom('joined');
    const seen = await sut.http.get(`/api/rooms/${room.room_id}`).set(bearer(doctor)).expect(200);
    expect([...(seen.body as RoomView).clients].sort()).toEqual([doctor.id, room.patient.id].sort());

    // The mobile seed's chat: `type: "chat"` with `payload.text`, to a plain client and back.
    patientWs.send({ type: 'chat', room_id: room.room_id, payload: { text: 'Hola, ¿me oye? 👋' } });
    expect(await doctorWs.next((message) => message.type === 'chat')).toMatchObject({
      from: room.patient.id,
      payload: { text: 'Hola, ¿me oye? 👋', senderName: 'Ömer Çelik' },
    });
    expect((await patientWs.custom('ack')).payload).toMatchObject({
      data: { event: 'chat-message', message: { body: 'Hola, ¿me oye? 👋' } },
    });
    patientWs.send({ type: 'chat', room_id: room.room_id, payload: { text: 'bad\u0000line' } });
    expect(await patientWs.error()).toMatchObject({ code: 400, in_reply_to: 'chat', error: expect.stringContaining('body') });

    // POST /api/rooms/:id/leave takes the patient out: the doctor hears bye.
    await sut.http
      .post(`/api/rooms/${room.room_id}/leave`)
      .set(bearer({ token: redeemed.body.accessToken }))
      .expect(200);
    expect(await doctorWs.next((message) => message.type === 'bye')).toMatchObject({ from: room.patient.id });
    const joinById = await sut.http.post(`/api/rooms/${room.room_id}/join`).set(bearer(doctor)).expect(200);
    expect(joinById.body).toEqual({ room_id: room.room_id, client_id: doctor.id, status: 'joined' });

    // Not your room: 404 as any visit that is not yours; a guest of nothing may not start one.
    const stranger = await signedInUser(sut, 'PATIENT');
    expect((await sut.http.get(`/api/rooms/${room.room_id}`).set(bearer(stranger))).status).toBe(403);
    expect((await sut.http.get('/api/rooms/no-such-room').set(bearer(stranger))).body).toMatchObject({ code: 404 });
    expect((await sut.http.post('/api/rooms').set(bearer(stranger)).send({})).status).toBe(403);
    const bad = await sut.http.post('/api/rooms').set(bearer(doctor)).send({ media: 'hologram', duration_minutes: 2 });
    expect(bad.body).toMatchObject({ code: 400, error: expect.stringContaining('media') });
  });

  it('answers GET /api/rooms/stats?format=seed in the seed shape, for admins only', async () => {
    const { doctor, patient, appointment } = await visit();
    const admin = await signedInUser(sut, 'ADMIN');
    const patientWs = await plain(patient, appointment.roomId);
    await patientWs.custom('joined');
    const doctorWs = await plain(doctor, appointment.roomId);
    await doctorWs.custom('joined');
    const stats = await sut.http.get('/api/rooms/stats?format=seed').set(bearer(admin)).expect(200);
    expect(stats.body).toEqual({ rooms: expect.any(Array), total_rooms: expect.any(Number), total_clients: expect.any(Number) });
    expect(stats.body.rooms).toContainEqual({ room_id: appointment.roomId, clients: [patient.id, doctor.id] });
    expect(stats.body.total_clients).toBeGreaterThanOrEqual(2);
    expect((await sut.http.get('/api/rooms/stats').set(bearer(admin)).expect(200)).body).toHaveProperty('totals');
    expect((await sut.http.get('/api/rooms/stats?format=xml').set(bearer(admin))).body).toMatchObject({ code: 400 });
    expect((await sut.http.get('/api/rooms/stats?format=seed').set(bearer(doctor))).status).toBe(403);
  });

  it('joins two plain clients and relays with and without `to`, stamping `from`', async () => {
    const { doctor, patient, appointment } = await visit();
    const roomId = appointment.roomId;
    const patientWs = await plain(patient, roomId);
    expect((await patientWs.custom('joined')).payload).toMatchObject({ event: 'joined', data: { client_id: patient.id, admitted: true } });
    await patientWs.custom('waiting-for-peer');
    const doctorWs = await plain(doctor, roomId, 'query');
    expect((await doctorWs.custom('joined')).payload).toMatchObject({ data: { client_id: doctor.id, peers: [{ userId: patient.id }] } });
    expect((await patientWs.custom('peer-joined')).payload).toMatchObject({ data: { peer: { userId: doctor.id } } });

    // No `to`: the others in the room; a `from` the client wrote is replaced by the server's.
    patientWs.send({ type: 'offer', from: 'somebody-else', room_id: roomId, payload: { type: 'offer', sdp: SDP } });
    expect(await doctorWs.next((message) => message.type === 'offer')).toEqual({
      type: 'offer',
      from: patient.id,
      to: doctor.id,
      room_id: roomId,
      payload: { type: 'offer', sdp: SDP },
    });
    // `to` one client.
    doctorWs.send({ type: 'answer', to: patient.id, room_id: roomId, payload: SDP });
    expect(await patientWs.next((message) => message.type === 'answer')).toMatchObject({ from: doctor.id, payload: { sdp: SDP } });
    doctorWs.send({ type: 'candidate', to: patient.id, room_id: roomId, payload: CANDIDATE });
    expect(await patientWs.next((message) => message.type === 'candidate')).toMatchObject({ from: doctor.id, payload: CANDIDATE });
    // Sending to yourself is refused, and says so.
    doctorWs.send({ type: 'candidate', to: doctor.id, room_id: roomId, payload: CANDIDATE });
    expect(await doctorWs.error()).toMatchObject({ code: 400, reason: 'validation_failed', in_reply_to: 'candidate' });

    // bye leaves: the other hears bye from the one who left; the leaver's socket closes normally.
    patientWs.send({ type: 'bye', room_id: roomId });
    expect(await doctorWs.next((message) => message.type === 'bye')).toMatchObject({ from: patient.id, room_id: roomId });
    await patientWs.custom('left');
    expect((await patientWs.whenClosed()).code).toBe(1000);
  });

  it('relays between a Socket.IO browser and a plain client in the same room, both ways', async () => {
    const { doctor, patient, appointment } = await visit();
    const roomId = appointment.roomId;
    const patientWs = await plain(patient, roomId);
    await patientWs.custom('joined');
    const doctorSocket = await socketIo(doctor);
    const peerJoined = next(doctorSocket, 'peer-joined');
    expect((await request(doctorSocket, 'join-room', { roomId })).ok).toBe(true);
    expect((await peerJoined).peer.userId).toBe(patient.id);
    await patientWs.custom('peer-joined');

    const offer = next(doctorSocket, 'offer');
    patientWs.send({ type: 'offer', room_id: roomId, payload: { type: 'offer', sdp: SDP } });
    expect(await offer).toEqual({ sdp: SDP, from: patient.id });

    expect((await request(doctorSocket, 'answer', { sdp: SDP, to: patient.id })).ok).toBe(true);
    expect(await patientWs.next((message) => message.type === 'answer')).toMatchObject({
      from: doctor.id,
      payload: { type: 'answer', sdp: SDP },
    });
    expect((await request(doctorSocket, 'ice-candidate', { candidate: CANDIDATE })).ok).toBe(true);
    expect(await patientWs.next((message) => message.type === 'candidate')).toMatchObject({ from: doctor.id, payload: CANDIDATE });

    const candidate = next(doctorSocket, 'ice-candidate');
    patientWs.send({ type: 'candidate', to: doctor.id, room_id: roomId, payload: CANDIDATE });
    expect(await candidate).toEqual({ candidate: CANDIDATE, from: patient.id });

    // A chat line of the browser reaches the plain client as the mobile seed's `chat`.
    expect((await request(doctorSocket, 'chat-message', { body: 'Can you hear me?' })).ok).toBe(true);
    expect(await patientWs.next((message) => message.type === 'chat')).toMatchObject({
      from: doctor.id,
      payload: { text: 'Can you hear me?', senderName: 'Dr. Ines Ward' },
    });
    // Everything else of the room engine goes through `custom`, answered by `ack` with the id given.
    // And a plain client reaches the gateway's other events through `custom`, answered by `ack`.
    const chat = next(doctorSocket, 'chat-message');
    patientWs.send({ type: 'custom', room_id: roomId, payload: { event: 'chat-message', data: { body: 'Yes, loud and clear.' }, id: 7 } });
    expect(await chat).toMatchObject({ body: 'Yes, loud and clear.', from: patient.id });
    expect((await patientWs.custom('ack')).payload).toMatchObject({ data: { event: 'chat-message', id: 7 } });

    const peerLeft = next(doctorSocket, 'peer-left');
    patientWs.send({ type: 'bye' });
    expect((await peerLeft).peer.userId).toBe(patient.id);
  });

  it("keeps a plain client's seat through a dropped connection for the grace, as a browser's, and the timeline and chat are the visit's", async () => {
    const { doctor, patient, appointment } = await visit();
    const roomId = appointment.roomId;
    const doctorSocket = await socketIo(doctor);
    const patientWs = await plain(patient, roomId);
    await patientWs.custom('joined');
    const peerJoined = next(doctorSocket, 'peer-joined');
    expect((await request(doctorSocket, 'join-room', { roomId })).ok).toBe(true);
    await peerJoined;
    patientWs.send({ type: 'chat', room_id: roomId, payload: { text: 'Before the tunnel.' } });
    await patientWs.custom('ack');

    // The network goes (no close frame): the doctor hears the patient is reconnecting, not that they left.
    const reconnecting = next(doctorSocket, 'peer-reconnecting');
    patientWs.ws.terminate();
    expect((await reconnecting).peer.userId).toBe(patient.id);
    const resumed = next(doctorSocket, 'peer-joined');
    const again = await plain(patient, roomId);
    expect((await again.custom('joined')).payload).toMatchObject({ data: { peers: [{ userId: doctor.id }] } });
    expect(await resumed).toMatchObject({ peer: { userId: patient.id } });

    // The doctor ends it for both transports; the chat line is in the visit's record.
    expect(await request(doctorSocket, 'end-session')).toMatchObject({ ok: true });
    expect((await again.custom('session-ended')).payload).toMatchObject({ data: { sessionId: appointment.sessionId } });
    const record = await sut.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(doctor)).expect(200);
    expect(record.body.chat).toEqual([expect.objectContaining({ body: 'Before the tunnel.', from: patient.id })]);
    expect(record.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(
      expect.arrayContaining(['JOINED', 'RECONNECTED', 'ENDED']),
    );
  });

  it("lets a visit-link session in by its link's token, and tells a plain doctor of the waiting room as custom events", async () => {
    const { doctor, patient, appointment } = await visit();
    const issued = await sut.prisma.$transaction((tx) =>
      sut.app.get(VisitLinksService).issue(tx, { id: appointment.id, patientId: patient.id, endsAt: new Date(appointment.endsAt) }),
    );
    const redeemed = await sut.http
      .post('/api/visit-links/redeem')
      .send({ token: new URL(issued.link).pathname.split('/').pop() })
      .expect(200);
    const linkToken = redeemed.body.accessToken as string;

    const doctorWs = await plain(doctor, appointment.roomId);
    // Before anyone waits: the doctor's waiting room, then the join.
    expect((await doctorWs.custom('waiting-room-updated')).payload).toMatchObject({ data: { waiting: [] } });
    await doctorWs.custom('joined');
    await sut.http.post('/api/rooms/leave').set(bearer(doctor)).send({ room_id: appointment.roomId, client_id: doctor.id }).expect(200);

    const patientWs = await PlainClient.open(sut.url, { room_id: appointment.roomId }, linkToken, 'query');
    open.push(patientWs);
    expect((await patientWs.custom('joined')).payload).toMatchObject({ data: { client_id: patient.id } });
    const waiting = await doctorWs.next(
      (message) =>
        message.type === 'custom' &&
        (message.payload as { event?: string }).event === 'waiting-room-updated' &&
        ((message.payload as { data: { waiting: unknown[] } }).data.waiting.length ?? 0) > 0,
    );
    expect(waiting).toMatchObject({
      from: 'server',
      payload: {
        data: { waiting: [expect.objectContaining({ appointmentId: appointment.id, patient: { id: patient.id, name: 'Leo Brandt' } })] },
      },
    });
  });

  it('says what is wrong: no token, not your room, an unknown room, another client id', async () => {
    const { patient, appointment } = await visit();
    const stranger = await signedInUser(sut, 'PATIENT');

    const anonymous = await PlainClient.open(sut.url, { room_id: appointment.roomId });
    expect(await anonymous.error()).toMatchObject({ type: 'error', code: 401, reason: 'unauthenticated', error: expect.any(String) });
    expect((await anonymous.whenClosed()).code).toBe(4401);

    const notTheirs = await PlainClient.open(sut.url, { room_id: appointment.roomId }, stranger.token);
    expect(await notTheirs.error()).toMatchObject({ code: 403, reason: 'forbidden' });
    expect((await notTheirs.whenClosed()).code).toBe(4403);

    const unknown = await PlainClient.open(sut.url, { room_id: 'no-such-room' }, patient.token);
    expect(await unknown.error()).toMatchObject({ code: 404, reason: 'not_found' });
    expect((await unknown.whenClosed()).code).toBe(4404);

    const impostor = await PlainClient.open(sut.url, { room_id: appointment.roomId, client_id: stranger.id }, patient.token);
    expect(await impostor.error()).toMatchObject({ code: 403, error: expect.stringContaining('client_id') });
    expect((await impostor.whenClosed()).code).toBe(4403);
  });

  it('answers bad JSON and bad messages with a clear error, and the socket stays usable', async () => {
    const { doctor, patient, appointment } = await visit();
    const roomId = appointment.roomId;
    const patientWs = await plain(patient, roomId);
    await patientWs.custom('joined');
    const doctorWs = await plain(doctor, roomId);
    await doctorWs.custom('joined');

    patientWs.send('{"type": "offer", ');
    expect(await patientWs.error()).toMatchObject({ code: 400, reason: 'validation_failed', error: expect.stringMatching(/^Not JSON/) });
    patientWs.send({ type: 'shout', room_id: roomId });
    expect(await patientWs.error()).toMatchObject({ code: 400, error: expect.stringContaining('type') });
    patientWs.send({ type: 'offer', room_id: 'another-room', payload: SDP });
    expect(await patientWs.error()).toMatchObject({ code: 400, in_reply_to: 'offer', error: expect.stringContaining('room_id') });
    patientWs.send({ type: 'custom', room_id: roomId, payload: { event: 'join-room', data: { roomId: 'x' } } });
    expect(await patientWs.error()).toMatchObject({ code: 404, reason: 'unknown_event', in_reply_to: 'custom' });

    patientWs.send({ type: 'offer', room_id: roomId, payload: SDP });
    expect(await doctorWs.next((message) => message.type === 'offer')).toMatchObject({ from: patient.id });
  });
});

describe('plain-WebSocket signaling across two API processes (Redis)', () => {
  const nodes: ApiProcess[] = [];
  const open: Array<{ close(): void }> = [];

  afterAll(async () => {
    for (const client of open) client.close();
    await Promise.all(nodes.map((node) => node.stop()));
  });

  it('relays between a plain client on one process and a Socket.IO browser on the other, both ways', async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess(), startApiProcess()]);
    nodes.push(nodeA, nodeB);
    const { doctor, patient, appointment } = await visitBookedNowOn(nodeB.url, 'Dr. Noor Aziz', 'Kim Lund', 'Cross-node plain visit');
    const roomId = appointment.roomId;

    const patientWs = await PlainClient.open(nodeA.url, { room_id: roomId, client_id: patient.user.id }, patient.accessToken);
    open.push(patientWs);
    await patientWs.custom('joined');
    const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    open.push(doctorSocket);
    expect(await request(doctorSocket, 'join-room', { roomId })).toMatchObject({ ok: true, peers: [{ userId: patient.user.id }] });
    await patientWs.custom('peer-joined');

    const offer = next(doctorSocket, 'offer');
    patientWs.send({ type: 'offer', room_id: roomId, payload: { type: 'offer', sdp: SDP } });
    expect(await offer).toEqual({ sdp: SDP, from: patient.user.id });
    expect((await request(doctorSocket, 'answer', { sdp: SDP, to: patient.user.id })).ok).toBe(true);
    expect(await patientWs.next((message) => message.type === 'answer')).toMatchObject({ from: doctor.user.id, payload: { sdp: SDP } });

    // Leaving over REST on the other process takes the seat held on this one: the doctor hears peer-left.
    const peerLeft = next(doctorSocket, 'peer-left');
    const left = await fetch(`${nodeB.url}/api/rooms/leave`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${patient.accessToken}` },
      body: JSON.stringify({ room_id: roomId, client_id: patient.user.id }),
    });
    expect(left.status).toBe(200);
    expect((await peerLeft).peer.userId).toBe(patient.user.id);
  });
});
