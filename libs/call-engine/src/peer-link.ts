import type { IceCandidateInit, MediaState } from '@telehealth/contracts';
import { qualityBetween, readInboundSample, type CallQuality, type InboundSample, type StatsEntry } from './call-quality';
import type { PeerConnectionStatus } from './call-state';

// A 'disconnected' ICE state often heals by itself; restart only if it lasts.
export const DISCONNECTED_RESTART_MS = 2500;
// A negotiation that has not connected by then lost a message or an ICE round: start it again.
export const CONNECT_WATCHDOG_MS = 6000;

/** How a link reaches its remote person: the engine addresses these to them over the signaling socket. */
export interface PeerLinkSignaling {
  sendDescription(type: 'offer' | 'answer', sdp: string): Promise<unknown>;
  sendCandidate(candidate: IceCandidateInit): Promise<unknown>;
}

export interface PeerLinkOptions {
  /** Perfect negotiation: the polite side yields on an offer collision (this pair's `peer-joined` says which). */
  polite: boolean;
  localStream: MediaStream;
  /** What this side sends now: a disabled kind starts with no track on its sender. */
  media: MediaState;
  iceServers: RTCIceServer[];
  signaling: PeerLinkSignaling;
  /** The connection status or the incoming stream changed. */
  onChange: () => void;
  trace: (message: string) => void;
}

/** What one stats sample of a connected link tells. */
export interface LinkSample {
  /** Null on the first sample: loss and bitrate need two. */
  quality: CallQuality | null;
  audioLevel: number;
}

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
  private ignoreOffer = false;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  // Signaling messages are handled one at a time, in arrival order.
  private inbox: Promise<void> = Promise.resolve();
  private status: PeerConnectionStatus = 'connecting';
  private remoteStream: MediaStream | null = null;
  private closed = false;
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdogTimer: ReturnType<typeof setTimeout> | undefined;
  private lastInbound: InboundSample | undefined;

  constructor(options: PeerLinkOptions) {
    this.options = options;
    this.polite = options.polite;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers });
    this.addLocalTracks();
    this.listenForNegotiation();
    this.armWatchdog();
    this.pc.onconnectionstatechange = () => this.onConnectionStateChange();
  }

  get connection(): PeerConnectionStatus {
    return this.status;
  }

  /** The remote person's media; null until their first track arrives. */
  get stream(): MediaStream | null {
    return this.remoteStream;
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

  /** Sends `track` (enabled) or nothing in its place (disabled), without renegotiating. */
  setSending(track: MediaStreamTrack, enabled: boolean): void {
    const sender = this.pc
      .getSenders()
      .find((candidate) => candidate.track === track || (candidate.track === null && this.senderKind(candidate) === track.kind));
    if (sender)
      void sender.replaceTrack(enabled ? track : null).catch((error) => this.options.trace(`replaceTrack failed: ${String(error)}`));
  }

  /** Quality since the previous sample and the incoming audio level; undefined unless connected. */
  async sample(): Promise<LinkSample | undefined> {
    if (this.closed || this.pc.connectionState !== 'connected') return undefined;
    const report = await this.pc.getStats();
    const entries: StatsEntry[] = [];
    report.forEach((entry: StatsEntry) => entries.push(entry));
    const current = readInboundSample(entries, Date.now());
    const previous = this.lastInbound;
    this.lastInbound = current;
    return { quality: previous ? qualityBetween(previous, current) : null, audioLevel: current.audioLevel };
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
    pc.close();
    this.remoteStream = null;
  }

  // ---- negotiation ----

  private addLocalTracks(): void {
    const { localStream, media } = this.options;
    const tracks = localStream.getTracks();
    this.options.trace(`new peer connection with ${tracks.map((track) => `${track.kind}:${track.readyState}`).join(',') || 'no tracks'}`);
    for (const track of tracks) {
      const enabled = track.kind === 'audio' ? media.audio : media.video;
      const sender = this.pc.addTrack(track, localStream);
      if (!enabled) void sender.replaceTrack(null);
    }
    // The first offer always comes from the impolite side, and it asks for audio and video even
    // when it sends neither (audio-only, or no device), so the other side's media can come in.
    if (!this.polite) {
      for (const kind of ['audio', 'video'] as const) {
        if (!tracks.some((track) => track.kind === kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
  }

  /** Offers when negotiation is needed (perfect negotiation), and trickles local candidates and remote tracks. */
  private listenForNegotiation(): void {
    const pc = this.pc;
    pc.onnegotiationneeded = async () => {
      this.options.trace('negotiation needed');
      // Two fresh peer connections offering at the same instant collide, and Chrome's ICE gathering
      // can stall after the polite side's offer is rolled back: the polite side waits for the first offer.
      if (this.polite && !pc.remoteDescription && !this.politeMayOffer) return;
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        // A remote offer may have been applied meanwhile (rollback), leaving an answer as the local description.
        if (pc.localDescription?.type === 'offer' && !this.closed)
          await this.options.signaling.sendDescription('offer', pc.localDescription.sdp);
      } catch (error) {
        console.warn('negotiation failed', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicegatheringstatechange = () => this.options.trace(`gathering ${pc.iceGatheringState}`);
    pc.onicecandidate = ({ candidate }) => {
      this.options.trace(`local candidate ${candidate ? candidate.candidate.slice(0, 60) : '(end)'}`);
      if (candidate && !this.closed)
        void this.options.signaling.sendCandidate(candidate.toJSON() as IceCandidateInit).catch(() => undefined);
    };
    pc.ontrack = (event) => this.onTrack(event);
  }

  private onTrack({ streams, track }: RTCTrackEvent): void {
    // Without a stream of the sender's (a bare track), keep every track in one stream of our own.
    const stream = streams[0] ?? this.remoteStream ?? new MediaStream();
    if (!streams[0] && !stream.getTracks().includes(track)) stream.addTrack(track);
    if (stream === this.remoteStream) return;
    this.remoteStream = stream;
    this.options.onChange();
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    this.options.trace(`${description.type} received (${pc.signalingState}, makingOffer=${this.makingOffer})`);
    if (this.closed) return;
    const offerCollision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    await pc.setRemoteDescription(description);
    for (const candidate of this.pendingCandidates.splice(0)) await this.addCandidate(candidate);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      if (pc.localDescription && !this.closed) await this.options.signaling.sendDescription('answer', pc.localDescription.sdp);
    }
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

  /** Follows the connection: connected, or reconnecting with an ICE restart when it drops or fails. */
  private onConnectionStateChange(): void {
    const pc = this.pc;
    if (this.closed) return;
    clearTimeout(this.disconnectedTimer);
    switch (pc.connectionState) {
      case 'connected':
        this.setStatus('connected');
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

  private senderKind(sender: RTCRtpSender): string | undefined {
    return this.pc.getTransceivers().find((transceiver) => transceiver.sender === sender)?.receiver.track.kind;
  }

  private enqueue(work: () => Promise<void>): void {
    this.inbox = this.inbox.then(work).catch((error) => console.warn('signaling message not applied', error));
  }
}
