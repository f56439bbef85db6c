import { CallEngine, PreparedConnection, SocketIoSignalingSocket, type CallState, type SignalingSocket } from '@telehealth/call-engine';
import { SIGNALING_NAMESPACE, SignalingEvent, type IceServersResponse, type JoinRoomAck } from '@telehealth/contracts';
import { apiRequest, fetchSignalingTicket } from '@/lib/api-client';
import { rememberEvents } from '@/lib/heard-early';
import { lazyModule } from '@/lib/lazy-module';
import { ticketAuth } from '@/lib/signaling-auth';

// The call's connection: its signaling socket, ICE servers and engine, and the call prepared during
// the device check (hooks/usePreparedCall.ts) for the call screen to take over (hooks/useCall.ts).
// With the call engine, the visit page loads it apart from the device check.

/** States in which the engine no longer holds a seat or a place in the lobby: nothing to leave. */
const GONE: readonly CallState[] = ['ended', 'left', 'failed', 'declined', 'removed'];

export interface IceConfig {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

/** The STUN/TURN servers with this person's TURN credentials, and the clinic's transport policy ('relay': TURN only). */
export async function loadIceServers(): Promise<IceConfig> {
  try {
    const response = await apiRequest<IceServersResponse>('/ice-servers');
    return {
      iceServers: response.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
      iceTransportPolicy: response.iceTransportPolicy,
    };
  } catch {
    // Without STUN/TURN, peers on the same network still connect through host candidates.
    return { iceServers: [], iceTransportPolicy: 'all' };
  }
}

// The plain-WebSocket client, fetched only by a page opened with `?transport=plain` (loadTransport), not
// sent with every visit page: the call engine's module alone, not its entry, which would bring everything.
const plainSocketCode = lazyModule(() => import('@telehealth/call-engine/src/plain-signaling-socket'));

/** Fetches the code of this page's signaling transport beyond the call's own: the plain-WebSocket client, with `?transport=plain`. */
export async function loadTransport(): Promise<void> {
  if (plainTransport()) await plainSocketCode.load();
}

/**
 * The call's signaling socket. Socket.IO by default; with `?transport=plain` on the visit page's
 * address, the plain-WebSocket transport: the API's `/ws` (issue 19), for clients and networks
 * where Socket.IO is not wanted, with the same tickets and the same room engine behind it.
 * Its code must be in first (loadTransport, which the call's code waits for: hooks/usePreparedCall.ts).
 */
export function openSignaling(signalingUrl: string, roomId: string): SignalingSocket {
  if (plainTransport()) {
    const plain = plainSocketCode.loaded;
    if (!plain) throw new Error('openSignaling before loadTransport: the plain-WebSocket client is not in');
    // An empty signaling URL is the page's own origin, where the front server and nginx send `/ws` to the API.
    const url = signalingUrl || window.location.origin;
    return new plain.PlainSignalingSocket({ url, roomId, token: fetchSignalingTicket }).asSignalingSocket();
  }
  return new SocketIoSignalingSocket({
    url: `${signalingUrl}${SIGNALING_NAMESPACE}`,
    auth: ticketAuth(fetchSignalingTicket),
  }).asSignalingSocket();
}

export function plainTransport(): boolean {
  return new URLSearchParams(window.location.search).get('transport') === 'plain';
}

/** How often the call samples each pair: the speaker highlight follows the audio level of these samples. */
export const STATS_INTERVAL_MS = 1000;

/** What the device check found unavailable, as the engine announces it. */
export type Unavailable = { audio: boolean; video: boolean };

/**
 * What a call needs before its first message, made ready while the person is still on the device
 * check: the signaling socket, connected; the ICE servers; and, once the camera and microphone are
 * on, the call's engine with a peer connection and its senders (for the doctor, with its first offer
 * made and its ICE candidates gathered). Clicking Join then sends `join-room` at once, before the
 * call screen is drawn, and the offer leaves as soon as the other person is named, instead of after
 * a ticket, a connection, a request for the ICE servers, the screen, a new peer connection and an
 * offer, one after the other. A socket that has not joined is in no room. One at a time, for the
 * visit on screen.
 */
export interface PreparedCall {
  key: string;
  socket: SignalingSocket;
  ice: Promise<IceConfig>;
  /** The ICE servers once they are in. */
  iceConfig: IceConfig | null;
  /** The engine, for `stream`, once the ICE servers are in; it joins on the click (`joining`). */
  engine: CallEngine | null;
  stream: MediaStream | null;
  joining: Promise<JoinRoomAck> | null;
  closing: ReturnType<typeof setTimeout> | undefined;
}

let prepared: PreparedCall | null = null;

function discardPrepared(): void {
  const mine = prepared;
  if (!mine) return;
  prepared = null;
  clearTimeout(mine.closing);
  hangUp(mine.engine, mine.socket);
}

/** The prepared engine for `stream`, made again when the devices gave another stream. */
function prepareEngine(mine: PreparedCall, roomId: string, stream: MediaStream, offer: boolean, unavailable: Unavailable): void {
  if (mine.engine && mine.stream === stream) {
    mine.engine.setUnavailable(unavailable);
    return;
  }
  // Not joined yet (the click takes it to the call screen): closing it closes its peer connection.
  mine.engine?.close();
  mine.engine = null;
  if (!mine.iceConfig || !stream.active) return;
  const ice = mine.iceConfig;
  mine.stream = stream;
  mine.engine = new CallEngine({
    socket: mine.socket,
    roomId,
    localStream: stream,
    ...ice,
    statsIntervalMs: STATS_INTERVAL_MS,
    unavailable,
    prepared: new PreparedConnection({ localStream: stream, ...ice, offer }),
  });
}

interface PrepareOptions {
  localStream: MediaStream | null;
  offer: boolean;
  unavailable: Unavailable;
}

/** Prepares the call of `roomId`; the returned function gives it up unless the call screen took it meanwhile. */
export function prepareCall(signalingUrl: string, roomId: string, { localStream, offer, unavailable }: PrepareOptions): () => void {
  const key = `${signalingUrl} ${roomId}`;
  if (prepared?.key !== key) {
    discardPrepared();
    const entry: PreparedCall = {
      key,
      socket: openSignaling(signalingUrl, roomId),
      ice: loadIceServers(),
      iceConfig: null,
      engine: null,
      stream: null,
      joining: null,
      closing: undefined,
    };
    prepared = entry;
  }
  const mine = prepared;
  clearTimeout(mine.closing);
  if (!mine.joining && localStream) {
    void mine.ice.then((config) => {
      mine.iceConfig = config;
      // Superseded meanwhile: another visit, or taken by the call screen.
      if (prepared === mine && !mine.joining) prepareEngine(mine, roomId, localStream, offer, unavailable);
    });
  }
  // Not at once: the device check gives way to the call screen in one commit, and the call's effect takes it right after.
  return () => {
    mine.closing = setTimeout(() => {
      if (prepared === mine) discardPrepared();
    }, 0);
  };
}

/**
 * The person clicked Join: the prepared engine of `roomId`, if there is one, joins now; the call
 * screen that shows next takes it over with its answer to come.
 */
export function joinPreparedCall(signalingUrl: string, roomId: string): void {
  const mine = prepared;
  if (!mine || mine.key !== `${signalingUrl} ${roomId}` || !mine.engine || mine.joining) return;
  // The server answers the join with the waiting room's news at once, before the call screen listens.
  rememberEvents(mine.socket, [SignalingEvent.WaitingPosition, SignalingEvent.WaitingMessage]);
  mine.joining = mine.engine.join();
  // Answered where the call screen takes it over (useCallEngine); a refusal is not lost meanwhile.
  mine.joining.catch(() => undefined);
}

/** The prepared call of `roomId`, for the call screen to use, if there is one whose socket still has a future. */
export function takePreparedCall(signalingUrl: string, roomId: string): PreparedCall | null {
  const mine = prepared;
  if (!mine || mine.key !== `${signalingUrl} ${roomId}`) return null;
  clearTimeout(mine.closing);
  prepared = null;
  // A socket the server refused (it does not try again by itself) is no start for a call.
  if (mine.socket.connected || mine.socket.active) return mine;
  hangUp(mine.engine, mine.socket);
  return null;
}

/** Closes what the effect opened: leaves the room (or the lobby) if still in it, then the engine and the socket. */
export function hangUp(engine: CallEngine | null, socket: SignalingSocket | null): void {
  if (engine && !GONE.includes(engine.currentState)) void engine.leave().catch(() => undefined);
  engine?.close();
  socket?.removeAllListeners();
  socket?.disconnect();
}
