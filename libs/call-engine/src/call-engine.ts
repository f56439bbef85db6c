import { CALL_STATS_INTERVAL_MS } from '@telehealth/contracts';
import type {
  Ack,
  AckError,
  CallVerifiedEvent,
  ChatHistoryResult,
  ChatMessage,
  ClientToServerEvents,
  JoinRoomAck,
  JoinRoomResult,
  LobbyGuest,
  MediaState,
  Participant,
  PeerJoinedEvent,
  ServerToClientEvents,
} from '@telehealth/contracts';
import type { Socket } from 'socket.io-client';
import {
  INITIAL_ADAPTIVE_STATE,
  lowestVideoLevel,
  nextAdaptiveState,
  readSendSample,
  sendCondition,
  type AdaptiveState,
  type VideoLevel,
} from './adaptive-video';
import { CallError, VISIT_GONE_REASONS } from './call-error';
import { worstQuality, type CallQuality, type StatsEntry } from './call-quality';
import { FINAL_CALL_STATES, roomCallState, type CallState, type Seat } from './call-state';
import { announcedOwnMedia, sameMediaState, sendsOwn, type OwnMedia } from './own-media';
import { PeerLink, type OutgoingMedia } from './peer-link';
import { PreparedConnection } from './prepared-connection';
import { peersChangedNoticeably, type RemotePeer } from './remote-peer';

export type { VideoLevel } from './adaptive-video';

export type SignalingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface CallEngineEvents {
  state: (state: CallState, detail?: { message?: string }) => void;
  /** Every change of the remote people (joined, left, stream, media, connection, quality, audioLevel); ordered by join. */
  peers: (peers: RemotePeer[]) => void;
  /** Someone joined or left the call (for a notice "Ana Ruiz (interpreter) joined"). Not fired for resumed reconnects. */
  presence: (change: { kind: 'joined' | 'left'; participant: Participant }) => void;
  /** Doctor only: guests waiting in the lobby. */
  lobby: (waiting: LobbyGuest[]) => void;
  chat: (message: ChatMessage) => void;
  /** The worst quality among connected peers (keeps the existing single-quality indicator working). */
  quality: (quality: CallQuality) => void;
  /** Every admitted `join-room` answer: the first join, after admission from the lobby, after a reconnect that was not recovered. */
  joined: (result: JoinRoomResult) => void;
  /** What adaptive quality lets this side send now: full video, reduced (lower resolution and frame rate), or audio only. */
  adaptive: (level: VideoLevel) => void;
  /** This side's own media changed (a track replaced, screen share started or stopped, video paused by the network). */
  media: (media: MediaState) => void;
}

/**
 * Test seam for adaptive quality: a page that sets `globalThis.__telehealthStatsReplay` has its entries
 * (RTCStats-like: `remote-inbound-rtp`, `candidate-pair`) fed to the adaptive decision for the link with
 * that person, once per stats interval, instead of the real getStats(); undefined means the real ones.
 */
export type StatsReplay = (userId: string) => StatsEntry[] | undefined;

export interface CallEngineOptions {
  socket: SignalingSocket;
  roomId: string;
  localStream: MediaStream;
  iceServers: RTCIceServer[];
  /** 'relay' sends the media only through TURN (the clinic's ICE_TRANSPORT_POLICY, from GET /api/ice-servers); default 'all'. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Devices the browser would not give (blocked, missing, in use): announced as unavailable, not as turned off. */
  unavailable?: { audio?: boolean; video?: boolean };
  /** Lower the video, then pause it, on a sustained poor connection, and bring it back (default true). */
  adaptiveQuality?: boolean;
  /** How long an acknowledgement may take before the request counts as failed. */
  ackTimeoutMs?: number;
  /** How often each pair's quality, audio level and adaptive quality are sampled (default 2 s; the call screen uses 1 s). */
  statsIntervalMs?: number;
  /** How often each connected pair's connection facts are sent for the visit record (`call-stats`; default CALL_STATS_INTERVAL_MS). */
  callStatsIntervalMs?: number;
  /**
   * A peer connection made ahead with `localStream` and the same ICE servers: the first pair it fits
   * takes it over (its offer, if it made one, leaves with the `peer-joined`); closed when none does.
   */
  prepared?: PreparedConnection;
}

/** One other person in the room, as the engine keeps them. */
interface Remote {
  participant: Participant;
  link: PeerLink;
  quality: CallQuality | null;
  audioLevel: number;
  /** Their signaling socket dropped (`peer-reconnecting`) and they have not been introduced again since. */
  away: boolean;
  /** How many `join-room` this side had asked when their latest `peer-joined` came (see `joinsAsked`). */
  joinsAskedWhenIntroduced: number;
  /** What this pair's samples let this side send. */
  adaptive: AdaptiveState;
}

const UNANNOUNCED_MEDIA: MediaState = { audio: true, video: true };
const OPENED_ELSEWHERE = 'This visit was opened in another window or on another device.';

/**
 * One person's side of a call of up to four: joins the visit's room over the signaling socket
 * (through the guests' lobby when they are a guest), and keeps one PeerLink (a peer connection
 * with perfect negotiation) per other person, full mesh. Each pair's politeness comes from its
 * `peer-joined`; signaling is addressed with `to` and routed by `from`. Mute and camera toggles
 * replace tracks on every link rather than renegotiating; a camera turned on in a call joined
 * without one, and a shared screen, add senders (perfect negotiation renegotiates). Adaptive quality
 * sends the one camera at the level the weakest link can carry.
 */
export class CallEngine {
  private readonly socket: SignalingSocket;
  private readonly options: CallEngineOptions;
  private readonly listeners: { [E in keyof CallEngineEvents]: Set<CallEngineEvents[E]> } = {
    state: new Set(),
    peers: new Set(),
    presence: new Set(),
    lobby: new Set(),
    chat: new Set(),
    quality: new Set(),
    joined: new Set(),
    adaptive: new Set(),
    media: new Set(),
  };
  private readonly unsubscribers: Array<() => void> = [];
  /** By user id, in the order they joined (a Map keeps insertion order, and replacing a value keeps its place). */
  private readonly remotes = new Map<string, Remote>();
  /** What each person last said of their microphone and camera; it may arrive before their `peer-joined`. */
  private readonly announcedMedia = new Map<string, MediaState>();
  /** Who was already there at the latest admitted join: their `peer-joined` is no arrival to announce. */
  private presentAtJoin = new Set<string>();
  /**
   * `join-room` requests sent so far. A join's answer lists who was in the room when the server
   * took the join, but a `peer-joined` can reach this side before that answer does (the server
   * still writes the join while someone else comes in): a join's answer is only news about the
   * people introduced before it was asked.
   */
  private joinsAsked = 0;
  private state: CallState = 'joining';
  private seat: Seat = 'none';
  /** The server accepted a `join-room` (lobby or call): a socket that comes back without its state joins again. */
  private entered = false;
  /** An admitted `join-room` was answered: from now on a `peer-joined` of someone new is an arrival. */
  private admittedAnswered = false;
  private socketDown = false;
  private failed = false;
  private lastPeerLeft = false;
  /** What this side announced last (`media-state`). */
  private media: MediaState;
  /** The person's own choice: microphone unmuted, camera on. */
  private audioOn: boolean;
  private videoOn: boolean;
  private unavailable: { audio?: boolean; video?: boolean };
  private level: VideoLevel = 'full';
  private screen: { track: MediaStreamTrack; stream: MediaStream; onEnded: () => void } | null = null;
  /** This side's user id, from the answer to its join. */
  private selfId: string | undefined;
  /** The code the doctor marked verified, by the other person of the pair. */
  private readonly verifiedCodes = new Map<string, string>();
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private callStatsTimer: ReturnType<typeof setInterval> | undefined;
  private sampling = false;
  private publishedPeers: RemotePeer[] = [];
  /** The prepared peer connection, until the first new pair takes it or turns it down. */
  private prepared: PreparedConnection | undefined;
  /** The latest admitted join's answer and the lobby since, for a listener that comes later (replay). */
  private lastJoined: JoinRoomResult | null = null;
  private lobby: LobbyGuest[] = [];

  constructor(options: CallEngineOptions) {
    this.options = options;
    this.socket = options.socket;
    this.audioOn = options.localStream.getAudioTracks().length > 0;
    this.videoOn = options.localStream.getVideoTracks().length > 0;
    this.unavailable = { ...options.unavailable };
    this.media = announcedOwnMedia(this.ownMedia());
    this.prepared = options.prepared;
    this.listenToRoom();
    this.listenToSocket();
  }

  on<E extends keyof CallEngineEvents>(event: E, listener: CallEngineEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  get currentState(): CallState {
    return this.state;
  }

  /**
   * Tells the listeners what they would have heard had they been there from the start: the state,
   * the latest admitted join and the lobby, the remote people. For a view that takes over an engine
   * which began joining before it listened (the web app joins on the click, before drawing the call).
   */
  replay(): void {
    for (const listener of this.listeners.state) listener(this.state);
    if (this.lastJoined) this.emit('joined', this.lastJoined);
    if (this.lastJoined || this.lobby.length > 0) this.emit('lobby', [...this.lobby]);
    this.emit('peers', this.peers);
  }

  /** The other people in the call now, in the order they joined. */
  get peers(): RemotePeer[] {
    return [...this.remotes.values()].map((remote) => {
      const { userId } = remote.participant;
      const media = { ...(this.announcedMedia.get(userId) ?? UNANNOUNCED_MEDIA) };
      const { camera, screen } = remote.link.streams(media.screenStreamId);
      const verificationCode = remote.link.verificationCode;
      return {
        participant: remote.participant,
        stream: camera,
        media,
        connection: remote.link.connection,
        quality: remote.quality,
        audioLevel: remote.audioLevel,
        screen,
        away: remote.away,
        verificationCode,
        verified: verificationCode !== null && this.verifiedCodes.get(userId) === verificationCode,
        path: remote.link.connectionPath,
        relayRefused: remote.link.relayRefused,
      };
    });
  }

  /**
   * Enters the room. Resolves with the first answer: for a guest the doctor has not admitted yet
   * that is `admitted: false` (state 'lobby'); the engine then waits for `admitted`, joins again by
   * itself and fires 'joined'. Rejects with a CallError carrying the server's code and sentence when refused.
   */
  async join(): Promise<JoinRoomAck> {
    this.setState('joining');
    const { answer, asked } = this.askToJoin();
    this.prepareLink();
    const ack = await answer;
    if (!ack.ok) {
      this.fail(ack.error);
      throw new CallError(ack.code, ack.error, ack.reason);
    }
    return this.onJoinAnswered(ack, asked);
  }

  /** Doctor: lets a guest in from the lobby. */
  async admitGuest(guestId: string): Promise<void> {
    await this.command('admit-guest', { guestId });
  }

  /** Doctor: turns a guest in the lobby away. */
  async declineGuest(guestId: string): Promise<void> {
    await this.command('decline-guest', { guestId });
  }

  /** Doctor: takes a guest out of the call for good; the server then says `peer-left` to everyone. */
  async removeParticipant(userId: string): Promise<void> {
    await this.command('remove-participant', { userId });
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

  /**
   * Uses `track` for its kind from now on, on every link: another camera or microphone, or a camera
   * turned on in a call joined audio only (a new sender renegotiates). Null stops sending that kind and
   * releases the device. The local stream object stays the same (its tracks change); the old track is stopped.
   */
  async replaceLocalTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    const stream = this.options.localStream;
    const replaced = stream.getTracks().filter((candidate) => candidate.kind === kind && candidate !== track);
    for (const old of replaced) stream.removeTrack(old);
    if (track) {
      if (!stream.getTracks().includes(track)) stream.addTrack(track);
      // The new device follows the person's choice: a muted microphone stays muted on another device.
      track.enabled = kind === 'audio' ? this.audioOn : this.videoOn;
      // Having a track means the device is there now.
      this.unavailable = { ...this.unavailable, [kind]: false };
    } else if (kind === 'audio') {
      this.audioOn = false;
    } else {
      this.videoOn = false;
    }
    this.applyOwnMedia();
    for (const old of replaced) old.stop();
  }

  /** Shares `stream` (from getDisplayMedia) with everyone as a second video; its track ending stops the share. */
  async startScreenShare(stream: MediaStream): Promise<void> {
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The shared screen has no picture.');
    if (this.screen) this.endScreenShare();
    // Text and lines stay sharp: the encoder keeps resolution rather than frame rate.
    track.contentHint = 'detail';
    // The browser's own "Stop sharing" ends the track.
    const onEnded = () => void this.stopScreenShare();
    track.addEventListener('ended', onEnded);
    this.screen = { track, stream, onEnded };
    this.applyOwnMedia();
  }

  async stopScreenShare(): Promise<void> {
    if (!this.screen) return;
    this.endScreenShare();
    this.applyOwnMedia();
  }

  /** The device became available or unavailable (blocked, then allowed): announced to the others. */
  setUnavailable(unavailable: { audio?: boolean; video?: boolean }): void {
    for (const kind of ['audio', 'video'] as const) {
      if (unavailable[kind] !== undefined) this.unavailable = { ...this.unavailable, [kind]: unavailable[kind] };
    }
    this.applyOwnMedia();
  }

  /** Doctor: the code with `userId` was read aloud and matched; the server records it and tells the room. */
  async markVerified(userId: string): Promise<void> {
    const code = this.remotes.get(userId)?.link.verificationCode;
    if (!code) throw new CallError(409, 'There is no code to verify with this person yet: wait until the call has connected.', 'conflict');
    const ack = await this.request<{ verifiedAt: string }>('verify-call', { peerId: userId, code });
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
    this.verifiedCodes.set(userId, code);
    this.publishPeers();
  }

  /** What adaptive quality lets this side send now. */
  get videoLevel(): VideoLevel {
    return this.level;
  }

  get mediaState(): MediaState {
    return { ...this.media };
  }

  async leave(): Promise<void> {
    if (this.entered && !this.isFinal()) await this.request('leave-room', {}).catch(() => undefined);
    this.finish('left');
  }

  async endSession(): Promise<void> {
    const ack = await this.request<{ endedAt: string }>('end-session', {});
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
    this.finish('ended');
  }

  /** The live statistics of one person's peer connection (the first person's without `userId`), for a test or a diagnosis. */
  async getStats(userId?: string): Promise<RTCStatsReport | undefined> {
    const remote = userId === undefined ? this.remotes.values().next().value : this.remotes.get(userId);
    return remote?.link.getStats();
  }

  /** Detaches from the socket and closes every peer connection; local tracks stay the caller's. */
  close(): void {
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
    // The shared screen's track stays the caller's too, but its ending no longer concerns this engine.
    this.screen?.track.removeEventListener('ended', this.screen.onEnded);
    this.stopStats();
    this.closeLinks();
    for (const set of Object.values(this.listeners)) set.clear();
  }

  // ---- the room ----

  private listenToRoom(): void {
    this.listen('waiting-for-peer', () => {
      this.seat = 'room';
      this.lastPeerLeft = false;
      this.refreshState();
    });
    this.listen('peer-joined', (event) => this.onPeerJoined(event));
    this.listen('peer-left', ({ peer }) => this.onPeerLeft(peer));
    this.listen('peer-reconnecting', ({ peer }) => this.onPeerReconnecting(peer));
    this.listen('offer', ({ sdp, from }) => this.linkOf(from, 'offer')?.receiveDescription({ type: 'offer', sdp }));
    this.listen('answer', ({ sdp, from }) => this.linkOf(from, 'answer')?.receiveDescription({ type: 'answer', sdp }));
    this.listen('ice-candidate', ({ candidate, from }) => this.linkOf(from, 'candidate')?.receiveCandidate(candidate));
    this.listen('media-state', ({ from, ...media }) => {
      this.announcedMedia.set(from, media);
      this.publishPeers();
    });
    this.listen('call-verified', (event) => this.onCallVerified(event));
    this.listen('chat-message', (message) => this.emit('chat', message));
    this.listen('lobby-updated', ({ waiting }) => {
      this.lobby = waiting;
      this.emit('lobby', waiting);
    });
    this.listen('admitted', () => this.onAdmitted());
    this.listen('declined', ({ message }) => this.finish('declined', { message }));
    this.listen('removed', ({ message }) => this.finish('removed', { message }));
    this.listen('session-ended', () => this.finish('ended'));
  }

  private askToJoin(): { answer: Promise<Ack<JoinRoomAck>>; asked: number } {
    this.joinsAsked += 1;
    return { answer: this.request<JoinRoomAck>('join-room', { roomId: this.options.roomId }), asked: this.joinsAsked };
  }

  /** `asked`: the number of the `join-room` this answers (see `joinsAsked`). */
  private onJoinAnswered({ ok: _ok, ...result }: { ok: true } & JoinRoomAck, asked: number): JoinRoomAck {
    this.entered = true;
    this.selfId = result.self.userId;
    this.failed = false;
    this.socketDown = false;
    if (!result.admitted) {
      this.seat = 'lobby';
      this.refreshState();
      return result;
    }
    this.seat = 'room';
    this.admittedAnswered = true;
    this.presentAtJoin = new Set(result.peers.map((peer) => peer.userId));
    this.forgetDeparted(result.peers, asked);
    this.startStats();
    this.lastJoined = result;
    this.lobby = result.lobby;
    this.emit('joined', result);
    this.emit('lobby', result.lobby);
    this.refreshState();
    this.publishPeers();
    return result;
  }

  /**
   * After a join that was not a recovery, people we still have a link with but who are not in
   * the room left while this side was away (their `peer-left` went to nobody). Those known to be
   * reconnecting themselves are kept: they may still come back with `resumed`; so are those
   * introduced after this join was asked, whom the answer could not list yet.
   */
  private forgetDeparted(present: Participant[], asked: number): void {
    for (const remote of [...this.remotes.values()]) {
      if (remote.away || remote.joinsAskedWhenIntroduced >= asked) continue;
      if (present.some((peer) => peer.userId === remote.participant.userId)) continue;
      this.onPeerLeft(remote.participant);
    }
  }

  private onPeerJoined({ peer, polite, resumed }: PeerJoinedEvent): void {
    const known = this.remotes.get(peer.userId);
    this.trace(
      `peer-joined ${peer.userId} resumed=${resumed} polite=${polite} state=${this.state} link=${known?.link.connection ?? 'none'}`,
    );
    if (this.isFinal()) return;
    this.seat = 'room';
    this.lastPeerLeft = false;
    if (resumed && known?.link.isOpen) {
      known.participant = peer;
      known.away = false;
      known.joinsAskedWhenIntroduced = this.joinsAsked;
      known.link.resume(polite);
    } else {
      // A new page on either side has a new peer connection: this pair starts negotiation afresh.
      known?.link.close();
      const link = this.openLink(peer.userId, polite);
      this.remotes.set(peer.userId, {
        participant: peer,
        link,
        quality: null,
        audioLevel: 0,
        away: false,
        adaptive: INITIAL_ADAPTIVE_STATE,
        joinsAskedWhenIntroduced: this.joinsAsked,
      });
      if (!known && this.admittedAnswered && !this.presentAtJoin.has(peer.userId))
        this.emit('presence', { kind: 'joined', participant: peer });
    }
    // The newcomer has not heard our microphone and camera yet.
    void this.request('media-state', this.media).catch(() => undefined);
    this.refreshState();
    this.publishPeers();
  }

  private onPeerLeft(peer: Participant): void {
    this.presentAtJoin.delete(peer.userId);
    this.announcedMedia.delete(peer.userId);
    const remote = this.remotes.get(peer.userId);
    if (!remote) return;
    remote.link.close();
    this.remotes.delete(peer.userId);
    if (this.remotes.size === 0) this.lastPeerLeft = true;
    this.emit('presence', { kind: 'left', participant: remote.participant });
    // The weakest link may have been theirs.
    this.refreshVideoLevel();
    this.refreshState();
    this.publishPeers();
  }

  private onPeerReconnecting(peer: Participant): void {
    const remote = this.remotes.get(peer.userId);
    if (!remote) return;
    remote.away = true;
    remote.link.markPeerAway();
    this.publishPeers();
  }

  /** `call-verified` concerns the pair of the doctor (`by`) and `peerId`: this side is one of them, or it is not ours. */
  private onCallVerified({ by, peerId, code }: CallVerifiedEvent): void {
    const other = by === this.selfId ? peerId : peerId === this.selfId ? by : undefined;
    if (!other) return;
    this.verifiedCodes.set(other, code);
    this.publishPeers();
  }

  /** The doctor let this guest in: `join-room` again takes the seat in the call. */
  private onAdmitted(): void {
    if (this.seat !== 'lobby' || this.isFinal()) return;
    this.seat = 'none';
    this.refreshState();
    void this.rejoin();
  }

  /**
   * While the server seats this side, the peer connection for the first person it will meet gets
   * ready (senders, ICE candidates): a new one takes tens of milliseconds of the page's main thread,
   * better spent now than after `peer-joined`. Without an offer: this side's politeness is not known yet.
   */
  private prepareLink(): void {
    if (this.prepared || this.isFinal()) return;
    try {
      const { localStream, iceServers, iceTransportPolicy } = this.options;
      this.prepared = new PreparedConnection({ localStream, iceServers, iceTransportPolicy, offer: false });
    } catch (error) {
      // The link will meet the same refusal (a bad ICE server) and say so then.
      this.trace(`no peer connection prepared: ${String(error)}`);
    }
  }

  private openLink(userId: string, polite: boolean): PeerLink {
    const prepared = this.prepared?.fits(this.options.localStream, polite) ? this.prepared : undefined;
    // Only the first pair: a connection prepared long before a later one would be stale, and it holds ports.
    if (!prepared) this.prepared?.close();
    this.prepared = undefined;
    return new PeerLink({
      polite,
      prepared,
      localStream: this.options.localStream,
      outgoing: () => this.outgoing(),
      iceServers: this.options.iceServers,
      iceTransportPolicy: this.options.iceTransportPolicy,
      signaling: {
        sendDescription: (type, sdp) => this.request(type, { sdp, to: userId }),
        sendCandidate: (candidate) => this.request('ice-candidate', { candidate, to: userId }),
      },
      onChange: () => {
        this.refreshState();
        this.publishPeers();
      },
      trace: (message) => this.trace(`${userId}: ${message}`),
    });
  }

  private linkOf(userId: string, what: string): PeerLink | undefined {
    const link = this.remotes.get(userId)?.link;
    if (!link) this.trace(`${what} from ${userId}, who is not in the call: dropped`);
    return link;
  }

  private closeLinks(): void {
    this.prepared?.close();
    this.prepared = undefined;
    for (const remote of this.remotes.values()) remote.link.close();
    this.remotes.clear();
    this.publishPeers();
  }

  // ---- the socket ----

  private listenToSocket(): void {
    const onDisconnect = (reason?: string) => this.onSocketDisconnect(reason);
    const onReconnectAttempt = () => this.onSocketDisconnect();
    const onConnect = () => void this.onSocketConnect();
    this.socket.on('disconnect', onDisconnect);
    this.socket.io.on('reconnect_attempt', onReconnectAttempt);
    this.socket.on('connect', onConnect);
    this.unsubscribers.push(() => {
      this.socket.off('disconnect', onDisconnect);
      this.socket.io.off('reconnect_attempt', onReconnectAttempt);
      this.socket.off('connect', onConnect);
    });
  }

  private onSocketDisconnect(reason?: string): void {
    if (!this.entered || this.isFinal()) return;
    // The server closes a socket itself when the same person opened the visit elsewhere, or for a flood
    // (a removed guest is told `removed` first, which is final, so it does not get here).
    if (reason === 'io server disconnect') {
      this.closeLinks();
      this.fail(OPENED_ELSEWHERE);
      return;
    }
    this.socketDown = true;
    this.refreshState();
  }

  private async onSocketConnect(): Promise<void> {
    if (!this.entered || this.isFinal()) return;
    // A recovered socket keeps its room (or lobby place); the server says `peer-joined` (resumed) by itself.
    if (this.socket.recovered) {
      this.socketDown = false;
      this.refreshState();
      return;
    }
    await this.rejoin();
  }

  private async rejoin(): Promise<void> {
    const { answer, asked } = this.askToJoin();
    this.prepareLink();
    const ack = await answer.catch((error: Error): AckError => ({
      ok: false,
      code: 0,
      error: error.message,
      reason: 'service_unavailable',
    }));
    if (this.isFinal()) return;
    if (ack.ok) {
      this.onJoinAnswered(ack, asked);
    } else if (VISIT_GONE_REASONS.includes(ack.reason)) {
      this.finish('ended', { message: ack.error });
    } else {
      this.fail(ack.error);
    }
  }

  // ---- media ----

  private setTrackEnabled(kind: 'audio' | 'video', enabled: boolean): void {
    if (kind === 'audio') this.audioOn = enabled;
    else this.videoOn = enabled;
    for (const track of this.options.localStream.getTracks()) if (track.kind === kind) track.enabled = enabled;
    this.applyOwnMedia();
  }

  private ownMedia(): OwnMedia {
    const stream = this.options.localStream;
    return {
      hasAudioTrack: stream.getAudioTracks().length > 0,
      hasVideoTrack: stream.getVideoTracks().length > 0,
      audioOn: this.audioOn,
      videoOn: this.videoOn,
      unavailable: this.unavailable,
      level: this.level,
      screenStreamId: this.screen?.stream.id,
    };
  }

  /** What every link sends now: one camera, microphone and screen for everyone. */
  private outgoing(): OutgoingMedia {
    const own = this.ownMedia();
    const stream = this.options.localStream;
    return {
      audio: sendsOwn(own, 'audio') ? (stream.getAudioTracks()[0] ?? null) : null,
      video: sendsOwn(own, 'video') ? (stream.getVideoTracks()[0] ?? null) : null,
      reducedVideo: this.level === 'reduced',
      screen: this.screen && { track: this.screen.track, stream: this.screen.stream },
    };
  }

  /** Makes every link send what this side sends now, and tells the others and the screen when that changed. */
  private applyOwnMedia(): void {
    for (const remote of this.remotes.values()) remote.link.sendOutgoing();
    const media = announcedOwnMedia(this.ownMedia());
    if (sameMediaState(media, this.media)) return;
    this.media = media;
    if (this.seat === 'room') void this.request('media-state', media).catch(() => undefined);
    this.emit('media', { ...media });
  }

  private endScreenShare(): void {
    const screen = this.screen;
    if (!screen) return;
    this.screen = null;
    screen.track.removeEventListener('ended', screen.onEnded);
    for (const remote of this.remotes.values()) remote.link.sendOutgoing();
    screen.track.stop();
  }

  // ---- quality ----

  private startStats(): void {
    this.stopStats();
    this.statsTimer = setInterval(() => void this.sampleQuality(), this.options.statsIntervalMs ?? 2000);
    this.callStatsTimer = setInterval(() => void this.reportConnections(), this.options.callStatsIntervalMs ?? CALL_STATS_INTERVAL_MS);
  }

  private stopStats(): void {
    clearInterval(this.statsTimer);
    clearInterval(this.callStatsTimer);
    this.statsTimer = this.callStatsTimer = undefined;
  }

  /** Sends each connected pair's connection facts for the visit record; a lost report is only a missing sample. */
  private async reportConnections(): Promise<void> {
    for (const [peerId, remote] of [...this.remotes]) {
      if (remote.link.connection !== 'connected') continue;
      const facts = await remote.link.connectionFacts().catch(() => undefined);
      if (!facts || this.isFinal() || this.seat !== 'room') continue;
      void this.request('call-stats', { peerId, ...facts, reconnects: remote.link.reconnects }).catch(() => undefined);
    }
  }

  /** Samples every connected pair at once: each person's quality and audio level, and the worst quality for the call. */
  private async sampleQuality(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const remotes = [...this.remotes.values()];
      const samples = await Promise.all(remotes.map((remote) => remote.link.sample().catch(() => undefined)));
      if (this.isFinal()) return;
      remotes.forEach((remote, index) => {
        const sample = samples[index];
        remote.audioLevel = sample?.audioLevel ?? 0;
        if (sample?.quality) remote.quality = sample.quality;
      });
      const measured = remotes.filter((remote, index) => samples[index]?.quality).map((remote) => remote.quality as CallQuality);
      const worst = worstQuality(measured);
      if (worst) this.emit('quality', worst);
      if (this.options.adaptiveQuality !== false) this.adapt(remotes, samples);
      this.publishPeers();
    } finally {
      this.sampling = false;
    }
  }

  /** Steps each link's adaptive state with its sample (or the test seam's entries), then sends at the lowest level any link needs. */
  private adapt(remotes: readonly Remote[], samples: ReadonlyArray<{ send: ReturnType<typeof readSendSample> } | undefined>): void {
    const replay = (globalThis as { __telehealthStatsReplay?: unknown }).__telehealthStatsReplay;
    remotes.forEach((remote, index) => {
      const replayed = typeof replay === 'function' ? (replay as StatsReplay)(remote.participant.userId) : undefined;
      const sample = replayed ? readSendSample(replayed) : samples[index]?.send;
      if (sample) remote.adaptive = nextAdaptiveState(remote.adaptive, sendCondition(sample, this.level));
    });
    this.refreshVideoLevel();
  }

  private refreshVideoLevel(): void {
    const level = lowestVideoLevel([...this.remotes.values()].map((remote) => remote.adaptive.level));
    if (level === this.level) return;
    this.trace(`video level ${this.level} -> ${level}`);
    this.level = level;
    this.applyOwnMedia();
    this.emit('adaptive', level);
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

  /** A request whose only answer is done or refused: a refusal rejects with the server's CallError. */
  private async command(event: keyof ClientToServerEvents, payload: unknown): Promise<void> {
    const ack = await this.request(event, payload);
    if (!ack.ok) throw new CallError(ack.code, ack.error, ack.reason);
  }

  /** Step-by-step notes for diagnosing a call, printed only when the page sets `__telehealthCallTrace`. */
  private trace(message: string): void {
    if ((globalThis as { __telehealthCallTrace?: boolean }).__telehealthCallTrace) console.warn(`[call] ${message}`);
  }

  /** Tells the room-level state again after anything it follows from changed. */
  private refreshState(): void {
    if (this.failed || this.isFinal()) return;
    this.setState(
      roomCallState({
        seat: this.seat,
        socketConnected: !this.socketDown,
        peerConnections: [...this.remotes.values()].map((remote) => remote.link.connection),
        lastPeerLeft: this.lastPeerLeft,
      }),
    );
  }

  /** Tells the remote people again when they changed enough for the call screen to care. */
  private publishPeers(): void {
    const peers = this.peers;
    if (!peersChangedNoticeably(this.publishedPeers, peers)) return;
    this.publishedPeers = peers;
    this.emit('peers', peers);
  }

  private setState(state: CallState, detail?: { message?: string }): void {
    this.trace(`state ${this.state} -> ${state}`);
    if (this.isFinal() || (state === this.state && !detail)) return;
    this.state = state;
    for (const listener of this.listeners.state) listener(state, detail);
  }

  private fail(message: string): void {
    this.failed = true;
    this.setState('failed', { message });
  }

  private finish(state: 'ended' | 'left' | 'declined' | 'removed', detail?: { message?: string }): void {
    if (this.isFinal()) return;
    this.stopStats();
    this.closeLinks();
    this.setState(state, detail);
  }

  private isFinal(): boolean {
    return FINAL_CALL_STATES.includes(this.state);
  }

  private emit<E extends keyof CallEngineEvents>(event: E, ...args: Parameters<CallEngineEvents[E]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: Parameters<CallEngineEvents[E]>) => void)(...args);
  }
}
