export interface PreparedConnectionOptions {
  /** The stream the call will send: one sender per track now, as a link would add them. */
  localStream: MediaStream;
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * This side expects to make the first offer of its next pair (the room's impolite side: the
   * doctor). The offer is then made now, with its ICE candidates gathered, and goes out the moment
   * `peer-joined` names the person. Otherwise the candidates are gathered ahead (a candidate pool)
   * and the connection waits for an offer or is told to make one.
   */
  offer: boolean;
}

/**
 * A peer connection made before anyone to call is known, while the person is still on the device
 * check or waiting: creating one, its senders and a first offer takes tens of milliseconds of the
 * page's main thread, exactly when the call's first messages should be leaving. A CallEngine given
 * one (`CallEngineOptions.prepared`) uses it for the first pair it can; it closes it otherwise.
 */
export class PreparedConnection {
  readonly pc: RTCPeerConnection;
  readonly localStream: MediaStream;
  readonly offers: boolean;
  /** Settles once the offer is this connection's local description (false: there is none to use). */
  readonly offerReady: Promise<boolean>;
  /** The offer is made (offerReady settled true): a link can send it without waiting a turn. */
  offerMade = false;
  /**
   * What gathering said before a link took the connection over, for the link to hear: the STUN/TURN
   * servers' errors (a TURN server refusing the credentials) and whether a relayed candidate came.
   */
  readonly gathered: { errors: Event[]; relay: boolean } = { errors: [], relay: false };
  private used = false;

  constructor(options: PreparedConnectionOptions) {
    const { localStream, offer } = options;
    this.localStream = localStream;
    this.offers = offer;
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.iceTransportPolicy ?? 'all',
      // Without an offer nothing gathers until the answer: gather one set of candidates now.
      ...(offer ? {} : { iceCandidatePoolSize: 1 }),
    });
    this.pc.addEventListener('icecandidateerror', (event) => {
      if (!this.used) this.gathered.errors.push(event);
    });
    this.pc.addEventListener('icecandidate', ({ candidate }) => {
      if (!this.used && candidate?.type === 'relay') this.gathered.relay = true;
    });
    const tracks = localStream.getTracks();
    for (const track of tracks) this.pc.addTrack(track, localStream);
    if (!offer) {
      this.offerReady = Promise.resolve(false);
      return;
    }
    // As a link's first offer: it asks for audio and video even when it sends neither (see PeerLink).
    for (const kind of ['audio', 'video'] as const) {
      if (!tracks.some((track) => track.kind === kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    this.offerReady = this.pc.setLocalDescription().then(
      () => (this.offerMade = this.pc.localDescription?.type === 'offer'),
      () => false,
    );
  }

  /** Whether a link with this politeness, sending `localStream`, can take this connection over. */
  fits(localStream: MediaStream, polite: boolean): boolean {
    if (this.used || this.pc.signalingState === 'closed' || localStream !== this.localStream || (polite && this.offers)) return false;
    // A device switched since (the same stream, another track) would need another sender and another offer.
    const sent = this.pc.getSenders().flatMap((sender) => (sender.track ? [sender.track] : []));
    const tracks = localStream.getTracks();
    return sent.length === tracks.length && tracks.every((track) => sent.includes(track));
  }

  /** Hands the connection to a link, once: from now on it is the link's to close. */
  take(): RTCPeerConnection {
    this.used = true;
    return this.pc;
  }

  close(): void {
    if (this.used) return;
    this.used = true;
    this.pc.close();
  }
}
