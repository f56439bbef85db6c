import type { Ack, JoinRoomResult, LobbyJoinResult, Participant } from '@telehealth/contracts';
import { CallEngine, type CallEngineEvents, type CallEngineOptions, type SignalingSocket } from './call-engine';
import type { CallState } from './call-state';
import { PreparedConnection } from './prepared-connection';
import type { RemotePeer } from './remote-peer';

// ---- a signaling socket the test plays the server of ----

type Handler = (...args: unknown[]) => void;

class FakeSocket {
  recovered = false;
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly ioHandlers = new Map<string, Set<Handler>>();
  private readonly answers = new Map<string, Array<() => Ack<object> | Promise<Ack<object>>>>();
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

  /** The next `event` request is answered when the test calls the function returned: what the server sends meanwhile arrives first. */
  answerNextLater(event: string): (ack: Ack<object>) => void {
    let answer!: (ack: Ack<object>) => void;
    const later = new Promise<Ack<object>>((resolve) => (answer = resolve));
    this.answers.set(event, [...(this.answers.get(event) ?? []), () => later]);
    return answer;
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
  contentHint = '';
  private readonly endedListeners = new Set<() => void>();
  constructor(readonly kind: 'audio' | 'video') {}
  addEventListener(_event: 'ended', listener: () => void): void {
    this.endedListeners.add(listener);
  }
  removeEventListener(_event: 'ended', listener: () => void): void {
    this.endedListeners.delete(listener);
  }
  stop(): void {
    this.readyState = 'ended';
  }
  /** The browser ended it (the person pressed its "Stop sharing"). */
  endedByBrowser(): void {
    this.readyState = 'ended';
    this.endedListeners.forEach((listener) => listener());
  }
}

class FakeStream {
  private static count = 0;
  readonly id = `stream-${(FakeStream.count += 1)}`;
  constructor(private readonly tracks: FakeTrack[]) {}
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks.filter((track) => track.kind === 'audio');
  getVideoTracks = () => this.tracks.filter((track) => track.kind === 'video');
  addTrack = (track: FakeTrack) => this.tracks.push(track);
  removeTrack = (track: FakeTrack) => this.tracks.splice(this.tracks.indexOf(track), 1);
}

class FakeSender {
  parameters: { encodings: Array<{ scaleResolutionDownBy?: number; maxFramerate?: number }> } = { encodings: [{}] };
  constructor(public track: FakeTrack | null) {}
  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
  }
  getParameters() {
    return structuredClone(this.parameters);
  }
  async setParameters(parameters: FakeSender['parameters']): Promise<void> {
    this.parameters = parameters;
  }
}

class FakePeerConnection {
  static all: FakePeerConnection[] = [];
  /** Descriptions carry a DTLS fingerprint of this peer connection's own (off by default, to keep the SDPs short). */
  static withFingerprints = false;
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
  private readonly transceivers: Array<{ sender: FakeSender; receiver: { track: { kind: string } }; neverSent: boolean }> = [];
  /** The stream each sender's track was added with (its id groups the tracks on the other side). */
  readonly streamsOf = new Map<FakeSender, FakeStream>();
  private negotiationQueued = false;

  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();
  onicecandidateerror: ((event: unknown) => void) | null = null;

  constructor() {
    FakePeerConnection.all.push(this);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(listener));
  }

  /** The browser fires `type` at this peer connection: its listeners and its `on<type>` handler hear it. */
  fires(type: 'icecandidateerror' | 'icecandidate', event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
    const handler = type === 'icecandidate' ? this.onicecandidate : this.onicecandidateerror;
    (handler as ((event: unknown) => void) | null)?.(event);
  }

  addTrack(track: FakeTrack, stream: FakeStream): FakeSender {
    // As in the browser: a transceiver of the kind that never sent is reused.
    const unused = this.transceivers.find((transceiver) => transceiver.receiver.track.kind === track.kind && transceiver.neverSent);
    const sender = unused?.sender ?? new FakeSender(track);
    sender.track = track;
    if (unused) unused.neverSent = false;
    else this.transceivers.push({ sender, receiver: { track: { kind: track.kind } }, neverSent: false });
    this.streamsOf.set(sender, stream);
    this.needNegotiation();
    return sender;
  }

  removeTrack(sender: FakeSender): void {
    sender.track = null;
    this.streamsOf.delete(sender);
    this.needNegotiation();
  }

  addTransceiver(kind: string): void {
    this.transceivers.push({ sender: new FakeSender(null), receiver: { track: { kind } }, neverSent: true });
    this.needNegotiation();
  }

  getSenders = () => this.transceivers.map((transceiver) => transceiver.sender);
  getTransceivers = () => this.transceivers;

  async setLocalDescription(): Promise<void> {
    const answering = this.signalingState === 'have-remote-offer';
    const fingerprint = FakePeerConnection.withFingerprints ? `\r\na=fingerprint:sha-256 AA:0${this.index}` : '';
    this.localDescription = {
      type: answering ? 'answer' : 'offer',
      sdp: `${answering ? 'answer' : 'offer'} of pc ${this.index}${fingerprint}`,
    };
    this.signalingState = answering ? 'stable' : 'have-local-offer';
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }

  /** The descriptions in force once an offer and its answer were both applied. */
  get currentLocalDescription(): RTCSessionDescriptionInit | null {
    return this.signalingState === 'stable' ? this.localDescription : null;
  }

  get currentRemoteDescription(): RTCSessionDescriptionInit | null {
    return this.signalingState === 'stable' ? this.remoteDescription : null;
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

function harness(statsIntervalMs = 60_000, options: Partial<CallEngineOptions> & { camera?: boolean } = {}): Harness {
  const socket = new FakeSocket();
  const stream = new FakeStream([new FakeTrack('audio'), ...(options.camera === false ? [] : [new FakeTrack('video')])]);
  const sut = new CallEngine({
    socket: socket as unknown as SignalingSocket,
    roomId: 'room-1',
    localStream: stream as unknown as MediaStream,
    iceServers: [],
    statsIntervalMs,
    ...options,
  });
  engines.push(sut);
  const result: Harness = { sut, socket, stream, states: [], peers: [], presence: [], seen: {} };
  sut.on('state', (state) => result.states.push(state));
  sut.on('peers', (peers) => result.peers.push(peers));
  sut.on('presence', ({ kind, participant }) => result.presence.push([kind, participant.name]));
  for (const event of ['lobby', 'joined', 'quality', 'chat', 'adaptive', 'media'] as const) {
    sut.on(event, (value: unknown) => (result.seen[event] ??= []).push(value));
  }
  return result;
}

async function joinedAs(
  self: Participant,
  peers: Participant[] = [],
  statsIntervalMs?: number,
  options?: Partial<CallEngineOptions> & { camera?: boolean },
): Promise<Harness> {
  const call = harness(statsIntervalMs, options);
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
  FakePeerConnection.withFingerprints = false;
  delete (globalThis as { __telehealthStatsReplay?: unknown }).__telehealthStatsReplay;
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
      expect(socket.sentOf('media-state').at(-1)).toEqual({ audio: false, video: true, audioOff: 'person' });

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

  describe('a peer connection prepared ahead', () => {
    /** A call whose first peer connection was prepared (and had its own moment to settle) before the join. */
    async function preparedCall(self: Participant, offer: boolean) {
      const socket = new FakeSocket();
      const localStream = new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;
      const prepared = new PreparedConnection({ localStream, iceServers: [], offer });
      await settle();
      const sut = new CallEngine({ socket: socket as unknown as SignalingSocket, roomId: 'room-1', localStream, iceServers: [], prepared });
      engines.push(sut);
      socket.answerNext('join-room', admitted(self));
      await sut.join();
      return { sut, socket };
    }

    it('sends the offer it made ahead as soon as the other person is named, on that same connection', async () => {
      const { socket } = await preparedCall(doctor, true);
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      await settle();

      expect(FakePeerConnection.all).toHaveLength(1);
      expect(socket.sentOf('offer')).toEqual([{ sdp: 'offer of pc 0', to: patient.userId }]);
      socket.serverSends('answer', { sdp: 'answer of the patient', from: patient.userId });
      await settle();
      expect(FakePeerConnection.all[0]!.signalingState).toBe('stable');
    });

    it('answers on a prepared connection without an offer when the other side offers', async () => {
      const { socket } = await preparedCall(patient, false);
      socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      socket.serverSends('offer', { sdp: 'offer of the doctor', from: doctor.userId });
      await settle();

      expect(FakePeerConnection.all).toHaveLength(1);
      expect(socket.sentOf('offer')).toEqual([]);
      expect(socket.sentOf('answer')).toEqual([{ sdp: 'answer of pc 0', to: doctor.userId }]);
    });

    it('offers on a prepared connection without an offer when this side is the one to offer', async () => {
      const { socket } = await preparedCall(patient, false);
      socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      await settle();

      expect(FakePeerConnection.all).toHaveLength(1);
      expect(socket.sentOf('offer')).toEqual([{ sdp: 'offer of pc 0', to: interpreter.userId }]);
    });

    it('closes a prepared offer the polite side cannot use, and answers on a connection of its own', async () => {
      const { socket } = await preparedCall(patient, true);
      socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      await settle();
      socket.serverSends('offer', { sdp: 'offer of the doctor', from: doctor.userId });
      await settle();

      const [prepared, own] = FakePeerConnection.all;
      expect(prepared!.connectionState).toBe('closed');
      expect(socket.sentOf('offer')).toEqual([]);
      expect(socket.sentOf('answer')).toEqual([{ sdp: `answer of pc 1`, to: doctor.userId }]);
      expect(own!.remoteDescription).toEqual({ type: 'offer', sdp: 'offer of the doctor' });
    });

    it('says the relay refused this side when its TURN server did so while the connection was prepared', async () => {
      const { sut, socket } = await preparedCall(doctor, true);
      FakePeerConnection.all[0]!.fires('icecandidateerror', {
        errorCode: 401,
        errorText: 'Unauthorized',
        url: 'turn:turn.example.org:3478',
      });
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      await settle();

      expect(sut.peers.map((peer) => peer.relayRefused)).toEqual([true]);
    });

    it('closes the prepared connection when the call ends before anyone came', async () => {
      const { sut } = await preparedCall(doctor, true);
      await sut.leave();
      expect(FakePeerConnection.all[0]!.connectionState).toBe('closed');
    });
  });

  describe('a view that listens after the join began', () => {
    it('hears again the state, the join’s answer, the lobby and the people it missed', async () => {
      const socket = new FakeSocket();
      const localStream = new FakeStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;
      const sut = new CallEngine({ socket: socket as unknown as SignalingSocket, roomId: 'room-1', localStream, iceServers: [] });
      engines.push(sut);
      const answer = {
        ...admitted(doctor, [patient]),
        lobby: [{ guestId: interpreter.userId, name: interpreter.name, guestRole: 'INTERPRETER' as const, since: '2026-05-01T09:01:00Z' }],
      };
      socket.answerNext('join-room', answer);
      await sut.join();
      socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });

      const heard: Array<[string, unknown]> = [];
      for (const event of ['state', 'joined', 'lobby', 'peers'] as const) sut.on(event, (value: unknown) => heard.push([event, value]));
      sut.replay();

      expect(heard.map(([event]) => event)).toEqual(['state', 'joined', 'lobby', 'peers']);
      expect(heard[0]![1]).toBe('connecting');
      expect((heard[1]![1] as JoinRoomResult).peers).toEqual([patient]);
      expect(heard[2]![1]).toEqual(answer.lobby);
      expect((heard[3]![1] as RemotePeer[]).map((peer) => peer.participant.name)).toEqual(['Ben Ortiz']);
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

    // Seen in the browser benchmark: the patient waited, the doctor's join was taken while the
    // server still wrote the patient's, and the answer to the patient's join (no one else there)
    // came after the doctor's peer-joined. The patient dropped the doctor and never answered.
    it('keeps someone who came in while its own join was still being answered, and answers their offer', async () => {
      const call = harness();
      const answerJoin = call.socket.answerNextLater('join-room');
      const joining = call.sut.join();
      call.socket.serverSends('waiting-for-peer', {});
      call.socket.serverSends('peer-joined', { peer: doctor, polite: true, resumed: false });
      answerJoin(admitted(patient, []));
      await joining;
      call.socket.serverSends('offer', { sdp: 'offer of the doctor', from: doctor.userId });
      await settle();

      expect(call.states.at(-1)).toBe('connecting');
      expect(call.sut.peers.map((peer) => peer.participant.userId)).toEqual([doctor.userId]);
      expect(call.socket.sentOf('answer')).toEqual([{ sdp: 'answer of pc 0', to: doctor.userId }]);
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

  describe('audio and video at any time', () => {
    it('turns the camera on in a call joined audio only: a sender on every link, the same local stream, video announced', async () => {
      const call = await joinedAs(doctor, [], undefined, { camera: false });
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: true, resumed: false });
      await settle();
      expect(call.sut.mediaState).toEqual({ audio: true, video: false, videoOff: 'person' });

      const camera = new FakeTrack('video');
      await call.sut.replaceLocalTrack('video', camera as unknown as MediaStreamTrack);
      call.sut.setVideoEnabled(true);
      await settle();

      expect(call.stream.getTracks().map((track) => track.kind)).toEqual(['audio', 'video']);
      for (const pc of FakePeerConnection.all) {
        expect(pc.sendersTracks).toContain(camera);
        expect(pc.streamsOf.get(pc.getSenders().find((sender) => sender.track === camera)!)).toBe(call.stream);
      }
      // The impolite side's receiving video transceiver is reused rather than a third one added.
      expect(FakePeerConnection.all[0]!.getTransceivers()).toHaveLength(2);
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: true });
      expect(call.seen.media?.at(-1)).toEqual({ audio: true, video: true });
    });

    it('switches a device on every link in place and stops the old track, keeping a muted microphone muted', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      const [oldMicrophone, camera] = call.stream.getTracks();
      call.sut.setAudioEnabled(false);

      const microphone = new FakeTrack('audio');
      await call.sut.replaceLocalTrack('audio', microphone as unknown as MediaStreamTrack);
      call.sut.setAudioEnabled(true);
      await settle();

      expect(oldMicrophone!.readyState).toBe('ended');
      expect(call.stream.getTracks()).toEqual([camera, microphone]);
      expect(FakePeerConnection.all[0]!.sendersTracks).toEqual([microphone, camera]);
    });

    it('releases the camera with no track: nothing sent, the device stopped, the camera announced off by the person', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      const camera = call.stream.getVideoTracks()[0]!;

      await call.sut.replaceLocalTrack('video', null);
      await settle();

      expect(camera.readyState).toBe('ended');
      expect(FakePeerConnection.all[0]!.sendersTracks).toEqual([call.stream.getAudioTracks()[0], null]);
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: false, videoOff: 'person' });
    });

    it('announces a blocked device as unavailable rather than turned off, until it is allowed', async () => {
      const call = harness(60_000, { camera: false, unavailable: { video: true } });
      expect(call.sut.mediaState).toEqual({ audio: true, video: false, videoOff: 'device' });
      call.socket.answerNext('join-room', admitted(patient, [doctor]));
      await call.sut.join();

      call.sut.setUnavailable({ audio: true });
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: false, video: false, audioOff: 'device', videoOff: 'device' });
      call.sut.setUnavailable({ audio: false });
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: false, videoOff: 'device' });
    });
  });

  describe('screen share', () => {
    it('adds the screen as a second video on every link, also links opened later, and announces its stream', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      const screenTrack = new FakeTrack('video');
      const screen = new FakeStream([screenTrack]);

      await call.sut.startScreenShare(screen as unknown as MediaStream);
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      await settle();

      for (const pc of FakePeerConnection.all) {
        const [, camera, shared] = pc.getSenders();
        expect(camera!.track).toBe(call.stream.getVideoTracks()[0]);
        expect(shared!.track).toBe(screenTrack);
        expect(pc.streamsOf.get(shared!)).toBe(screen);
      }
      expect(screenTrack.contentHint).toBe('detail');
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: true, screenStreamId: screen.id });
      expect(call.seen.media?.at(-1)).toEqual({ audio: true, video: true, screenStreamId: screen.id });
    });

    it('stops when the browser’s own “Stop sharing” ends the track, and when asked', async () => {
      const call = await joinedAs(doctor);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      const first = new FakeTrack('video');
      await call.sut.startScreenShare(new FakeStream([first]) as unknown as MediaStream);

      first.endedByBrowser();
      await settle();
      expect(FakePeerConnection.all[0]!.sendersTracks).toEqual([...call.stream.getTracks(), null]);
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: true });

      const second = new FakeTrack('video');
      await call.sut.startScreenShare(new FakeStream([second]) as unknown as MediaStream);
      await call.sut.stopScreenShare();
      expect(second.readyState).toBe('ended');
      expect(call.sut.mediaState.screenStreamId).toBeUndefined();
    });
  });

  describe('adaptive quality', () => {
    const poor = [
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.2, roundTripTime: 0.3 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.15, roundTripTime: 0.3 },
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.3, availableOutgoingBitrate: 80_000 },
    ];
    const good = [
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0, roundTripTime: 0.03 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0, roundTripTime: 0.03 },
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.03, availableOutgoingBitrate: 2_000_000 },
    ];
    const until = async (check: () => boolean) => {
      for (let tries = 0; tries < 200 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    it('lowers the camera, then pauses it with a notice to the others, and brings it back when the link recovers', async () => {
      const entries = new Map<string, object[]>([[patient.userId, good]]);
      Object.assign(globalThis, { __telehealthStatsReplay: (userId: string) => entries.get(userId) });
      const call = await joinedAs(doctor, [], 10);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      const [toPatient, toInterpreter] = FakePeerConnection.all;
      const camera = call.stream.getVideoTracks()[0];

      entries.set(interpreter.userId, poor);
      await until(() => call.sut.videoLevel === 'audio-only');
      expect(call.seen.adaptive).toEqual(['reduced', 'audio-only']);
      // One camera for everyone: the good link gets what the weak one can carry.
      expect([toPatient, toInterpreter].map((pc) => pc!.sendersTracks[1])).toEqual([null, null]);
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: false, videoOff: 'network' });

      entries.set(interpreter.userId, good);
      await until(() => call.sut.videoLevel === 'reduced');
      expect(toPatient!.sendersTracks[1]).toBe(camera);
      expect(toPatient!.getSenders()[1]!.parameters.encodings[0]).toEqual({ scaleResolutionDownBy: 2, maxFramerate: 15 });
      expect(call.socket.sentOf('media-state').at(-1)).toEqual({ audio: true, video: true });

      await until(() => call.sut.videoLevel === 'full');
      expect(toPatient!.getSenders()[1]!.parameters.encodings[0]).toEqual({ scaleResolutionDownBy: 1 });
      expect(call.seen.adaptive).toEqual(['reduced', 'audio-only', 'reduced', 'full']);
    });

    it('goes back to full video when the person on the weak link leaves', async () => {
      Object.assign(globalThis, { __telehealthStatsReplay: () => poor });
      const call = await joinedAs(doctor, [], 10);
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      await until(() => call.sut.videoLevel === 'reduced');

      call.socket.serverSends('peer-left', { peer: patient });
      expect(call.sut.videoLevel).toBe('full');
    });

    it('changes nothing when turned off', async () => {
      Object.assign(globalThis, { __telehealthStatsReplay: () => poor });
      const call = await joinedAs(doctor, [], 10, { adaptiveQuality: false });
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(call.sut.videoLevel).toBe('full');
      expect(call.seen.adaptive).toBeUndefined();
    });
  });

  describe('connection facts', () => {
    it('sends each connected pair’s path, RTT, loss and reconnects for the visit record', async () => {
      const call = await joinedAs(doctor, [], 60_000, { callStatsIntervalMs: 20 });
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
      call.socket.serverSends('peer-joined', { peer: interpreter, polite: false, resumed: false });
      const [toPatient] = FakePeerConnection.all;
      toPatient!.statsEntries = [
        { type: 'local-candidate', id: 'l1', candidateType: 'relay' },
        {
          type: 'candidate-pair',
          id: 'p1',
          nominated: true,
          state: 'succeeded',
          localCandidateId: 'l1',
          remoteCandidateId: 'r1',
          currentRoundTripTime: 0.12,
        },
      ];
      toPatient!.becomes('connected');
      toPatient!.becomes('disconnected');
      toPatient!.becomes('connected');
      // Their signaling dropped while the media kept flowing: no reconnect of the pair's connection.
      call.socket.serverSends('peer-reconnecting', { peer: patient, graceSeconds: 30 });
      call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: true });
      await new Promise((resolve) => setTimeout(resolve, 60));

      expect(call.socket.sentOf('call-stats')[0]).toEqual({ peerId: patient.userId, path: 'relayed', rttMs: 120, reconnects: 1 });
      // The interpreter's pair never connected: nothing to report.
      expect(call.socket.sentOf('call-stats').every((sent) => (sent as { peerId: string }).peerId === patient.userId)).toBe(true);
    });
  });

  describe('the verified-call code', () => {
    async function connectedPair(self: Participant, other: Participant): Promise<Harness> {
      FakePeerConnection.withFingerprints = true;
      const call = await joinedAs(self);
      call.socket.serverSends('peer-joined', { peer: other, polite: false, resumed: false });
      await settle();
      call.socket.serverSends('answer', { sdp: 'answer\r\na=fingerprint:sha-256 BB:01', from: other.userId });
      await until(() => call.sut.peers[0]?.verificationCode !== null);
      return call;
    }
    const until = async (check: () => boolean) => {
      for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    it('shows the pair’s code once both descriptions are applied, and marks it verified as the doctor asks', async () => {
      const call = await connectedPair(doctor, patient);
      const code = call.sut.peers[0]!.verificationCode;
      expect(code).toMatch(/^\d{3} \d{3}$/);

      await call.sut.markVerified(patient.userId);
      expect(call.socket.sentOf('verify-call')).toEqual([{ peerId: patient.userId, code }]);
      expect(lastPeers(call)[0]!.verified).toBe(true);
    });

    it('is verified on the patient’s side when the doctor marked their pair with the code shown', async () => {
      const call = await connectedPair(patient, doctor);
      const code = call.sut.peers[0]!.verificationCode;
      call.socket.serverSends('call-verified', { by: doctor.userId, peerId: interpreter.userId, code, at: '2026-05-01T09:10:00Z' });
      expect(call.sut.peers[0]!.verified).toBe(false);
      call.socket.serverSends('call-verified', { by: doctor.userId, peerId: patient.userId, code: '000 000', at: '2026-05-01T09:10:00Z' });
      expect(call.sut.peers[0]!.verified).toBe(false);
      call.socket.serverSends('call-verified', { by: doctor.userId, peerId: patient.userId, code, at: '2026-05-01T09:10:00Z' });
      expect(lastPeers(call)[0]!.verified).toBe(true);
    });

    it('refuses to mark a code the server refused, or before there is one', async () => {
      const call = await connectedPair(doctor, patient);
      call.socket.answerNext('verify-call', { ok: false, code: 403, error: 'Only the doctor can verify the call.', reason: 'forbidden' });
      await expect(call.sut.markVerified(patient.userId)).rejects.toMatchObject({ name: 'CallError', code: 403 });
      await expect(call.sut.markVerified(interpreter.userId)).rejects.toMatchObject({ name: 'CallError', code: 409 });
      expect(call.sut.peers[0]!.verified).toBe(false);
    });
  });

  it('says someone is away from their signaling drop until they are back', async () => {
    const call = await joinedAs(doctor);
    call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: false });
    call.socket.serverSends('peer-reconnecting', { peer: patient, graceSeconds: 30 });
    expect(lastPeers(call)[0]!.away).toBe(true);
    call.socket.serverSends('peer-joined', { peer: patient, polite: false, resumed: true });
    expect(lastPeers(call)[0]!.away).toBe(false);
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
