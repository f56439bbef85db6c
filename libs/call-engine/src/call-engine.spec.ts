import type { Ack, JoinRoomResult, LobbyJoinResult, Participant } from '@telehealth/contracts';
import { CallEngine, type CallEngineEvents, type SignalingSocket } from './call-engine';
import type { CallState } from './call-state';
import type { RemotePeer } from './remote-peer';

// ---- a signaling socket the test plays the server of ----

type Handler = (...args: unknown[]) => void;

class FakeSocket {
  recovered = false;
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly ioHandlers = new Map<string, Set<Handler>>();
  private readonly answers = new Map<string, Array<() => Ack<object>>>();
  readonly io = {
    on: (event: string, handler: Handler) => this.add(this.ioHandlers, event, handler),
    off: (event: string, handler: Handler) => this.ioHandlers.get(event)?.delete(handler),
  };

  on(event: string, handler: Handler): void {
    this.add(this.handlers, event, handler);
  }

  off(event: string, handler: Handler): void {
    this.handlers.get(event)?.delete(handler);
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown): Promise<Ack<object>> => {
        this.sent.push({ event, payload });
        const answer = this.answers.get(event)?.shift();
        return answer ? answer() : { ok: true };
      },
    };
  }

  /** The next `event` request is answered with `ack`. */
  answerNext(event: string, ack: Ack<object>): void {
    this.answers.set(event, [...(this.answers.get(event) ?? []), () => ack]);
  }

  /** The server sends `event` to this socket. */
  serverSends(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }

  disconnect(reason: string): void {
    this.serverSends('disconnect', reason);
  }

  reconnect(recovered: boolean): void {
    this.recovered = recovered;
    this.serverSends('connect');
  }

  sentOf(event: string): unknown[] {
    return this.sent.filter((message) => message.event === event).map((message) => message.payload);
  }

  private add(map: Map<string, Set<Handler>>, event: string, handler: Handler): void {
    map.set(event, (map.get(event) ?? new Set()).add(handler));
  }
}

// ---- just enough of WebRTC to follow what the engine does with each peer connection ----

class FakeTrack {
  enabled = true;
  readyState = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
}

class FakeStream {
  constructor(private readonly tracks: FakeTrack[]) {}
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks.filter((track) => track.kind === 'audio');
  getVideoTracks = () => this.tracks.filter((track) => track.kind === 'video');
}

class FakeSender {
  constructor(public track: FakeTrack | null) {}
  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
}

class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly candidates: unknown[] = [];
  restarts = 0;
  statsEntries: object[] = [];
  onnegotiationneeded: (() => Promise<void>) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  onicecandidate: ((event: { candidate: unknown }) => void) | null = null;
  ontrack: ((event: unknown) => void) | null = null;
  onicegatheringstatechange: (() => void) | null = null;
  private readonly transceivers: Array<{ sender: FakeSender; receiver: { track: { kind: string } } }> = [];
  private negotiationQueued = false;

  constructor() {
    FakePeerConnection.all.push(this);
  }

  addTrack(track: FakeTrack): FakeSender {
    const sender = new FakeSender(track);
    this.transceivers.push({ sender, receiver: { track: { kind: track.kind } } });
    this.needNegotiation();
    return sender;
  }

  addTransceiver(kind: string): void {
    this.transceivers.push({ sender: new FakeSender(null), receiver: { track: { kind } } });
    this.needNegotiation();
  }

  getSenders = () => this.transceivers.map((transceiver) => transceiver.sender);
  getTransceivers = () => this.transceivers;

  async setLocalDescription(): Promise<void> {
    const answering = this.signalingState === 'have-remote-offer';
    this.localDescription = { type: answering ? 'answer' : 'offer', sdp: `${answering ? 'answer' : 'offer'} of pc ${this.index}` };
    this.signalingState = answering ? 'stable' : 'have-local-offer';
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }

  async addIceCandidate(candidate: unknown): Promise<void> {
    this.candidates.push(candidate);
  }

  restartIce(): void {
    this.restarts += 1;
  }

  async getStats(): Promise<{ forEach(each: (entry: object) => void): void }> {
    return { forEach: (each) => this.statsEntries.forEach(each) };
  }

  close(): void {
    this.connectionState = 'closed';
  }

  /** The browser reached (or lost) the other side. */
  becomes(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  get index(): number {
    return FakePeerConnection.all.indexOf(this);
  }

  get sendersTracks(): Array<FakeTrack | null> {
    return this.getSenders().map((sender) => sender.track);
  }

  private needNegotiation(): void {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    setTimeout(() => {
      this.negotiationQueued = false;
      void this.onnegotiationneeded?.();
    }, 0);
  }
}

// ---- builders ----

const doctor: Participant = { userId: 'doctor-1', name: 'Dr. Ada Moss', role: 'DOCTOR' };
const patient: Participant = { userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' };
const interpreter: Participant = { userId: 'guest-1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };

function admitted(self: Participant, peers: Participant[] = []): { ok: true } & JoinRoomResult {
  return {
    ok: true,
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

function inLobby(self: Participant): { ok: true } & LobbyJoinResult {
  return { ok: true, admitted: false, sessionId: 'session-1', appointmentId: 'appt-1', self, endsAt: '2026-05-01T09:30:00Z' };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

interface Harness {
  sut: CallEngine;
  socket: FakeSocket;
  stream: FakeStream;
  states: CallState[];
  peers: RemotePeer[][];
  presence: Array<[string, string]>;
  seen: { [E in keyof CallEngineEvents]?: unknown[] };
}

const engines: CallEngine[] = [];

function harness(statsIntervalMs = 60_000): Harness {
  const socket = new FakeSocket();
  const stream = new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]);
  const sut = new CallEngine({
    socket: socket as unknown as SignalingSocket,
    roomId: 'room-1',
    localStream: stream as unknown as MediaStream,
    iceServers: [],
    statsIntervalMs,
  });
  engines.push(sut);
  const result: Harness = { sut, socket, stream, states: [], peers: [], presence: [], seen: {} };
  sut.on('state', (state) => result.states.push(state));
  sut.on('peers', (peers) => result.peers.push(peers));
  sut.on('presence', ({ kind, participant }) => result.presence.push([kind, participant.name]));
  for (const event of ['lobby', 'joined', 'quality', 'chat'] as const) {
    sut.on(event, (value: unknown) => (result.seen[event] ??= []).push(value));
  }
  return result;
}

async function joinedAs(self: Participant, peers: Participant[] = [], statsIntervalMs?: number): Promise<Harness> {
  const call = harness(statsIntervalMs);
  call.socket.answerNext('join-room', admitted(self, peers));
  await call.sut.join();
  return call;
}

function lastPeers(call: Harness): RemotePeer[] {
  return call.peers.at(-1) ?? [];
}

beforeAll(() => {
  Object.assign(globalThis, { RTCPeerConnection: FakePeerConnection });
});

afterEach(() => {
  engines.splice(0).forEach((engine) => engine.close());
  FakePeerConnection.all = [];
});

afterAll(() => {
  delete (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection;
});

describe(CallEngine.name, () => {
  describe('one peer connection per other person', () => {
    it('opens a peer connection per person and addresses each one’s offer and candidates to them', async () => {
      const { sut, socket } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      await settle();

      const [toPatient, toInterpreter] = FakePeerConnection.all;
      expect(FakePeerConnection.all).toHaveLength(2);
      expect(socket.sentOf('offer')).toEqual([
        { sdp: 'offer of pc 0', to: patient.userId },
        { sdp: 'offer of pc 1', to: interpreter.userId },
      ]);
      toInterpreter!.onicecandidate?.({ candidate: { candidate: 'candidate:1', toJSON: () => ({ candidate: 'candidate:1' }) } });
      expect(socket.sentOf('ice-candidate')).toEqual([{ candidate: { candidate: 'candidate:1' }, to: interpreter.userId }]);
      expect(sut.peers.map((peer) => peer.participant.name)).toEqual(['Ben Ortiz', 'Ana Ruiz']);
      expect(toPatient!.signalingState).toBe('have-local-offer');
    });

    it('routes answers and candidates by who sent them, holding candidates until the description is there', async () => {
      const { socket } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      await settle();
      const [toPatient, toInterpreter] = FakePeerConnection.all;

      socket.serverSends('ice-candidate', { candidate: { candidate: 'early' }, from: interpreter.userId });
      socket.serverSends('answer', { sdp: 'answer of the interpreter', from: interpreter.userId });
      socket.serverSends('answer', { sdp: 'answer of nobody', from: 'stranger' });
      await settle();

      expect(toInterpreter!.remoteDescription).toEqual({ type: 'answer', sdp: 'answer of the interpreter' });
      expect(toInterpreter!.candidates).toEqual([{ candidate: 'early' }]);
      expect(toPatient!.remoteDescription).toBeNull();
    });

    it('waits, as the polite side of a pair, for the other side’s offer and answers it to them', async () => {
      const { socket } = await joinedAs(interpreter);
      socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      await settle();
      expect(socket.sentOf('offer')).toEqual([]);

      socket.serverSends('offer', { sdp: 'offer of the doctor', from: doctor.userId });
      await settle();
      expect(socket.sentOf('answer')).toEqual([{ sdp: 'answer of pc 0', to: doctor.userId }]);
    });

    it('asks to receive audio and video as the impolite side even when it sends only audio', async () => {
      const call = harness();
      call.stream.getTracks().splice(1);
      call.socket.answerNext('join-room', admitted(doctor));
      await call.sut.join();
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });

      expect(FakePeerConnection.all[0]!.getTransceivers().map((transceiver) => transceiver.receiver.track.kind)).toEqual([
        'audio',
        'video',
      ]);
    });

    it('replaces the tracks on every peer connection when the microphone is muted, and says so', async () => {
      const { sut, socket, stream } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });

      sut.setAudioEnabled(false);
      await settle();

      const [audio, video] = stream.getTracks();
      expect(FakePeerConnection.all.map((pc) => pc.sendersTracks)).toEqual([
        [null, video],
        [null, video],
      ]);
      expect(audio!.enabled).toBe(false);
      expect(socket.sentOf('media-state').at(-1)).toEqual({ audio: false, video: true });

      sut.setAudioEnabled(true);
      await settle();
      expect(FakePeerConnection.all.map((pc) => pc.sendersTracks)).toEqual([
        [audio, video],
        [audio, video],
      ]);
    });

    it('starts a newcomer’s peer connection with a muted microphone left muted', async () => {
      const { sut, socket } = await joinedAs(doctor);
      sut.setAudioEnabled(false);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      await settle();
      expect(FakePeerConnection.all[0]!.sendersTracks[0]).toBeNull();
    });
  });

  describe('the room’s state', () => {
    it('waits alone, connects with the first connected pair, and stays connected while another pair reconnects', async () => {
      const { socket, states } = await joinedAs(doctor);
      expect(states.at(-1)).toBe('waiting');
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      expect(states.at(-1)).toBe('connecting');

      const [toPatient, toInterpreter] = FakePeerConnection.all;
      toPatient!.becomes('connected');
      expect(states.at(-1)).toBe('connected');
      toInterpreter!.becomes('connected');
      toPatient!.becomes('failed');
      expect(states.at(-1)).toBe('connected');
      expect(toPatient!.restarts).toBe(1);

      socket.serverSends('peer-reconnecting', { peer: interpreter, graceSeconds: 30 });
      expect(states.at(-1)).toBe('reconnecting');
    });

    it('says the others left once the last one did, and tells who left', async () => {
      const { socket, states, presence, sut } = await joinedAs(doctor, [patient]);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      FakePeerConnection.all.forEach((pc) => pc.becomes('connected'));

      socket.serverSends('peer-left', { peer: interpreter });
      expect(states.at(-1)).toBe('connected');
      expect(FakePeerConnection.all[1]!.connectionState).toBe('closed');
      socket.serverSends('peer-left', { peer: patient });

      expect(states.at(-1)).toBe('peer-left');
      expect(sut.peers).toEqual([]);
      expect(presence).toEqual([
        ['joined', 'Ana Ruiz'],
        ['left', 'Ana Ruiz'],
        ['left', 'Ben Ortiz'],
      ]);
    });

    it('does not announce the people who were already there, whether introduced before or after the answer to its join', async () => {
      const call = harness();
      call.socket.answerNext('join-room', admitted(interpreter, [doctor, patient]));
      call.socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      await call.sut.join();
      call.socket.serverSends('peer-joined', { peer: patient, polite: true, resumed: false });

      expect(call.presence).toEqual([]);
      expect(call.sut.peers.map((peer) => peer.participant.userId)).toEqual([doctor.userId, patient.userId]);
    });

    it('keeps the pair’s peer connection when someone comes back inside the grace, restarting ICE', async () => {
      const { socket, states, presence } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      const [toPatient] = FakePeerConnection.all;
      toPatient!.becomes('connected');
      socket.serverSends('peer-reconnecting', { peer: patient, graceSeconds: 30 });
      toPatient!.becomes('disconnected');
      expect(states.at(-1)).toBe('reconnecting');

      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: true });
      expect(FakePeerConnection.all).toHaveLength(1);
      expect(toPatient!.restarts).toBe(1);
      toPatient!.becomes('connected');
      expect(states.at(-1)).toBe('connected');
      expect(presence).toEqual([['joined', 'Ben Ortiz']]);
    });

    it('starts the pair afresh when someone comes back on a new page', async () => {
      const { socket, sut } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });

      expect(FakePeerConnection.all.map((pc) => pc.connectionState)).toEqual(['closed', 'new', 'new']);
      expect(sut.peers.map((peer) => peer.participant.userId)).toEqual([patient.userId, interpreter.userId]);
    });

    it('follows each person’s announced microphone and camera', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('media-state', { audio: false, video: true, from: patient.userId });
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      call.socket.serverSends('media-state', { audio: true, video: false, from: interpreter.userId });

      expect(lastPeers(call).map((peer) => peer.media)).toEqual([
        { audio: false, video: true },
        { audio: true, video: false },
      ]);
    });
  });

  describe('the guests’ lobby', () => {
    it('waits in the lobby, joins again by itself once admitted, and tells the full answer', async () => {
      const call = harness();
      call.socket.answerNext('join-room', inLobby(interpreter));
      const first = await call.sut.join();
      expect(first.admitted).toBe(false);
      expect(call.states.at(-1)).toBe('lobby');

      call.socket.answerNext('join-room', admitted(interpreter, [doctor]));
      call.socket.serverSends('admitted', { sessionId: 'session-1' });
      expect(call.states.at(-1)).toBe('joining');
      await settle();

      expect(call.socket.sentOf('join-room')).toEqual([{ roomId: 'room-1' }, { roomId: 'room-1' }]);
      expect(call.seen.joined).toEqual([expect.objectContaining({ admitted: true, peers: [doctor] })]);
      call.socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      expect(call.states.at(-1)).toBe('connecting');
      expect(call.presence).toEqual([]);
    });

    it('ends for good when the doctor declines, whatever the socket does next', async () => {
      const call = harness();
      call.socket.answerNext('join-room', inLobby(interpreter));
      await call.sut.join();

      call.socket.serverSends('declined', { sessionId: 'session-1', message: 'The doctor did not let you in.' });
      call.socket.disconnect('io server disconnect');

      expect(call.states.slice(-1)).toEqual(['declined']);
      expect(call.sut.currentState).toBe('declined');
    });

    it('goes back to the lobby when a reconnect that was not recovered answers that it still waits', async () => {
      const call = harness();
      call.socket.answerNext('join-room', inLobby(interpreter));
      await call.sut.join();

      call.socket.disconnect('transport close');
      expect(call.states.at(-1)).toBe('reconnecting');
      call.socket.answerNext('join-room', inLobby(interpreter));
      call.socket.reconnect(false);
      await settle();

      expect(call.states.at(-1)).toBe('lobby');
    });

    it('shows the doctor who waits, and refuses a decision the server refused', async () => {
      const call = await joinedAs(doctor);
      const waiting = [{ guestId: 'guest-1', name: 'Ana Ruiz', guestRole: 'INTERPRETER', since: '2026-05-01T09:01:00Z' }];
      call.socket.serverSends('lobby-updated', { waiting });
      await call.sut.admitGuest('guest-1');
      call.socket.answerNext('decline-guest', { ok: false, code: 404, error: 'No such guest.', reason: 'not_found' });

      await expect(call.sut.declineGuest('guest-2')).rejects.toMatchObject({ name: 'CallError', code: 404, message: 'No such guest.' });
      expect(call.seen.lobby).toEqual([[], waiting]);
      expect(call.socket.sentOf('admit-guest')).toEqual([{ guestId: 'guest-1' }]);
    });
  });

  describe('a removed guest', () => {
    it('closes every peer connection and does not take the server’s disconnect for a failure', async () => {
      const call = await joinedAs(interpreter);
      call.socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });

      call.socket.serverSends('removed', { sessionId: 'session-1', message: 'The doctor removed you from the visit.' });
      call.socket.disconnect('io server disconnect');

      expect(call.sut.currentState).toBe('removed');
      expect(FakePeerConnection.all[0]!.connectionState).toBe('closed');
      expect(lastPeers(call)).toEqual([]);
    });

    it('is asked for by the doctor by user id', async () => {
      const call = await joinedAs(doctor);
      await call.sut.removeParticipant(interpreter.userId);
      expect(call.socket.sentOf('remove-participant')).toEqual([{ userId: interpreter.userId }]);
    });
  });

  describe('its own reconnects', () => {
    it('is reconnecting while its socket is down, and lets a recovered socket carry on', async () => {
      const { socket, states } = await joinedAs(doctor);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      FakePeerConnection.all[0]!.becomes('connected');

      socket.disconnect('transport close');
      expect(states.at(-1)).toBe('reconnecting');
      socket.reconnect(true);
      expect(states.at(-1)).toBe('connected');
      expect(socket.sentOf('join-room')).toHaveLength(1);
    });

    it('joins again after a reconnect that was not recovered, and forgets whoever left meanwhile', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      call.socket.serverSends('peer-reconnecting', { peer: patient, graceSeconds: 30 });

      call.socket.disconnect('transport close');
      call.socket.answerNext('join-room', admitted(doctor, []));
      call.socket.reconnect(false);
      await settle();

      expect(call.seen.joined).toHaveLength(2);
      // The patient dropped too and may come back inside the grace; the interpreter left while we were away.
      expect(call.sut.peers.map((peer) => peer.participant.userId)).toEqual([patient.userId]);
      expect(call.presence.at(-1)).toEqual(['left', 'Ana Ruiz']);
    });

    it('ends when the visit is gone by the time it joins again', async () => {
      const call = await joinedAs(doctor);
      call.socket.disconnect('transport close');
      call.socket.answerNext('join-room', { ok: false, code: 409, error: 'This visit has ended.', reason: 'visit_ended' });
      call.socket.reconnect(false);
      await settle();
      expect(call.sut.currentState).toBe('ended');
    });

    it('fails when the server closes the socket because the visit was opened elsewhere', async () => {
      const call = await joinedAs(doctor);
      call.socket.disconnect('io server disconnect');
      expect(call.sut.currentState).toBe('failed');
    });
  });

  describe('quality and audio level', () => {
    it('samples every connected pair, tells the worst quality, and re-renders only for a noticeable audio change', async () => {
      const call = await joinedAs(doctor, [], 20);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      const [toPatient, toInterpreter] = FakePeerConnection.all;
      const pairWith = (rttSeconds: number) => ({
        type: 'candidate-pair',
        nominated: true,
        state: 'succeeded',
        currentRoundTripTime: rttSeconds,
      });
      const audio = (audioLevel: number) => ({ type: 'inbound-rtp', kind: 'audio', bytesReceived: 0, packetsReceived: 0, audioLevel });
      toPatient!.statsEntries = [pairWith(0.05), audio(0.3)];
      toInterpreter!.statsEntries = [pairWith(0.4), audio(0)];
      toPatient!.becomes('connected');
      toInterpreter!.becomes('connected');
      await new Promise((resolve) => setTimeout(resolve, 80));

      expect(call.seen.quality?.at(-1)).toMatchObject({ level: 'fair', rttMs: 400 });
      expect(lastPeers(call).map((peer) => [peer.audioLevel, peer.quality?.level])).toEqual([
        [0.3, 'good'],
        [0, 'fair'],
      ]);

      const rendersBefore = call.peers.length;
      toPatient!.statsEntries = [pairWith(0.05), audio(0.32)];
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(call.peers.length).toBe(rendersBefore);
      expect(call.sut.peers[0]!.audioLevel).toBe(0.32);
    });
  });

  it('leaves the room and closes every peer connection', async () => {
    const call = await joinedAs(doctor);
    call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
    await call.sut.leave();
    expect(call.socket.sentOf('leave-room')).toHaveLength(1);
    expect(call.sut.currentState).toBe('left');
    expect(FakePeerConnection.all[0]!.connectionState).toBe('closed');
  });

  it('ends for everyone when the doctor ends the visit', async () => {
    const call = await joinedAs(patient);
    call.socket.serverSends('session-ended', { sessionId: 'session-1', endedBy: doctor.userId, endedAt: '2026-05-01T09:20:00Z' });
    expect(call.sut.currentState).toBe('ended');
  });
});
