import type {
  AppointmentResponse,
  ChatMessage,
  InviteGuestResponse,
  JoinRoomAck,
  JoinRoomResult,
  PeerJoinedEvent,
  RedeemVisitLinkResponse,
} from '@telehealth/contracts';
import { bearer, startTestApp, TestApp, TestUser, visitStartingNow } from './test-app';
import { ClientSocket, connectSignaling, next, pause, record, request } from './signaling-client';

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n';

interface Guest {
  id: string;
  name: string;
  token: string;
}

describe('a visit with guests: lobby, admission, up to four people in a mesh (real sockets, real database)', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ ROOM_CAPACITY: '4' }, { listen: true });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function connect(user: { token: string; role?: string }): Promise<ClientSocket> {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  async function invite(doctor: TestUser, appointment: AppointmentResponse, name: string, role = 'INTERPRETER'): Promise<Guest> {
    const invited = (await sut.http.post(`/api/appointments/${appointment.id}/guests`).set(bearer(doctor)).send({ name, role }).expect(201))
      .body as InviteGuestResponse;
    const token = new URL(invited.link).pathname.replace('/j/', '');
    const redeemed = (await sut.http.post('/api/visit-links/redeem').send({ token }).expect(200)).body as RedeemVisitLinkResponse;
    expect(redeemed.user).toMatchObject({ id: invited.guestId, role: 'GUEST' });
    return { id: invited.guestId, name, token: redeemed.accessToken };
  }

  /** Doctor and patient in the call, each with their socket. */
  async function callOfTwo() {
    const { doctor, patient, appointment } = await visitStartingNow(sut);
    const doctorSocket = await connect(doctor);
    const patientSocket = await connect(patient);
    expect((await request(patientSocket, 'join-room', { roomId: appointment.roomId })).ok).toBe(true);
    const introduced = next(patientSocket, 'peer-joined');
    expect((await request(doctorSocket, 'join-room', { roomId: appointment.roomId })).ok).toBe(true);
    await introduced;
    return { doctor, patient, appointment, doctorSocket, patientSocket };
  }

  /** The guest waits in the lobby, the doctor admits them, they join again and are introduced to everyone present. */
  async function admitted(guest: Guest, roomId: string, doctorSocket: ClientSocket, present: ClientSocket[]) {
    const guestSocket = await connect(guest);
    const lobby = next(doctorSocket, 'lobby-updated');
    const first = await request<JoinRoomAck>(guestSocket, 'join-room', { roomId });
    expect(first).toMatchObject({ ok: true, admitted: false, self: { userId: guest.id, role: 'GUEST', guestRole: 'INTERPRETER' } });
    expect((await lobby).waiting).toEqual([{ guestId: guest.id, name: guest.name, guestRole: 'INTERPRETER', since: expect.any(String) }]);
    const letIn = next(guestSocket, 'admitted');
    expect(await request(doctorSocket, 'admit-guest', { guestId: guest.id })).toEqual({ ok: true });
    await letIn;
    const toGuest = record(guestSocket, 'peer-joined');
    const toOthers = present.map((socket) => next(socket, 'peer-joined'));
    const joined = await request<JoinRoomResult>(guestSocket, 'join-room', { roomId });
    expect(joined).toMatchObject({ ok: true, admitted: true });
    const others = await Promise.all(toOthers);
    await pause(100);
    return { guestSocket, joined: joined as JoinRoomResult & { ok: true }, toGuest, others };
  }

  it('keeps a guest in the lobby until the doctor admits them, then introduces them to everyone with per-pair politeness', async () => {
    const { doctor, patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const ana = await invite(doctor, appointment, 'Ana Ruiz');
    const patientHears = record(patientSocket, 'peer-joined');
    const { joined, toGuest, others } = await admitted(ana, appointment.roomId, doctorSocket, [patientSocket, doctorSocket]);

    expect(joined.peers.map((peer) => peer.userId).sort()).toEqual([doctor.id, patient.id].sort());
    expect(others.map((event) => event.peer)).toEqual([
      { userId: ana.id, name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' },
      { userId: ana.id, name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' },
    ]);
    // Each pair disagrees on politeness: the guest yields to the patient and to the doctor.
    expect(others.map((event) => event.polite)).toEqual([false, false]);
    expect(toGuest.map((event: PeerJoinedEvent) => [event.peer.userId, event.polite]).sort()).toEqual(
      [
        [doctor.id, true],
        [patient.id, true],
      ].sort(),
    );
    expect(patientHears).toHaveLength(1);
    const session = await sut.prisma.sessionEvent.findMany({ where: { sessionId: appointment.sessionId, userId: ana.id } });
    expect(session.map((event) => event.type).sort()).toEqual(['JOINED', 'PEER_JOINED', 'PEER_JOINED']);
  });

  it('lets only the doctor admit; a declined guest is told and leaves the lobby', async () => {
    const { doctor, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const ana = await invite(doctor, appointment, 'Ana Ruiz');
    const guestSocket = await connect(ana);
    const lobby = next(doctorSocket, 'lobby-updated');
    await request(guestSocket, 'join-room', { roomId: appointment.roomId });
    await lobby;
    expect(await request(patientSocket, 'admit-guest', { guestId: ana.id })).toMatchObject({ ok: false, code: 403, reason: 'forbidden' });
    expect(await request(guestSocket, 'chat-message', { body: 'hello?' })).toMatchObject({ ok: false, reason: 'not_in_room' });
    const declined = next(guestSocket, 'declined');
    const emptied = next(doctorSocket, 'lobby-updated');
    expect(await request(doctorSocket, 'decline-guest', { guestId: ana.id })).toEqual({ ok: true });
    expect(await declined).toEqual({ sessionId: appointment.sessionId, message: 'The doctor did not admit you to this visit.' });
    expect((await emptied).waiting).toEqual([]);
    expect(await request(doctorSocket, 'admit-guest', { guestId: ana.id })).toMatchObject({ ok: false, code: 404 });
    expect(await request(doctorSocket, 'admit-guest', { guestId: 'nope' })).toMatchObject({
      ok: false,
      code: 400,
      reason: 'validation_failed',
    });
  });

  it('shows a doctor who joins after the guest who waits already', async () => {
    const { doctor, patient, appointment } = await visitStartingNow(sut);
    const ana = await invite(doctor, appointment, 'Ana Ruiz');
    const guestSocket = await connect(ana);
    expect(await request(guestSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true, admitted: false });
    const doctorSocket = await connect(doctor);
    const joined = await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId: appointment.roomId });
    expect(joined).toMatchObject({ ok: true, admitted: true, lobby: [{ guestId: ana.id, name: 'Ana Ruiz', guestRole: 'INTERPRETER' }] });
    const patientSocket = await connect(patient);
    const patientJoined = await request<JoinRoomResult>(patientSocket, 'join-room', { roomId: appointment.roomId });
    expect(patientJoined).toMatchObject({ ok: true, lobby: [] });
  });

  it('holds four people, delivers `to` to exactly one of them, and refuses the fifth with a sentence', async () => {
    const { doctor, patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const [ana, ben, cleo] = [
      await invite(doctor, appointment, 'Ana Ruiz'),
      await invite(doctor, appointment, 'Ben Okafor'),
      await invite(doctor, appointment, 'Cleo Park'),
    ];
    const a = await admitted(ana, appointment.roomId, doctorSocket, [patientSocket, doctorSocket]);
    const b = await admitted(ben, appointment.roomId, doctorSocket, [patientSocket, doctorSocket, a.guestSocket]);
    expect(b.joined.peers).toHaveLength(3);
    expect(b.toGuest).toHaveLength(3);

    const offersAtPatient = record(patientSocket, 'offer');
    const offersAtBen = record(b.guestSocket, 'offer');
    const offerAtAna = next(a.guestSocket, 'offer');
    const candidateAtAna = next(a.guestSocket, 'ice-candidate');
    expect(await request(doctorSocket, 'offer', { sdp: SDP, to: ana.id })).toEqual({ ok: true });
    expect(
      await request(doctorSocket, 'ice-candidate', {
        candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 9 typ host', sdpMid: '0' },
        to: ana.id,
      }),
    ).toEqual({ ok: true });
    expect(await offerAtAna).toEqual({ sdp: SDP, from: doctor.id });
    expect((await candidateAtAna).from).toBe(doctor.id);
    expect(await request(doctorSocket, 'offer', { sdp: SDP, to: doctor.id })).toMatchObject({ ok: false, code: 400 });
    await pause(150);
    expect(offersAtPatient).toEqual([]);
    expect(offersAtBen).toEqual([]);

    const cleoSocket = await connect(cleo);
    const lobby = next(doctorSocket, 'lobby-updated');
    await request(cleoSocket, 'join-room', { roomId: appointment.roomId });
    await lobby;
    expect(await request(doctorSocket, 'admit-guest', { guestId: cleo.id })).toEqual({
      ok: false,
      code: 409,
      reason: 'room_full',
      error: 'This visit is full: at most 4 people can be in it at once.',
    });

    // Chat reaches all four, with the writer's name and role.
    const lines = [patientSocket, doctorSocket, b.guestSocket].map((socket) => next(socket, 'chat-message'));
    const sent = await request<{ message: ChatMessage }>(a.guestSocket, 'chat-message', { body: 'Ich übersetze.' });
    expect(sent).toMatchObject({ ok: true, message: { senderName: 'Ana Ruiz', senderRole: 'GUEST', senderGuestRole: 'INTERPRETER' } });
    for (const line of await Promise.all(lines))
      expect(line).toMatchObject({ body: 'Ich übersetze.', from: ana.id, senderGuestRole: 'INTERPRETER' });
    const history = await request<JoinRoomResult>(patientSocket, 'chat-history', {});
    expect(history).toMatchObject({
      ok: true,
      messages: [{ senderName: 'Ana Ruiz', senderRole: 'GUEST', senderGuestRole: 'INTERPRETER' }],
    });
    expect(patient.id).toBeTruthy();
  });

  it('lets a guest leave while the others go on, and ends the visit for everyone', async () => {
    const { doctor, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const ana = await invite(doctor, appointment, 'Ana Ruiz');
    const a = await admitted(ana, appointment.roomId, doctorSocket, [patientSocket, doctorSocket]);
    const leftAtPatient = next(patientSocket, 'peer-left');
    const leftAtDoctor = next(doctorSocket, 'peer-left');
    expect(await request(a.guestSocket, 'leave-room', {})).toEqual({ ok: true });
    expect((await leftAtPatient).peer.userId).toBe(ana.id);
    expect((await leftAtDoctor).peer.userId).toBe(ana.id);
    const stillTalking = next(doctorSocket, 'offer');
    await request(patientSocket, 'offer', { sdp: SDP, to: doctor.id });
    await stillTalking;

    // Back in (already admitted: no second admission), then the doctor ends it for all three.
    expect(await request(a.guestSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true, admitted: true });
    const ended = [patientSocket, a.guestSocket].map((socket) => next(socket, 'session-ended'));
    expect(await request(doctorSocket, 'end-session', {})).toMatchObject({ ok: true });
    await Promise.all(ended);
  });

  it('removes a guest for good: told, taken out of the call, their link and token refused', async () => {
    const { doctor, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const ana = await invite(doctor, appointment, 'Ana Ruiz');
    const a = await admitted(ana, appointment.roomId, doctorSocket, [patientSocket, doctorSocket]);
    expect(await request(patientSocket, 'remove-participant', { userId: ana.id })).toMatchObject({ ok: false, code: 403 });
    expect(await request(doctorSocket, 'remove-participant', { userId: appointment.patient.id })).toMatchObject({ ok: false, code: 409 });

    const removed = next(a.guestSocket, 'removed');
    const gone = new Promise((resolve) => a.guestSocket.once('disconnect', resolve));
    const leftAtPatient = next(patientSocket, 'peer-left');
    expect(await request(doctorSocket, 'remove-participant', { userId: ana.id })).toEqual({ ok: true });
    expect(await removed).toEqual({ sessionId: appointment.sessionId, message: 'The doctor removed you from this visit.' });
    expect((await leftAtPatient).peer.userId).toBe(ana.id);
    await gone;

    await expect(connectSignaling(sut.url, ana.token, { reconnection: false })).rejects.toThrow();
    const row = await sut.prisma.sessionEvent.findFirst({ where: { sessionId: appointment.sessionId, userId: ana.id, type: 'LEFT' } });
    expect(row?.detail).toEqual({ reason: 'removed' });
  });

  it('gives a guest nothing of another visit', async () => {
    const first = await callOfTwo();
    const ana = await invite(first.doctor, first.appointment, 'Ana Ruiz');
    const other = await visitStartingNow(sut);
    const guestSocket = await connect(ana);
    const refused = await request(guestSocket, 'join-room', { roomId: other.appointment.roomId });
    expect(refused).toMatchObject({ ok: false });
    expect([403, 404]).toContain((refused as { code: number }).code);
    await sut.http
      .get(`/api/sessions/${other.appointment.sessionId}`)
      .set(bearer(ana))
      .expect((response) => {
        expect([403, 404]).toContain(response.status);
      });
    await sut.http
      .get(`/api/sessions/${first.appointment.sessionId}`)
      .set(bearer(ana))
      .expect((response) => {
        expect([403, 404]).toContain(response.status);
      });
  });
});
