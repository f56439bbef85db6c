'use client';

import { startTransition, useCallback, useEffect, useReducer, useRef, useState, type ActionDispatch, type RefObject } from 'react';
import { CallEngine, type SignalingSocket } from '@telehealth/call-engine';
import type { ChatMessage, JoinRoomAck, JoinRoomResult } from '@telehealth/contracts';
import { ApiError, errorReason, toApiError } from '@/lib/api-client';
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
import { hangUp, loadIceServers, openSignaling, STATS_INTERVAL_MS, takePreparedCall, type IceConfig } from '@/lib/prepared-call';
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
