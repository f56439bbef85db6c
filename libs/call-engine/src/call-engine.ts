import type {
  Ack,
  AckError,
  ErrorReason,
  ChatHistoryResult,
  ChatMessage,
  ClientToServerEvents,
  IceCandidateInit,
  JoinRoomResult,
  MediaState,
  Participant,
  PeerJoinedEvent,
  ServerToClientEvents,
} from '@telehealth/contracts';
import type { Socket } from 'socket.io-client';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every state a person on the call must be able to see. */
export type CallState = 'joining' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'peer-left' | 'ended' | 'left' | 'failed';

export interface CallQuality {
  level: 'good' | 'fair' | 'poor' | 'unknown';
  rttMs?: number;
  packetLossPct?: number;
  bitrateKbps?: number;
  /** Remote video frames decoded so far: proof that the picture really arrives. */
  framesDecoded?: number;
}

export interface CallEngineEvents {
  state: (state: CallState, detail?: { message?: string }) => void;
  peer: (peer: Participant | null) => void;
  'remote-stream': (stream: MediaStream | null) => void;
  chat: (message: ChatMessage) => void;
  'peer-media': (state: MediaState) => void;
  quality: (quality: CallQuality) => void;
}

/** A refusal of the signaling server: its status, its sentence for people and its reason for programs. */
export class CallError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/** Refusals that mean there is no visit to be in any more: the screen ends rather than fails. */
export const VISIT_GONE_REASONS: readonly ErrorReason[] = ['visit_ended', 'visit_cancelled', 'visit_missed'];

export interface CallEngineOptions {
  socket: SignalingSocket;
  roomId: string;
  localStream: MediaStream;
  iceServers: RTCIceServer[];
  /** How long an acknowledgement may take before the request counts as failed. */
  ackTimeoutMs?: number;
  statsIntervalMs?: number;
}

const TERMINAL: CallState[] = ['ended', 'left'];
// A 'disconnected' ICE state often heals by itself; restart only if it lasts.
const DISCONNECTED_RESTART_MS = 2500;
// A negotiation that has not connected by then lost a message or an ICE round: start it again.
const CONNECT_WATCHDOG_MS = 6000;

/**
 * One side of a two-party call: joins the visit's room over the signaling socket and runs
 * the RTCPeerConnection with perfect negotiation (politeness from `peer-joined`), ICE
 * candidates queued until the remote description is set, ICE restart on failure and after
 * a resumed reconnect, and mute/camera toggles by replacing tracks rather than renegotiating.
 */
export class CallEngine {
  private readonly socket: SignalingSocket;
  private readonly options: CallEngineOptions;
  private readonly listeners: { [E in keyof CallEngineEvents]: Set<CallEngineEvents[E]> } = {
    state: new Set(),
    peer: new Set(),
    'remote-stream': new Set(),
    chat: new Set(),
    'peer-media': new Set(),
    quality: new Set(),
  };
  private readonly unsubscribers: Array<() => void> = [];
  private pc: RTCPeerConnection | null = null;
  private polite = true;
  /** The polite side lets the impolite side make the first offer (see createPeerConnection). */
  private politeMayOffer = false;
  private makingOffer = false;
  private ignoreOffer = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  // Signaling messages are handled one at a time, in arrival order.
  private inbox: Promise<void> = Promise.resolve();
  private state: CallState = 'joining';
  private joined = false;
  private media: MediaState;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setTimeout> | undefined;
  private lastInbound: { bytes: number; lost: number; received: number; at: number } | undefined;

  constructor(options: CallEngineOptions) {
    this.options = options;
    this.socket = options.socket;
    this.media = {
      audio: options.localStream.getAudioTracks().length > 0,
      video: options.localStream.getVideoTracks().length > 0,
    };
    this.listen('waiting-for-peer', () => this.setState('waiting'));
    this.listen('peer-joined', (event) => this.onPeerJoined(event));
    this.listen('offer', ({ sdp }) => this.enqueue(() => this.onDescription({ type: 'offer', sdp })));
    this.listen('answer', ({ sdp }) => this.enqueue(() => this.onDescription({ type: 'answer', sdp })));
    this.listen('ice-candidate', ({ candidate }) => this.enqueue(() => this.onCandidate(candidate)));
    this.listen('chat-message', (message) => this.emit('chat', message));
    this.listen('media-state', ({ audio, video }) => this.emit('peer-media', { audio, video }));
    this.listen('peer-reconnecting', () => this.setState('reconnecting'));
    this.listen('peer-left', () => {
      this.closePeerConnection();
      this.setState('peer-left');
    });
    this.listen('session-ended', () => this.finish('ended'));
    const onDisconnect = (reason?: string) => {
      if (!this.joined || this.isTerminal()) return;
      // The server closes a socket itself only when the same person opened the visit elsewhere, or for a flood.
      if (reason === 'io server disconnect') {
        this.closePeerConnection();
        this.setState('failed', { message: 'This visit was opened in another window or on another device.' });
        return;
      }
      this.setState('reconnecting');
    };
    const onConnect = () => void this.onSocketConnect();
    this.socket.on('disconnect', onDisconnect);
    const onReconnectAttempt = () => onDisconnect();
    this.socket.io.on('reconnect_attempt', onReconnectAttempt);
    this.socket.on('connect', onConnect);
    this.unsubscribers.push(() => {
      this.socket.off('disconnect', onDisconnect);
      this.socket.io.off('reconnect_attempt', onReconnectAttempt);
      this.socket.off('connect', onConnect);
    });
  }

  on<E extends keyof CallEngineEvents>(event: E, listener: CallEngineEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  get currentState(): CallState {
    return this.state;
  }

  /** Enters the room. Rejects with a CallError carrying the server's code and sentence when refused. */
  async join(): Promise<JoinRoomResult> {
    this.setState('joining');
    const ack = await this.request<JoinRoomResult>('join-room', { roomId: this.options.roomId });
    if (!ack.ok) {
      this.setState('failed', { message: ack.error });
      throw new CallError(ack.code, ack.error, ack.reason);
    }
    this.joined = true;
    this.startStats();
    const { ok: _ok, ...result } = ack;
    return result;
  }

  async sendChat(body: string): Promise<ChatMessage> {
    const ack = await this.request<{ message: ChatMessage }>('chat-message', { body });
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
    return ack.message;
  }

  /** The chat lines before `before` (a message id), oldest first, and whether older ones remain. */
  async loadEarlierChat(before: string): Promise<ChatHistoryResult> {
    const ack = await this.request<ChatHistoryResult>('chat-history', { before });
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
    return { messages: ack.messages, hasMore: ack.hasMore };
  }

  setAudioEnabled(enabled: boolean): void {
    this.setTrackEnabled('audio', enabled);
  }

  setVideoEnabled(enabled: boolean): void {
    this.setTrackEnabled('video', enabled);
  }

  get mediaState(): MediaState {
    return { ...this.media };
  }

  async leave(): Promise<void> {
    if (this.joined && !this.isTerminal()) await this.request('leave-room', {}).catch(() => undefined);
    this.finish('left');
  }

  async endSession(): Promise<void> {
    const ack = await this.request<{ endedAt: string }>('end-session', {});
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
    this.finish('ended');
  }

  /** The live RTCPeerConnection statistics, for a quality indicator or a test. */
  async getStats(): Promise<RTCStatsReport | undefined> {
    return this.pc?.getStats();
  }

  /** Detaches from the socket and closes the peer connection; local tracks stay the caller's. */
  close(): void {
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    this.stopStats();
    this.closePeerConnection();
    for (const set of Object.values(this.listeners)) set.clear();
  }

  // ---- signaling ----

  private onPeerJoined(event: PeerJoinedEvent): void {
    this.trace(`peer-joined resumed=${event.resumed} polite=${event.polite} state=${this.state} pc=${this.pc?.connectionState ?? 'none'}`);
    if (this.isTerminal()) return;
    this.polite = event.polite;
    this.emit('peer', event.peer);
    const pc = this.pc;
    if (event.resumed && pc && pc.connectionState !== 'closed') {
      // Both peer connections survived the drop: a new ICE round is enough.
      if (pc.connectionState !== 'connected') {
        this.setState('reconnecting');
        pc.restartIce();
      } else {
        this.setState('connected');
      }
    } else {
      this.createPeerConnection();
      this.setState('connecting');
    }
    void this.request('media-state', this.media).catch(() => undefined);
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    this.trace(`${description.type} received (pc=${pc ? pc.signalingState : 'none'}, makingOffer=${this.makingOffer})`);
    if (!pc) return;
    const offerCollision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    await pc.setRemoteDescription(description);
    for (const candidate of this.pendingCandidates.splice(0)) await this.addCandidate(pc, candidate);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      if (pc.localDescription) await this.request('answer', { sdp: pc.localDescription.sdp });
    }
  }

  private async onCandidate(candidate: IceCandidateInit): Promise<void> {
    const pc = this.pc;
    this.trace(`candidate received (remote description ${pc?.remoteDescription ? 'set' : 'missing'}): ${candidate.candidate.slice(0, 60)}`);
    if (!pc) return;
    if (!pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.addCandidate(pc, candidate);
  }

  private async addCandidate(pc: RTCPeerConnection, candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      this.trace(`candidate not applied: ${String(error)}`);
      // Candidates of an offer we ignored, or of a peer connection already replaced, do not apply.
      if (!this.ignoreOffer) console.warn('ICE candidate not applied', error);
    }
  }

  private async onSocketConnect(): Promise<void> {
    if (!this.joined || this.isTerminal()) return;
    // A recovered socket keeps its room; the server says `peer-joined` (resumed) by itself.
    if (this.socket.recovered) return;
    const ack = await this.request('join-room', { roomId: this.options.roomId }).catch((error: Error): AckError => ({
      ok: false,
      code: 0,
      error: error.message,
      reason: 'service_unavailable',
    }));
    if (!ack.ok) this.setState(ack.reason && VISIT_GONE_REASONS.includes(ack.reason) ? 'ended' : 'failed', { message: ack.error });
  }

  // ---- peer connection ----

  private createPeerConnection(): void {
    this.closePeerConnection();
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.pc = pc;
    this.pendingCandidates = [];
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.lastInbound = undefined;

    this.trace(
      `new peer connection with ${
        this.options.localStream
          .getTracks()
          .map((track) => `${track.kind}:${track.readyState}`)
          .join(',') || 'no tracks'
      }`,
    );
    for (const track of this.options.localStream.getTracks()) {
      const enabled = track.kind === 'audio' ? this.media.audio : this.media.video;
      const sender = pc.addTrack(track, this.options.localStream);
      if (!enabled) void sender.replaceTrack(null);
    }
    // The first offer always comes from the impolite side, and it asks for audio and video even
    // when it sends neither (audio-only, or no device), so the other side's media can come in.
    this.politeMayOffer = false;
    if (!this.polite) {
      for (const kind of ['audio', 'video'] as const) {
        if (!this.options.localStream.getTracks().some((track) => track.kind === kind)) pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }

    this.listenForNegotiation(pc);
    this.armWatchdog(pc);
    pc.onconnectionstatechange = () => this.onConnectionStateChange(pc);
  }

  /** Offers when negotiation is needed (perfect negotiation), and trickles local candidates and remote tracks. */
  private listenForNegotiation(pc: RTCPeerConnection): void {
    pc.onnegotiationneeded = async () => {
      this.trace(`negotiation needed (current=${this.pc === pc})`);
      // Two fresh peer connections offering at the same instant collide, and Chrome's ICE gathering
      // can stall after the polite side's offer is rolled back: the polite side waits for the first offer.
      if (this.polite && !pc.remoteDescription && !this.politeMayOffer) return;
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        // A remote offer may have been applied meanwhile (rollback), leaving an answer as the local description.
        if (pc.localDescription?.type === 'offer' && this.pc === pc) await this.request('offer', { sdp: pc.localDescription.sdp });
      } catch (error) {
        console.warn('negotiation failed', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicegatheringstatechange = () => this.trace(`gathering ${pc.iceGatheringState}`);
    pc.onicecandidate = ({ candidate }) => {
      this.trace(`local candidate ${candidate ? candidate.candidate.slice(0, 60) : '(end)'}`);
      if (candidate && this.pc === pc)
        void this.request('ice-candidate', { candidate: candidate.toJSON() as IceCandidateInit }).catch(() => undefined);
    };
    pc.ontrack = (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.emit('remote-stream', stream);
    };
  }

  /** Follows the connection: connected, or reconnecting with an ICE restart when it drops or fails. */
  private onConnectionStateChange(pc: RTCPeerConnection): void {
    if (this.pc !== pc || this.isTerminal()) return;
    clearTimeout(this.disconnectedTimer);
    switch (pc.connectionState) {
      case 'connected':
        this.setState('connected');
        break;
      case 'disconnected':
        this.setState('reconnecting');
        this.disconnectedTimer = setTimeout(() => {
          if (this.pc === pc && pc.connectionState === 'disconnected') pc.restartIce();
        }, DISCONNECTED_RESTART_MS);
        break;
      case 'failed':
        this.setState('reconnecting');
        pc.restartIce();
        break;
      case 'new':
      case 'connecting':
      case 'closed':
        // Nothing to do: connecting is the watchdog's, closing is ours.
        break;
    }
  }

  /**
   * Until the peer connection connects, check on it every few seconds: an offer whose answer
   * never came is sent again, and a settled negotiation whose ICE did not connect restarts ICE.
   * Either side may do it; perfect negotiation sorts out the collisions.
   */
  private armWatchdog(pc: RTCPeerConnection): void {
    clearTimeout(this.watchdogTimer);
    this.watchdogTimer = setTimeout(() => {
      if (this.pc !== pc || this.isTerminal() || pc.connectionState === 'connected') return;
      if (this.polite && !pc.remoteDescription) {
        // No first offer came (the other side may have nothing to send): make one ourselves.
        this.politeMayOffer = true;
        pc.restartIce();
      } else if (pc.signalingState === 'have-local-offer' && pc.localDescription) {
        void this.request('offer', { sdp: pc.localDescription.sdp }).catch(() => undefined);
      } else if (pc.signalingState === 'stable') {
        pc.restartIce();
      }
      this.armWatchdog(pc);
    }, CONNECT_WATCHDOG_MS);
  }

  private closePeerConnection(): void {
    clearTimeout(this.disconnectedTimer);
    clearTimeout(this.watchdogTimer);
    if (!this.pc) return;
    const pc = this.pc;
    this.pc = null;
    pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null;
    pc.close();
    this.emit('remote-stream', null);
  }

  private setTrackEnabled(kind: 'audio' | 'video', enabled: boolean): void {
    const track = this.options.localStream.getTracks().find((candidate) => candidate.kind === kind);
    if (!track) return;
    track.enabled = enabled;
    this.media = { ...this.media, [kind]: enabled };
    const sender = this.pc
      ?.getSenders()
      .find((candidate) => candidate.track === track || (candidate.track === null && this.senderKind(candidate) === kind));
    if (sender) void sender.replaceTrack(enabled ? track : null);
    if (this.joined) void this.request('media-state', this.media).catch(() => undefined);
  }

  private senderKind(sender: RTCRtpSender): string | undefined {
    return this.pc?.getTransceivers().find((transceiver) => transceiver.sender === sender)?.receiver.track.kind;
  }

  // ---- quality ----

  private startStats(): void {
    this.stopStats();
    this.statsTimer = setInterval(() => void this.sampleQuality(), this.options.statsIntervalMs ?? 2000);
  }

  private stopStats(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }

  private async sampleQuality(): Promise<void> {
    const pc = this.pc;
    if (!pc || pc.connectionState !== 'connected') return;
    const report = await pc.getStats();
    let rttMs: number | undefined;
    let bytes = 0;
    let lost = 0;
    let received = 0;
    let framesDecoded: number | undefined;
    report.forEach((entry: RTCStats) => {
      const stat = entry as RTCStats & Partial<RTCIceCandidatePairStats & RTCInboundRtpStreamStats>;
      if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
        rttMs = Math.round(stat.currentRoundTripTime * 1000);
      }
      if (stat.type === 'inbound-rtp') {
        bytes += stat.bytesReceived ?? 0;
        lost += stat.packetsLost ?? 0;
        received += stat.packetsReceived ?? 0;
        if (stat.kind === 'video') framesDecoded = (framesDecoded ?? 0) + (stat.framesDecoded ?? 0);
      }
    });
    const now = Date.now();
    const previous = this.lastInbound;
    this.lastInbound = { bytes, lost, received, at: now };
    if (!previous) return;
    const seconds = (now - previous.at) / 1000;
    const lostDelta = Math.max(0, lost - previous.lost);
    const total = lostDelta + Math.max(0, received - previous.received);
    const packetLossPct = total > 0 ? (lostDelta / total) * 100 : 0;
    const bitrateKbps = seconds > 0 ? Math.round(((bytes - previous.bytes) * 8) / seconds / 1000) : undefined;
    this.emit('quality', {
      level: qualityLevel(rttMs, packetLossPct),
      rttMs,
      packetLossPct: Math.round(packetLossPct * 10) / 10,
      bitrateKbps,
      framesDecoded,
    });
  }

  // ---- plumbing ----

  private listen<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
    // socket.io-client's overloads do not narrow a generic event name.
    const socket = this.socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
    socket.on(event, handler);
    this.unsubscribers.push(() => socket.off(event, handler));
  }

  private request<T extends object = object>(event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
    const socket = this.socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } };
    return socket.timeout(this.options.ackTimeoutMs ?? 10_000).emitWithAck(event, payload);
  }

  /** Step-by-step notes for diagnosing a call, printed only when the page sets `__telehealthCallTrace`. */
  private trace(message: string): void {
    if ((globalThis as { __telehealthCallTrace?: boolean }).__telehealthCallTrace) console.warn(`[call] ${message}`);
  }

  private enqueue(work: () => Promise<void>): void {
    this.inbox = this.inbox.then(work).catch((error) => console.warn('signaling message not applied', error));
  }

  private setState(state: CallState, detail?: { message?: string }): void {
    this.trace(`state ${this.state} -> ${state}`);
    if (this.isTerminal() || (state === this.state && !detail)) return;
    this.state = state;
    for (const listener of this.listeners.state) listener(state, detail);
  }

  private finish(state: 'ended' | 'left'): void {
    if (this.isTerminal()) return;
    this.stopStats();
    this.closePeerConnection();
    this.setState(state);
  }

  private isTerminal(): boolean {
    return TERMINAL.includes(this.state);
  }

  private emit<E extends keyof CallEngineEvents>(event: E, ...args: Parameters<CallEngineEvents[E]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: Parameters<CallEngineEvents[E]>) => void)(...args);
  }
}

/** Thresholds where people start to notice lag and freezes in a video call. */
export function qualityLevel(rttMs: number | undefined, packetLossPct: number): CallQuality['level'] {
  if (rttMs === undefined) return 'unknown';
  if (rttMs < 250 && packetLossPct < 2) return 'good';
  if (rttMs < 500 && packetLossPct < 8) return 'fair';
  return 'poor';
}
