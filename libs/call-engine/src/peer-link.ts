import type { ConnectionPath, IceCandidateInit } from '@telehealth/contracts';
import { readSendSample, type SendSample } from './adaptive-video';
import { qualityBetween, readInboundSample, type CallQuality, type InboundSample, type StatsEntry } from './call-quality';
import type { PeerConnectionStatus } from './call-state';
import { ReconnectCounter, readConnectionFacts, readConnectionPath, type ConnectionFacts, type ReceivedTotals } from './connection-facts';
import type { PreparedConnection } from './prepared-connection';
import { pickRemoteStreams } from './remote-peer';
import { withStartBitrate } from './start-bitrate';
import { verificationCodeOfDescriptions } from './verification-code';

// A 'disconnected' ICE state often heals by itself; restart only if it lasts.
export const DISCONNECTED_RESTART_MS = 2500;
// A negotiation that has not connected by then lost a message or an ICE round: start it again.
export const CONNECT_WATCHDOG_MS = 6000;

/** How a link reaches its remote person: the engine addresses these to them over the signaling socket. */
export interface PeerLinkSignaling {
  sendDescription(type: 'offer' | 'answer', sdp: string): Promise<unknown>;
  sendCandidate(candidate: IceCandidateInit): Promise<unknown>;
}

/** What this side sends to everyone now; each link makes its senders match it (`sendOutgoing`). */
export interface OutgoingMedia {
  /** The track each camera sender carries (the local stream's, or null for nothing: muted, camera off, paused by the network). */
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** Adaptive quality lowered the camera's resolution and frame rate. */
  reducedVideo: boolean;
  /** The shared screen, a second video sender, while sharing. */
  screen: { track: MediaStreamTrack; stream: MediaStream } | null;
}

export interface PeerLinkOptions {
  /** Perfect negotiation: the polite side yields on an offer collision (this pair's `peer-joined` says which). */
  polite: boolean;
  /** The camera and microphone stream: its id groups the camera senders' tracks on the other side. */
  localStream: MediaStream;
  /** What to send now. */
  outgoing: () => OutgoingMedia;
  iceServers: RTCIceServer[];
  /** 'relay': only TURN candidates (the clinic's ICE_TRANSPORT_POLICY); 'all' (default): any path. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  signaling: PeerLinkSignaling;
  /** A peer connection made ahead for this link to take over (it fits: see PreparedConnection.fits). */
  prepared?: PreparedConnection;
  /** The connection status, the incoming streams or the verification code changed. */
  onChange: () => void;
  trace: (message: string) => void;
}

/** What one stats sample of a connected link tells. */
export interface LinkSample {
  /** Null on the first sample: loss and bitrate need two. */
  quality: CallQuality | null;
  audioLevel: number;
  /** How our media fares at the other side, for adaptive quality. */
  send: SendSample;
}

/** One of the remote person's streams, as the browser gives it and as this link shows it. */
interface RemoteStream {
  id: string;
  source: MediaStream;
  /**
   * A stream of our own with the source's tracks, made again whenever they change (a camera turned
   * on later adds a track to the same browser stream): a new object is what tells the screen to re-render.
   */
  view: MediaStream;
  trackIds: string;
}

// A reduced camera: half the resolution each way (a quarter of the pixels) at 15 frames per second.
const REDUCED_SCALE_DOWN = 2;
const REDUCED_FRAME_RATE = 15;

/**
 * One remote person's RTCPeerConnection: perfect negotiation, ICE candidates queued until the
 * remote description is set, ICE restart when the connection drops or fails, a watchdog that
 * restarts a negotiation which did not connect, and stats samples for quality and audio level.
 * A link lives as long as its peer connection: a fresh start with the same person is a new link.
 */
export class PeerLink {
  private readonly pc: RTCPeerConnection;
  private readonly options: PeerLinkOptions;
  private polite: boolean;
  /** The polite side lets the impolite side make the first offer (see listenForNegotiation). */
  private politeMayOffer = false;
  private makingOffer = false;
  /** Our setLocalDescription of an offer is under way: a second one would only repeat it. */
  private offering = false;
  private ignoreOffer = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  // Signaling messages are handled one at a time, in arrival order.
  private inbox: Promise<void> = Promise.resolve();
  private status: PeerConnectionStatus = 'connecting';
  /** The remote person's streams by id, in arrival order. */
  private readonly remoteStreams = new Map<string, RemoteStream>();
  private looseTracks: MediaStream | undefined;
  /** The senders of our camera and microphone (not the screen's), and the track each was last given. */
  private readonly cameraSenders: {
    audio?: { sender: RTCRtpSender; track: MediaStreamTrack | null };
    video?: { sender: RTCRtpSender; track: MediaStreamTrack | null };
  } = {};
  private screenSender: { sender: RTCRtpSender; track: MediaStreamTrack } | undefined;
  /** Whether the camera sender's encoding is lowered now (only once setParameters took). */
  private videoReduced = false;
  private code: string | null = null;
  private codeRound = 0;
  private readonly reconnectCounter = new ReconnectCounter();
  private path: ConnectionPath | null = null;
  private factsTotals: ReceivedTotals | undefined;
  private closed = false;
  /** A TURN server turned down the credentials this side was given (401/403): no relayed path can be made. */
  private turnRefused = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setTimeout> | undefined;
  private lastInbound: InboundSample | undefined;

  constructor(options: PeerLinkOptions) {
    this.options = options;
    this.polite = options.polite;
    this.pc =
      options.prepared?.take() ??
      new RTCPeerConnection({ iceServers: options.iceServers, iceTransportPolicy: options.iceTransportPolicy ?? 'all' });
    this.pc.onicecandidateerror = (event) => this.onCandidateError(event);
    this.addLocalTracks();
    this.sendOutgoing();
    this.listenForNegotiation();
    if (options.prepared) this.startPrepared(options.prepared);
    this.armWatchdog();
    this.pc.onconnectionstatechange = () => this.onConnectionStateChange();
  }

  get connection(): PeerConnectionStatus {
    return this.status;
  }

  /** The remote person's camera and microphone, and their shared screen (the stream with the id they announced). */
  streams(screenStreamId: string | undefined): { camera: MediaStream | null; screen: MediaStream | null } {
    const { camera, screen } = pickRemoteStreams([...this.remoteStreams.values()], screenStreamId);
    return { camera: camera?.view ?? null, screen: screen?.view ?? null };
  }

  /** This pair's verified-call code, once both descriptions with their fingerprints are applied. */
  get verificationCode(): string | null {
    return this.code;
  }

  /** How the media flows, from the latest sample of a connected link. */
  get connectionPath(): ConnectionPath | null {
    return this.path;
  }

  /** A TURN server refused this side's credentials (a wrong TURN_SECRET, an expired credential): no relayed path for it. */
  get relayRefused(): boolean {
    return this.turnRefused;
  }

  get reconnects(): number {
    return this.reconnectCounter.reconnects;
  }

  get isOpen(): boolean {
    return !this.closed && this.pc.connectionState !== 'closed';
  }

  receiveDescription(description: RTCSessionDescriptionInit): void {
    this.enqueue(() => this.onDescription(description));
  }

  receiveCandidate(candidate: IceCandidateInit): void {
    this.enqueue(() => this.onCandidate(candidate));
  }

  /** The remote person came back inside the reconnect grace: both peer connections survived, a new ICE round is enough. */
  resume(polite: boolean): void {
    this.polite = polite;
    if (this.pc.connectionState === 'connected') {
      this.setStatus('connected');
    } else {
      this.setStatus('reconnecting');
      this.pc.restartIce();
    }
  }

  /** The remote person's signaling socket dropped: what they send may stop until they are back. */
  markPeerAway(): void {
    this.setStatus('reconnecting');
  }

  /**
   * Makes the senders carry what `outgoing` says. A camera or microphone track swaps in place
   * (replaceTrack, no renegotiation) where a sender of its kind exists; where none does (joined
   * without that device, or the polite side whose transceiver of that kind only receives) the track
   * is added, which reuses the receiving transceiver and renegotiates. The screen is a sender of its
   * own, added and removed with the share (renegotiating each time).
   */
  sendOutgoing(): void {
    if (this.closed) return;
    const outgoing = this.options.outgoing();
    for (const kind of ['audio', 'video'] as const) this.sendCamera(kind, outgoing[kind]);
    void this.setVideoReduced(outgoing.reducedVideo);
    this.sendScreen(outgoing.screen);
  }

  /** Quality since the previous sample, the incoming audio level and how our media fares; undefined unless connected. */
  async sample(): Promise<LinkSample | undefined> {
    if (this.closed || this.pc.connectionState !== 'connected') return undefined;
    const entries = await this.statsEntries();
    const current = readInboundSample(entries, Date.now());
    const previous = this.lastInbound;
    this.lastInbound = current;
    const path = readConnectionPath(entries);
    if (path && path !== this.path) {
      this.path = path;
      this.options.onChange();
    }
    return { quality: previous ? qualityBetween(previous, current) : null, audioLevel: current.audioLevel, send: readSendSample(entries) };
  }

  /** The facts the visit record keeps (path, RTT, loss since the previous call); undefined unless connected with a selected pair. */
  async connectionFacts(): Promise<ConnectionFacts | undefined> {
    if (this.closed || this.pc.connectionState !== 'connected') return undefined;
    const { facts, totals } = readConnectionFacts(await this.statsEntries(), this.factsTotals);
    this.factsTotals = totals;
    return facts;
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    clearTimeout(this.watchdogTimer);
    const pc = this.pc;
    pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = pc.onicegatheringstatechange = null;
    pc.onicecandidateerror = null;
    pc.close();
    this.remoteStreams.clear();
  }

  private async statsEntries(): Promise<StatsEntry[]> {
    const report = await this.pc.getStats();
    const entries: StatsEntry[] = [];
    report.forEach((entry: StatsEntry) => entries.push(entry));
    return entries;
  }

  // ---- what this side sends ----

  private sendCamera(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const current = this.cameraSenders[kind];
    if (current) {
      if (current.track === track) return;
      current.track = track;
      void current.sender.replaceTrack(track).catch((error) => this.options.trace(`replaceTrack failed: ${String(error)}`));
      return;
    }
    if (!track) return;
    this.options.trace(`adding a ${kind} sender`);
    this.cameraSenders[kind] = { sender: this.pc.addTrack(track, this.options.localStream), track };
    // A fresh sender starts at full quality.
    if (kind === 'video') this.videoReduced = false;
  }

  private async setVideoReduced(reduced: boolean): Promise<void> {
    const sender = this.cameraSenders.video?.sender;
    if (!sender || reduced === this.videoReduced) return;
    try {
      const parameters = sender.getParameters();
      const encoding = parameters.encodings?.[0];
      // Before the first negotiation a sender may have no encoding yet: the next call applies it.
      if (!encoding) return;
      encoding.scaleResolutionDownBy = reduced ? REDUCED_SCALE_DOWN : 1;
      if (reduced) encoding.maxFramerate = REDUCED_FRAME_RATE;
      else delete encoding.maxFramerate;
      this.videoReduced = reduced;
      await sender.setParameters(parameters);
    } catch (error) {
      this.videoReduced = !reduced;
      this.options.trace(`setParameters failed: ${String(error)}`);
    }
  }

  private sendScreen(screen: OutgoingMedia['screen']): void {
    if (this.screenSender && this.screenSender.track !== screen?.track) {
      this.pc.removeTrack(this.screenSender.sender);
      this.screenSender = undefined;
    }
    if (screen && !this.screenSender) {
      this.options.trace('adding the screen sender');
      this.screenSender = { sender: this.pc.addTrack(screen.track, screen.stream), track: screen.track };
    }
  }

  // ---- negotiation ----

  /**
   * A sender for each local track (carrying it or not: sendOutgoing decides), and receiving
   * transceivers; a prepared peer connection has its senders already.
   */
  private addLocalTracks(): void {
    const { localStream } = this.options;
    const tracks = localStream.getTracks();
    const prepared = this.pc.getSenders();
    this.options.trace(
      `${prepared.length > 0 ? 'prepared' : 'new'} peer connection with ${tracks.map((track) => `${track.kind}:${track.readyState}`).join(',') || 'no tracks'}`,
    );
    for (const track of tracks) {
      const kind = track.kind as 'audio' | 'video';
      if (this.cameraSenders[kind]) continue;
      const sender = prepared.find((candidate) => candidate.track === track) ?? this.pc.addTrack(track, localStream);
      this.cameraSenders[kind] = { sender, track };
    }
    // The first offer always comes from the impolite side, and it asks for audio and video even
    // when it sends neither (audio-only, or no device), so the other side's media can come in.
    if (!this.polite) {
      const receives = this.pc.getTransceivers().map((transceiver) => transceiver.receiver.track.kind);
      for (const kind of ['audio', 'video'] as const) {
        if (!tracks.some((track) => track.kind === kind) && !receives.includes(kind))
          this.pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
  }

  /**
   * A prepared peer connection's first offer leaves at once: the one it made ahead (its candidates
   * are in it), or one made now. The polite side waits for the other's offer, as with any link.
   */
  private startPrepared(prepared: PreparedConnection): void {
    // A TURN server that refused this side while the connection was being prepared.
    for (const error of prepared.gathered.errors) this.onCandidateError(error);
    if (prepared.gathered.relay) this.turnRefused = false;
    if (this.polite) return;
    if (!prepared.offers) {
      void this.negotiate();
      return;
    }
    this.makingOffer = this.offering = true;
    // Made long ago, as a rule: then it leaves now, before anything else this side says to the newcomer.
    if (prepared.offerMade) void this.sendPreparedOffer(true);
    else void prepared.offerReady.then((ready) => this.sendPreparedOffer(ready));
  }

  private async sendPreparedOffer(ready: boolean): Promise<void> {
    this.offering = false;
    const offer = this.pc.localDescription;
    if (!ready || this.closed || this.pc.signalingState !== 'have-local-offer' || !offer) {
      this.makingOffer = false;
      if (!this.closed) await this.negotiate();
      return;
    }
    this.options.trace('prepared offer sent');
    try {
      await this.options.signaling.sendDescription('offer', offer.sdp);
    } catch (error) {
      console.warn('negotiation failed', error);
    } finally {
      this.makingOffer = false;
    }
  }

  /** Offers when negotiation is needed (perfect negotiation), and trickles local candidates and remote tracks. */
  private listenForNegotiation(): void {
    const pc = this.pc;
    pc.onnegotiationneeded = () => {
      this.options.trace('negotiation needed');
      // Two fresh peer connections offering at the same instant collide, and Chrome's ICE gathering
      // can stall after the polite side's offer is rolled back: the polite side waits for the first offer.
      if (this.polite && !pc.remoteDescription && !this.politeMayOffer) return;
      void this.negotiate();
    };
    pc.onicegatheringstatechange = () => this.options.trace(`gathering ${pc.iceGatheringState}`);
    pc.onicecandidate = ({ candidate }) => {
      this.options.trace(`local candidate ${candidate ? candidate.candidate.slice(0, 60) : '(end)'}`);
      // A relayed candidate: the TURN server took this side's credentials after all (another server, new ones).
      if (candidate?.type === 'relay' && this.turnRefused) {
        this.turnRefused = false;
        this.options.onChange();
      }
      if (candidate && !this.closed)
        void this.options.signaling.sendCandidate(candidate.toJSON() as IceCandidateInit).catch(() => undefined);
    };
    pc.ontrack = (event) => this.onTrack(event);
  }

  /** Perfect negotiation's offer: made, then sent to the other side; a collision is sorted out by onDescription. */
  private async negotiate(): Promise<void> {
    const pc = this.pc;
    // An offer being made or awaiting its answer carries whatever asked for this one too (a browser
    // asks again, if still needed, once the answer is in).
    if (this.offering || pc.signalingState !== 'stable') return;
    try {
      this.makingOffer = this.offering = true;
      await pc.setLocalDescription();
      this.offering = false;
      // A remote offer may have been applied meanwhile (rollback), leaving an answer as the local description.
      if (pc.localDescription?.type === 'offer' && !this.closed)
        await this.options.signaling.sendDescription('offer', pc.localDescription.sdp);
      this.refreshVerificationCode();
    } catch (error) {
      console.warn('negotiation failed', error);
    } finally {
      this.makingOffer = this.offering = false;
    }
  }

  private onTrack({ streams, track }: RTCTrackEvent): void {
    // Without a stream of the sender's (a bare track), keep such tracks in one stream of our own.
    const sources = streams.length > 0 ? streams : [this.looseTracksStream()];
    for (const source of sources) {
      if (!source.getTracks().includes(track)) source.addTrack(track);
      if (this.remoteStreams.has(source.id)) continue;
      this.remoteStreams.set(source.id, { id: source.id, source, view: new MediaStream(), trackIds: '' });
      // The other side adding or removing a track of a stream (camera on, screen stopped) renegotiates.
      source.addEventListener('addtrack', () => this.refreshRemoteStreams());
      source.addEventListener('removetrack', () => this.refreshRemoteStreams());
    }
    this.refreshRemoteStreams();
  }

  private looseTracksStream(): MediaStream {
    this.looseTracks ??= new MediaStream();
    return this.looseTracks;
  }

  /** Makes a new view of each stream whose tracks changed, forgets emptied ones, and says so. */
  private refreshRemoteStreams(): void {
    if (this.closed) return;
    let changed = false;
    for (const stream of [...this.remoteStreams.values()]) {
      const tracks = stream.source.getTracks();
      const trackIds = tracks.map((track) => track.id).join();
      if (trackIds === stream.trackIds) continue;
      changed = true;
      if (tracks.length === 0) {
        this.remoteStreams.delete(stream.id);
        continue;
      }
      stream.view = new MediaStream(tracks);
      stream.trackIds = trackIds;
    }
    if (changed) this.options.onChange();
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    this.options.trace(`${description.type} received (${pc.signalingState}, makingOffer=${this.makingOffer})`);
    if (this.closed) return;
    const offerCollision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    // Our senders start at a bitrate that carries the camera's first frames whole (see START_BITRATE_KBPS).
    await pc.setRemoteDescription({ type: description.type, sdp: description.sdp && withStartBitrate(description.sdp) });
    for (const candidate of this.pendingCandidates.splice(0)) await this.addCandidate(candidate);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      if (pc.localDescription && !this.closed) await this.options.signaling.sendDescription('answer', pc.localDescription.sdp);
    }
    this.refreshVerificationCode();
  }

  /**
   * The code from the fingerprints of the descriptions in force (the current local and remote ones,
   * set once an offer and its answer were both applied); computed again after every negotiation,
   * since a renegotiation could change a certificate. Only the latest computation counts.
   */
  private refreshVerificationCode(): void {
    const round = ++this.codeRound;
    const local = this.pc.currentLocalDescription?.sdp;
    const remote = this.pc.currentRemoteDescription?.sdp;
    void verificationCodeOfDescriptions(local, remote)
      .then((code) => {
        if (round !== this.codeRound || this.closed || code === this.code) return;
        this.code = code;
        this.options.onChange();
      })
      .catch((error) => this.options.trace(`verification code not derived: ${String(error)}`));
  }

  private async onCandidate(candidate: IceCandidateInit): Promise<void> {
    this.options.trace(
      `candidate received (remote description ${this.pc.remoteDescription ? 'set' : 'missing'}): ${candidate.candidate.slice(0, 60)}`,
    );
    if (this.closed) return;
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.addCandidate(candidate);
  }

  private async addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      this.options.trace(`candidate not applied: ${String(error)}`);
      // Candidates of an offer we ignored, or of a peer connection already closed, do not apply.
      if (!this.ignoreOffer && !this.closed) console.warn('ICE candidate not applied', error);
    }
  }

  // ---- connection ----

  /**
   * A STUN/TURN server's error while gathering. Only a TURN server's 401 (Unauthorized: the
   * credential's HMAC does not match its secret, or it expired) or 403 (Forbidden) is kept: then no
   * relayed candidate will come from it, which a relay-only call cannot do without.
   */
  private onCandidateError(event: Event): void {
    const { errorCode, errorText, url } = event as RTCPeerConnectionIceErrorEvent;
    this.options.trace(`ice candidate error ${errorCode} ${errorText} ${url}`);
    if (!/^turns?:/.test(url ?? '') || (errorCode !== 401 && errorCode !== 403) || this.turnRefused) return;
    this.turnRefused = true;
    this.options.onChange();
  }

  /** Follows the connection: connected, or reconnecting with an ICE restart when it drops or fails. */
  private onConnectionStateChange(): void {
    const pc = this.pc;
    if (this.closed) return;
    clearTimeout(this.disconnectedTimer);
    // A reconnect is the media path dropping and coming back, not a signaling drop the media outlived.
    if (pc.connectionState === 'connected') this.reconnectCounter.follow('connected');
    if (pc.connectionState === 'disconnected' || pc.connectionState === 'failed') this.reconnectCounter.follow('reconnecting');
    switch (pc.connectionState) {
      case 'connected':
        this.setStatus('connected');
        // A reduced encoding that could not be set before the first negotiation takes now.
        this.sendOutgoing();
        break;
      case 'disconnected':
        this.setStatus('reconnecting');
        this.disconnectedTimer = setTimeout(() => {
          if (!this.closed && pc.connectionState === 'disconnected') pc.restartIce();
        }, DISCONNECTED_RESTART_MS);
        break;
      case 'failed':
        this.setStatus('reconnecting');
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
  private armWatchdog(): void {
    clearTimeout(this.watchdogTimer);
    this.watchdogTimer = setTimeout(() => {
      const pc = this.pc;
      if (this.closed || pc.connectionState === 'connected') return;
      this.options.trace(`watchdog: ${pc.connectionState}/${pc.signalingState}`);
      if (this.polite && !pc.remoteDescription) {
        // No first offer came (the other side may have nothing to send): make one ourselves.
        this.politeMayOffer = true;
        pc.restartIce();
      } else if (pc.signalingState === 'have-local-offer' && pc.localDescription) {
        void this.options.signaling.sendDescription('offer', pc.localDescription.sdp).catch(() => undefined);
      } else if (pc.signalingState === 'stable') {
        pc.restartIce();
      }
      this.armWatchdog();
    }, CONNECT_WATCHDOG_MS);
  }

  private setStatus(status: PeerConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onChange();
  }

  private enqueue(work: () => Promise<void>): void {
    this.inbox = this.inbox.then(work).catch((error) => console.warn('signaling message not applied', error));
  }
}
