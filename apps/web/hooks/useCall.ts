'use client';

import { startTransition, useCallback, useEffect, useReducer, useRef, useState, type ActionDispatch, type RefObject } from 'react';
import { io } from 'socket.io-client';
import { CallEngine, PlainSignalingSocket, PreparedConnection, type CallState, type SignalingSocket } from '@telehealth/call-engine';
import {
  SIGNALING_NAMESPACE,
  SignalingEvent,
  type ChatMessage,
  type IceServersResponse,
  type JoinRoomAck,
  type JoinRoomResult,
} from '@telehealth/contracts';
import { ApiError, apiRequest, errorReason, fetchSignalingTicket, toApiError } from '@/lib/api-client';
import {
  callReducer,
  IN_ROOM_STATES,
  INITIAL_CALL,
  NOTICE_SHOWN_MS,
  type CallEvent,
  type CallNotice,
  type CallSnapshot,
} from '@/lib/call-view';
import { isUnavailable } from '@/lib/devices';
import { rememberEvents } from '@/lib/heard-early';
import { ticketAuth } from '@/lib/signaling-auth';
import { useActiveSpeaker } from './useActiveSpeaker';
import { useCallChat } from './useCallChat';
import { useCallMedia, type CallMedia, type CallMediaOptions } from './useCallMedia';

export interface UseCallOptions {
  sessionId: string;
  roomId: string;
  /** The API's public origin; the socket authenticates with short-lived tickets, never the API token. */
  signalingUrl: string;
  /** The visit's one stream: the call restarts when it is another object, so device changes swap its tracks instead. */
  localStream: MediaStream;
  /** The devices as the device check left them, and where in-call choices are remembered. */
  devices: Omit<CallMediaOptions, 'localStream'>;
}

export interface CallView extends CallSnapshot, CallMedia {
  chat: ChatMessage[];
  /** Older chat lines than the ones shown exist (a long visit, rejoined). */
  chatHasMore: boolean;
  loadEarlierChat: () => Promise<void>;
  sendChat: (body: string) => Promise<void>;
  leave: () => Promise<void>;
  endSession: () => Promise<void>;
  /** The doctor lets a guest in from the lobby, or turns them away; rejects with the server's sentence. */
  admitGuest: (guestId: string) => Promise<void>;
  declineGuest: (guestId: string) => Promise<void>;
  /** The doctor takes a guest out of the call for good (their link stops working). */
  removeParticipant: (userId: string) => Promise<void>;
  /** The doctor: the verified-call code with `userId` was read aloud and matched. */
  markVerified: (userId: string) => Promise<void>;
  /** The user id of the person heard speaking now, steadied so the highlight does not flicker; null when quiet. */
  speakerId: string | null;
  /** The call's signaling socket, for what else arrives on it (visit changes, waiting-room messages); null before and after. */
  socket: SignalingSocket | null;
}

type Dispatch = ActionDispatch<[CallEvent]>;

/**
 * What an action asked for before the engine is there refuses with: a refusal with a reason, so the
 * screen words it from the catalogue like any other (the sentence here is for diagnosis only).
 */
function notConnectedYet(): ApiError {
  return new ApiError('The visit is not connected yet.', 409, 'not_in_room');
}

/** States in which the engine no longer holds a seat or a place in the lobby: nothing to leave. */
const GONE: readonly CallState[] = ['ended', 'left', 'failed', 'declined', 'removed'];

interface IceConfig {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

/** The STUN/TURN servers with this person's TURN credentials, and the clinic's transport policy ('relay': TURN only). */
async function loadIceServers(): Promise<IceConfig> {
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

/**
 * The call's signaling socket. Socket.IO by default; with `?transport=plain` on the visit page's
 * address, the plain-WebSocket transport: the API's `/ws` (issue 19), for clients and networks
 * where Socket.IO is not wanted, with the same tickets and the same room engine behind it.
 */
function openSignaling(signalingUrl: string, roomId: string): SignalingSocket {
  if (plainTransport()) {
    // An empty signaling URL is the page's own origin, where the front server and nginx send `/ws` to the API.
    const url = signalingUrl || window.location.origin;
    return new PlainSignalingSocket({ url, roomId, token: fetchSignalingTicket }).asSignalingSocket();
  }
  return io(`${signalingUrl}${SIGNALING_NAMESPACE}`, { auth: ticketAuth(fetchSignalingTicket), transports: ['websocket'] });
}

function plainTransport(): boolean {
  return new URLSearchParams(window.location.search).get('transport') === 'plain';
}

/** How often the call samples each pair: the speaker highlight follows the audio level of these samples. */
const STATS_INTERVAL_MS = 1000;

/** What the device check found unavailable, as the engine announces it. */
type Unavailable = { audio: boolean; video: boolean };

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
interface PreparedCall {
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
function prepareCall(signalingUrl: string, roomId: string, { localStream, offer, unavailable }: PrepareOptions): () => void {
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
function takePreparedCall(signalingUrl: string, roomId: string): PreparedCall | null {
  const mine = prepared;
  if (!mine || mine.key !== `${signalingUrl} ${roomId}`) return null;
  clearTimeout(mine.closing);
  prepared = null;
  // A socket the server refused (it does not try again by itself) is no start for a call.
  if (mine.socket.connected || mine.socket.active) return mine;
  hangUp(mine.engine, mine.socket);
  return null;
}

/**
 * While `enabled` (the device check of a visit that can still happen), keeps the call prepared
 * (see PreparedCall) with `localStream` once there is one. `firstOffer`: this person makes the
 * first offer of their pairs (the doctor: libs/room-engine `isPoliteTowards`). Not with the
 * plain-WebSocket transport: its server seats a connection in the room as it opens.
 */
export function usePreparedCall(
  signalingUrl: string,
  roomId: string | null,
  localStream: MediaStream | null,
  { enabled, firstOffer, unavailable }: { enabled: boolean; firstOffer: boolean; unavailable: Unavailable },
): void {
  const { audio, video } = unavailable;
  useEffect(() => {
    if (!enabled || !roomId || plainTransport()) return;
    return prepareCall(signalingUrl, roomId, { localStream, offer: firstOffer, unavailable: { audio, video } });
  }, [signalingUrl, roomId, localStream, enabled, firstOffer, audio, video]);
}

/**
 * Hands every event of the engine to the view; chat lines to the chat, each admitted join to `onJoined`.
 * As transitions: React renders them in slices, so the call's own work in the same moments (an offer
 * to answer, ICE, the first frames) is not held up behind a re-render of the whole call screen.
 */
function listen(engine: CallEngine, dispatch: Dispatch, onJoined: (joined: JoinRoomResult) => void, mergeChat: (m: ChatMessage[]) => void) {
  const show = (event: CallEvent) => startTransition(() => dispatch(event));
  engine.on('state', (next, info) => show({ type: 'state', next, message: info?.message ?? null, at: Date.now() }));
  engine.on('peers', (peers) => show({ type: 'peers', peers }));
  engine.on('presence', ({ kind, participant }) => show({ type: 'presence', kind, participant, at: Date.now() }));
  engine.on('lobby', (waiting) => show({ type: 'lobby', waiting }));
  engine.on('joined', (joined) => startTransition(() => onJoined(joined)));
  engine.on('chat', (message) => startTransition(() => mergeChat([message])));
  engine.on('quality', (quality) => show({ type: 'quality', quality }));
  engine.on('adaptive', (level) => show({ type: 'adaptive', level }));
  engine.on('media', (media) => show({ type: 'own-media', media }));
  dispatch({ type: 'own-media', media: engine.mediaState });
}

/**
 * Whether this side's own connection is up: only its own socket going down is "Reconnecting…"
 * (someone else dropping is said by name). The browser knows it lost the network before the
 * socket's heartbeat does. Returns the way to stop following it.
 */
function followOwnConnection(socket: SignalingSocket, dispatch: Dispatch): () => void {
  socket.on('disconnect', () => dispatch({ type: 'socket', online: false }));
  socket.on('connect', () => dispatch({ type: 'socket', online: true }));
  const onOffline = () => dispatch({ type: 'socket', online: false });
  window.addEventListener('offline', onOffline);
  return () => window.removeEventListener('offline', onOffline);
}

/** Closes what the effect opened: leaves the room (or the lobby) if still in it, then the engine and the socket. */
function hangUp(engine: CallEngine | null, socket: SignalingSocket | null): void {
  if (engine && !GONE.includes(engine.currentState)) void engine.leave().catch(() => undefined);
  engine?.close();
  socket?.removeAllListeners();
  socket?.disconnect();
}

/**
 * The answer to the first join: an admitted one already reached the view (the engine's 'joined'); a
 * guest the doctor has not admitted waits in the lobby, and the engine joins again by itself once
 * admitted; a refusal is shown.
 */
async function followJoin(joining: Promise<JoinRoomAck>, dispatch: Dispatch, cancelled: () => boolean): Promise<void> {
  try {
    const ack = await joining;
    if (!cancelled() && !ack.admitted) dispatch({ type: 'in-lobby', joined: ack, at: Date.now() });
  } catch (error) {
    if (cancelled()) return;
    dispatch({ type: 'refused', reason: errorReason(error), message: error instanceof Error ? error.message : String(error) });
  }
}

/** Each join/leave notice goes away on its own after a while; the newest stay readable meanwhile. */
function useNoticeExpiry(notices: CallNotice[], dispatch: Dispatch): void {
  useEffect(() => {
    const timers = notices.map((notice) =>
      window.setTimeout(() => dispatch({ type: 'notice-expired', id: notice.id }), Math.max(0, notice.at + NOTICE_SHOWN_MS - Date.now())),
    );
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [notices, dispatch]);
}

/** What only the doctor does in a call: admit, decline, remove; each refusal as the API's error with its sentence. */
function useDoctorDecisions(engineRef: RefObject<CallEngine | null>) {
  const run = useCallback(
    async (act: (engine: CallEngine) => Promise<void>) => {
      const engine = engineRef.current;
      if (!engine) throw notConnectedYet();
      await act(engine).catch((error: unknown) => {
        throw toApiError(error);
      });
    },
    [engineRef],
  );
  const admitGuest = useCallback((guestId: string) => run((engine) => engine.admitGuest(guestId)), [run]);
  const declineGuest = useCallback((guestId: string) => run((engine) => engine.declineGuest(guestId)), [run]);
  const removeParticipant = useCallback((userId: string) => run((engine) => engine.removeParticipant(userId)), [run]);
  const markVerified = useCallback((userId: string) => run((engine) => engine.markVerified(userId)), [run]);
  return { admitGuest, declineGuest, removeParticipant, markVerified };
}

/** The signaling socket and the engine over it, for as long as the call screen shows this visit. */
function useCallEngine(
  { sessionId, roomId, signalingUrl, localStream, devices }: UseCallOptions,
  engineRef: RefObject<CallEngine | null>,
  dispatch: Dispatch,
  chat: Pick<ReturnType<typeof useCallChat>, 'mergeChat' | 'setChatHasMore'>,
): SignalingSocket | null {
  const [socket, setSocket] = useState<SignalingSocket | null>(null);
  const { mergeChat, setChatHasMore } = chat;
  // What the device check found unavailable, for the engine's first announcement; later changes go through setUnavailable.
  const unavailable = useRef({ audio: isUnavailable(devices.microphone), video: isUnavailable(devices.camera) });

  useEffect(() => {
    let cancelled = false;
    let engine: CallEngine | null = null;
    let chatLoaded = false;
    const ready = takePreparedCall(signalingUrl, roomId);
    const socket = ready?.socket ?? openSignaling(signalingUrl, roomId);
    socket.on('connect_error', (error) => {
      if (!engine) dispatch({ type: 'unreachable', detail: error.message });
    });
    const stopFollowing = followOwnConnection(socket, dispatch);
    setSocket(socket);
    // Every admitted join (the first, after the doctor's admission, after a reconnect) brings the chat and the lobby as they are.
    const onJoined = (joined: JoinRoomResult) => {
      if (cancelled) return;
      mergeChat(joined.chat);
      // Only the first: later joins must not hide "Show earlier messages" for lines loaded since.
      if (!chatLoaded) setChatHasMore(joined.chatHasMore);
      chatLoaded = true;
      dispatch({ type: 'joined', joined, at: Date.now() });
    };

    function run(current: CallEngine, joining: Promise<JoinRoomAck> | null) {
      engine = current;
      engineRef.current = current;
      listen(current, dispatch, onJoined, mergeChat);
      // A prepared engine may have heard something before this screen listened.
      current.replay();
      void followJoin(joining ?? current.join(), dispatch, () => cancelled);
    }

    function start(ice: IceConfig) {
      if (cancelled) return;
      run(
        new CallEngine({ socket, roomId, localStream, ...ice, statsIntervalMs: STATS_INTERVAL_MS, unavailable: unavailable.current }),
        null,
      );
    }

    if (ready?.engine && ready.stream === localStream) {
      // Joined at the click, or joins now (a reload back into the call): either way, over the prepared connection.
      ready.engine.setUnavailable(unavailable.current);
      run(ready.engine, ready.joining);
    } else {
      // Prepared for another stream (the devices changed since): of no use.
      if (ready?.engine) hangUp(ready.engine, null);
      if (ready?.iceConfig) start(ready.iceConfig);
      else void (ready?.ice ?? loadIceServers()).then(start);
    }

    return () => {
      cancelled = true;
      engineRef.current = null;
      setSocket(null);
      stopFollowing();
      hangUp(engine, socket);
    };
  }, [sessionId, roomId, signalingUrl, localStream, engineRef, mergeChat, setChatHasMore, dispatch]);

  return socket;
}

/**
 * One visit's call: opens the signaling socket, runs a CallEngine over it, and exposes
 * everything the call screen shows as plain React state plus the actions it offers.
 */
export function useCall(options: UseCallOptions): CallView {
  const [view, dispatch] = useReducer(callReducer, INITIAL_CALL);
  const engineRef = useRef<CallEngine | null>(null);
  const { mergeChat, setChatHasMore, ...chat } = useCallChat(engineRef);
  const socket = useCallEngine(options, engineRef, dispatch, { mergeChat, setChatHasMore });
  const media = useCallMedia(engineRef, { localStream: options.localStream, ...options.devices }, view.ownMedia, dispatch);
  const decisions = useDoctorDecisions(engineRef);
  const speakerId = useActiveSpeaker(engineRef, IN_ROOM_STATES.includes(view.state));
  useNoticeExpiry(view.notices, dispatch);

  const leave = useCallback(async () => {
    await engineRef.current?.leave();
    dispatch({ type: 'finished', state: 'left' });
  }, [engineRef]);

  const endSession = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    await engine.endSession().catch((error: unknown) => {
      throw toApiError(error);
    });
    dispatch({ type: 'finished', state: 'ended' });
  }, [engineRef]);

  return { ...view, ...chat, ...media, ...decisions, speakerId, leave, endSession, socket };
}
