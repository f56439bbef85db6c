import type { JoinRoomResult, Participant } from '@telehealth/contracts';
import { CallEngine } from './call-engine';
import type { CallState } from './call-state';
import { PlainSignalingSocket, type PlainConnectError } from './plain-signaling-socket';

// ---- a browser WebSocket the test plays the server of ----

type Sent = { type: string; to?: string; room_id?: string; payload?: unknown };

class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  readonly sent: Sent[] = [];
  closedWith: { code: number; reason: string } | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeWebSocket.all.push(this);
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text) as Sent);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  // ---- the server's side ----

  opens(): void {
    this.onopen?.();
  }

  says(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  custom(event: string, data: unknown, from = 'server'): void {
    this.says({ type: 'custom', from, room_id: ROOM, payload: { event, data } });
  }

  closes(code: number, reason = ''): void {
    this.onclose?.({ code, reason });
  }
}

// ---- builders ----

const ROOM = 'room-1';
const doctor: Participant = { userId: 'doctor-1', name: 'Dr. Ada Moss', role: 'DOCTOR' };
const patient: Participant = { userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' };

function joinResult(self: Participant, peers: Participant[] = []): JoinRoomResult {
  return {
    admitted: true,
    sessionId: 'session-1',
    appointmentId: 'appt-1',
    self,
    peers,
    chat: [],
    chatHasMore: false,
    endsAt: '2026-05-01T09:30:00Z',
    lobby: [],
  };
}

/** The server seated this connection: `joined` with the join's result. */
function joined(ws: FakeWebSocket, self: Participant = patient, peers: Participant[] = []): void {
  ws.custom('joined', { client_id: self.userId, ...joinResult(self, peers) });
}

/** Lets the token promise and the timers of a reconnection (1 ms here) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

const sockets: PlainSignalingSocket[] = [];

function plainSocket(): { sut: PlainSignalingSocket; tokens: jest.Mock<Promise<string>, []>; seen: Array<[string, unknown]> } {
  let issued = 0;
  const tokens = jest.fn(async () => `ticket-${(issued += 1)}`);
  const sut = new PlainSignalingSocket({
    url: 'https://clinic.example',
    roomId: ROOM,
    token: tokens,
    reconnectDelayMs: 1,
    reconnectDelayMaxMs: 1,
    createWebSocket: (url, protocols) => new FakeWebSocket(url, protocols) as unknown as WebSocket,
  });
  sockets.push(sut);
  const seen: Array<[string, unknown]> = [];
  for (const event of ['connect', 'disconnect', 'connect_error', 'peer-joined', 'offer', 'ice-candidate', 'chat-message', 'peer-left'])
    sut.on(event, (value: unknown) => seen.push([event, value]));
  sut.io.on('reconnect_attempt', (attempt: number) => seen.push(['reconnect_attempt', attempt]));
  return { sut, tokens, seen };
}

/** The socket's current connection, once its token came. */
async function connection(): Promise<FakeWebSocket> {
  await settle();
  const ws = FakeWebSocket.all.at(-1);
  if (!ws) throw new Error('no WebSocket was opened');
  return ws;
}

const ask = (sut: PlainSignalingSocket, event: string, payload?: unknown) => sut.timeout(1000).emitWithAck(event, payload);

afterEach(() => {
  sockets.splice(0).forEach((socket) => socket.disconnect());
  FakeWebSocket.all = [];
});

describe(PlainSignalingSocket.name, () => {
  it('opens /ws for its room at the given origin, the token offered as the subprotocol beside access_token', async () => {
    plainSocket();
    const ws = await connection();
    expect(ws.url).toBe('wss://clinic.example/ws?room_id=room-1');
    expect(ws.protocols).toEqual(['access_token', 'ticket-1']);
  });

  it('answers join-room with the connection’s joined, and delivers the events that came before it was asked', async () => {
    const { sut, seen } = plainSocket();
    const ws = await connection();
    ws.opens();
    // The server seats the connection by itself: the doctor's arrival and offer may come before the engine listens.
    joined(ws);
    ws.custom('peer-joined', { peer: doctor, polite: true, resumed: false });
    ws.says({ type: 'offer', from: doctor.userId, to: patient.userId, room_id: ROOM, payload: { type: 'offer', sdp: 'v=0 offer' } });
    expect(seen.filter(([event]) => event !== 'connect')).toEqual([]);

    const answer = ask(sut, 'join-room', { roomId: ROOM });
    expect(seen.filter(([event]) => event !== 'connect')).toEqual([
      ['peer-joined', { peer: doctor, polite: true, resumed: false }],
      ['offer', { sdp: 'v=0 offer', from: doctor.userId }],
    ]);
    expect(await answer).toEqual({ ok: true, ...joinResult(patient) });
  });

  it('answers a join-room asked before the server said anything with the joined that comes next', async () => {
    const { sut } = plainSocket();
    const ws = await connection();
    ws.opens();
    const answer = ask(sut, 'join-room', { roomId: ROOM });
    joined(ws, patient, [doctor]);
    expect(await answer).toEqual({ ok: true, ...joinResult(patient, [doctor]) });
  });

  it('sends offer, answer and ice-candidate as plain relay messages to their person, answered at once', async () => {
    const { sut } = plainSocket();
    const ws = await connection();
    ws.opens();
    joined(ws);
    await ask(sut, 'join-room', { roomId: ROOM });
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };

    expect(await ask(sut, 'offer', { sdp: 'v=0 offer', to: doctor.userId })).toEqual({ ok: true });
    expect(await ask(sut, 'answer', { sdp: 'v=0 answer', to: doctor.userId })).toEqual({ ok: true });
    expect(await ask(sut, 'ice-candidate', { candidate, to: doctor.userId })).toEqual({ ok: true });
    expect(ws.sent).toEqual([
      { type: 'offer', to: doctor.userId, room_id: ROOM, payload: { type: 'offer', sdp: 'v=0 offer' } },
      { type: 'answer', to: doctor.userId, room_id: ROOM, payload: { type: 'answer', sdp: 'v=0 answer' } },
      { type: 'candidate', to: doctor.userId, room_id: ROOM, payload: candidate },
    ]);
  });

  it('keeps what is sent before the join is answered, and sends it once it is', async () => {
    const { sut } = plainSocket();
    const ws = await connection();
    ws.opens();
    void ask(sut, 'offer', { sdp: 'v=0 early', to: doctor.userId });
    expect(ws.sent).toEqual([]);
    joined(ws);
    expect(ws.sent).toEqual([{ type: 'offer', to: doctor.userId, room_id: ROOM, payload: { type: 'offer', sdp: 'v=0 early' } }]);
  });

  it('sends every other event as custom with an id, answered by its ack or its error', async () => {
    const { sut } = plainSocket();
    const ws = await connection();
    ws.opens();
    joined(ws);
    await ask(sut, 'join-room', { roomId: ROOM });

    const chat = ask(sut, 'chat-message', { body: 'Can you hear me?' });
    const verify = ask(sut, 'verify-call', { peerId: doctor.userId, code: '123 456' });
    const [chatMessage, verifyMessage] = ws.sent;
    expect(chatMessage).toEqual({
      type: 'custom',
      room_id: ROOM,
      payload: { event: 'chat-message', data: { body: 'Can you hear me?' }, id: 0 },
    });
    expect(verifyMessage).toMatchObject({ type: 'custom', payload: { event: 'verify-call', id: 1 } });

    // Answered out of order: each by its own id.
    ws.says({
      type: 'error',
      from: 'server',
      room_id: ROOM,
      code: 403,
      reason: 'forbidden',
      error: 'Only the doctor verifies.',
      in_reply_to: 'custom',
      id: 1,
    });
    const line = {
      id: 'm1',
      sessionId: 'session-1',
      from: patient.userId,
      senderName: 'Ben Ortiz',
      body: 'Can you hear me?',
      sentAt: 'now',
    };
    ws.custom('ack', { event: 'chat-message', id: 0, message: line });
    expect(await chat).toEqual({ ok: true, message: line });
    expect(await verify).toEqual({ ok: false, code: 403, reason: 'forbidden', error: 'Only the doctor verifies.' });
  });

  it('gives the engine what arrives under Socket.IO’s event names and payloads', async () => {
    const { sut, seen } = plainSocket();
    const ws = await connection();
    ws.opens();
    joined(ws);
    await ask(sut, 'join-room', { roomId: ROOM });
    const candidate = { candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 };
    const line = { id: 'm2', sessionId: 'session-1', from: doctor.userId, senderName: 'Dr. Ada Moss', body: 'Hello', sentAt: 'now' };

    ws.says({ type: 'candidate', from: doctor.userId, to: patient.userId, room_id: ROOM, payload: candidate });
    ws.says({ type: 'chat', from: doctor.userId, room_id: ROOM, payload: { text: 'Hello', ...line } });
    ws.says({ type: 'bye', from: doctor.userId, room_id: ROOM, payload: { peer: doctor } });
    expect(seen.filter(([event]) => event !== 'connect')).toEqual([
      ['ice-candidate', { candidate, from: doctor.userId }],
      ['chat-message', line],
      ['peer-left', { peer: doctor }],
    ]);
  });

  it('leaves with bye, and the server closing after it is no reason to reconnect', async () => {
    const { sut, tokens, seen } = plainSocket();
    const ws = await connection();
    ws.opens();
    joined(ws);
    await ask(sut, 'join-room', { roomId: ROOM });

    expect(await ask(sut, 'leave-room', {})).toEqual({ ok: true });
    expect(ws.sent).toEqual([{ type: 'bye', room_id: ROOM }]);
    ws.custom('left', { client_id: patient.userId });
    ws.closes(1000, 'bye');
    await settle();
    expect(seen.at(-1)).toEqual(['disconnect', 'io client disconnect']);
    expect(tokens).toHaveBeenCalledTimes(1);
    expect(sut.connected).toBe(false);
  });

  it('reconnects after an unexpected close with a new token, as socket.io-client would, and the next joined answers the rejoin', async () => {
    const { sut, tokens, seen } = plainSocket();
    const first = await connection();
    first.opens();
    joined(first);
    await ask(sut, 'join-room', { roomId: ROOM });

    first.closes(1006);
    expect(sut.connected).toBe(false);
    const second = await connection();
    expect(second).not.toBe(first);
    expect(second.protocols).toEqual(['access_token', 'ticket-2']);
    expect(tokens).toHaveBeenCalledTimes(2);
    second.opens();
    expect(seen).toEqual([
      ['connect', undefined],
      ['disconnect', 'transport close'],
      ['reconnect_attempt', 1],
      ['connect', undefined],
    ]);
    expect(sut.connected).toBe(true);

    const rejoin = ask(sut, 'join-room', { roomId: ROOM });
    joined(second, patient, [doctor]);
    expect(await rejoin).toEqual({ ok: true, ...joinResult(patient, [doctor]) });
  });

  it('moves on when the server closes the transport to send it elsewhere (a drain), but not when it disconnects it', async () => {
    const drained = plainSocket();
    const ws = await connection();
    ws.opens();
    ws.closes(1012, 'closed by the server');
    await connection();
    expect(drained.tokens).toHaveBeenCalledTimes(2);

    const evicted = plainSocket();
    const other = await connection();
    other.opens();
    other.closes(1000, 'disconnected by the server');
    await settle();
    expect(evicted.seen.at(-1)).toEqual(['disconnect', 'io server disconnect']);
    expect(evicted.tokens).toHaveBeenCalledTimes(1);
  });

  it('takes a refused connection (44xx) as final: the join is refused with the server’s reason and connect_error says it', async () => {
    const { sut, tokens, seen } = plainSocket();
    const ws = await connection();
    ws.opens();
    ws.says({ type: 'error', from: 'server', room_id: ROOM, code: 403, reason: 'forbidden', error: 'This is not your visit.' });
    ws.closes(4403, 'forbidden');
    await settle();

    expect(await ask(sut, 'join-room', { roomId: ROOM })).toEqual({
      ok: false,
      code: 403,
      reason: 'forbidden',
      error: 'This is not your visit.',
    });
    const [event, error] = seen.at(-1) ?? [];
    expect(event).toBe('connect_error');
    expect((error as PlainConnectError).message).toBe('This is not your visit.');
    expect((error as PlainConnectError).data).toEqual({ code: 403, reason: 'forbidden' });
    expect(tokens).toHaveBeenCalledTimes(1);
  });

  it('disconnects for good when asked: the socket closes normally and what waits for an answer is rejected', async () => {
    const { sut, seen } = plainSocket();
    const ws = await connection();
    ws.opens();
    joined(ws);
    await ask(sut, 'join-room', { roomId: ROOM });
    const unanswered = ask(sut, 'chat-message', { body: 'Bye' });

    sut.disconnect();
    expect(ws.closedWith).toEqual({ code: 1000, reason: 'client disconnect' });
    expect(seen.at(-1)).toEqual(['disconnect', 'io client disconnect']);
    await expect(unanswered).rejects.toThrow('socket has been disconnected');
  });
});

describe('CallEngine over a PlainSignalingSocket', () => {
  const stream = { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] } as unknown as MediaStream;

  function engine(): { sut: CallEngine; states: CallState[] } {
    const { sut: socket } = plainSocket();
    const sut = new CallEngine({ socket: socket.asSignalingSocket(), roomId: ROOM, localStream: stream, iceServers: [] });
    const states: CallState[] = [];
    sut.on('state', (state) => states.push(state));
    return { sut, states };
  }

  it('joins, shows reconnecting while the socket is down, and is back in the room after the server seats it again', async () => {
    const { sut, states } = engine();
    const first = await connection();
    first.opens();
    joined(first);
    await sut.join();
    expect(sut.currentState).toBe('waiting');

    first.closes(1006);
    expect(sut.currentState).toBe('reconnecting');
    const second = await connection();
    second.opens();
    joined(second);
    await settle();
    expect(sut.currentState).toBe('waiting');
    expect(states).toEqual(['waiting', 'reconnecting', 'waiting']);
    sut.close();
  });

  it('is refused with the server’s code and sentence when the connection is', async () => {
    const { sut } = engine();
    const ws = await connection();
    ws.opens();
    ws.says({ type: 'error', from: 'server', room_id: ROOM, code: 404, reason: 'not_found', error: 'There is no such visit.' });
    ws.closes(4404, 'not_found');

    await expect(sut.join()).rejects.toMatchObject({
      name: 'CallError',
      code: 404,
      reason: 'not_found',
      message: 'There is no such visit.',
    });
    expect(sut.currentState).toBe('failed');
    sut.close();
  });
});
