'use client';

import { useCallback, useEffect, useReducer, useRef, useState, type ActionDispatch } from 'react';
import { io } from 'socket.io-client';
import { CallEngine, type SignalingSocket } from '@telehealth/call-engine';
import { SIGNALING_NAMESPACE, type ChatMessage, type IceServersResponse } from '@telehealth/contracts';
import { apiRequest, errorReason, fetchSignalingTicket, toApiError } from '@/lib/api-client';
import { callReducer, INITIAL_CALL, type CallEvent, type CallSnapshot } from '@/lib/call-view';
import { ticketAuth } from '@/lib/signaling-auth';
import { useCallChat } from './useCallChat';
import { useCallMedia } from './useCallMedia';

export interface UseCallOptions {
  sessionId: string;
  roomId: string;
  /** The API's public origin; the socket authenticates with short-lived tickets, never the API token. */
  signalingUrl: string;
  localStream: MediaStream;
}

export interface CallView extends CallSnapshot {
  chat: ChatMessage[];
  /** Older chat lines than the ones shown exist (a long visit, rejoined). */
  chatHasMore: boolean;
  loadEarlierChat: () => Promise<void>;
  audioEnabled: boolean;
  videoEnabled: boolean;
  hasVideo: boolean;
  hasAudio: boolean;
  toggleAudio: () => void;
  toggleVideo: () => void;
  sendChat: (body: string) => Promise<void>;
  leave: () => Promise<void>;
  endSession: () => Promise<void>;
  /** The call's signaling socket, for what else arrives on it (visit changes, waiting-room messages); null before and after. */
  socket: SignalingSocket | null;
}

type Dispatch = ActionDispatch<[CallEvent]>;

async function loadIceServers(): Promise<RTCIceServer[]> {
  try {
    const response = await apiRequest<IceServersResponse>('/ice-servers');
    return response.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
  } catch {
    // Without STUN/TURN, peers on the same network still connect through host candidates.
    return [];
  }
}

/** Hands every event of the engine to the view; chat lines to the chat. */
function listen(engine: CallEngine, dispatch: Dispatch, mergeChat: (messages: ChatMessage[]) => void): void {
  engine.on('state', (next, info) => dispatch({ type: 'state', next, message: info?.message ?? null, at: Date.now() }));
  engine.on('peer', (peer) => dispatch({ type: 'peer', peer }));
  engine.on('remote-stream', (stream) => dispatch({ type: 'remote-stream', stream }));
  engine.on('chat', (message) => mergeChat([message]));
  engine.on('peer-media', (media) => dispatch({ type: 'peer-media', media }));
  engine.on('quality', (quality) => dispatch({ type: 'quality', quality }));
}

/** Closes what the effect opened: leaves the room if still in it, then the engine and the socket. */
function hangUp(engine: CallEngine | null, socket: SignalingSocket): void {
  if (engine && !['ended', 'left', 'failed'].includes(engine.currentState)) void engine.leave().catch(() => undefined);
  engine?.close();
  socket.removeAllListeners();
  socket.disconnect();
}

/**
 * One visit's call: opens the signaling socket, runs a CallEngine over it, and exposes
 * everything the call screen shows as plain React state plus the actions it offers.
 */
export function useCall({ sessionId, roomId, signalingUrl, localStream }: UseCallOptions): CallView {
  const engineRef = useRef<CallEngine | null>(null);
  const [view, dispatch] = useReducer(callReducer, INITIAL_CALL);
  const { mergeChat, setChatHasMore, ...chat } = useCallChat(engineRef);
  const media = useCallMedia(engineRef, localStream);
  const [socket, setSocket] = useState<SignalingSocket | null>(null);

  useEffect(() => {
    let cancelled = false;
    let engine: CallEngine | null = null;
    const socket: SignalingSocket = io(`${signalingUrl}${SIGNALING_NAMESPACE}`, {
      auth: ticketAuth(fetchSignalingTicket),
      transports: ['websocket'],
    });
    socket.on('connect_error', (error) => {
      if (!engine) dispatch({ type: 'unreachable', message: `Cannot reach the visit service: ${error.message}` });
    });
    setSocket(socket);

    async function start() {
      const iceServers = await loadIceServers();
      if (cancelled) return;
      engine = new CallEngine({ socket, roomId, localStream, iceServers });
      engineRef.current = engine;
      listen(engine, dispatch, mergeChat);
      try {
        const joined = await engine.join();
        if (cancelled) return;
        mergeChat(joined.chat);
        setChatHasMore(joined.chatHasMore);
        dispatch({ type: 'joined', joined, stillJoining: engine.currentState === 'joining', at: Date.now() });
      } catch (error) {
        if (cancelled) return;
        dispatch({
          type: 'refused',
          reason: errorReason(error),
          message: error instanceof Error ? error.message : 'Joining the visit failed.',
        });
      }
    }
    void start();

    return () => {
      cancelled = true;
      engineRef.current = null;
      setSocket(null);
      hangUp(engine, socket);
    };
  }, [sessionId, roomId, signalingUrl, localStream, mergeChat, setChatHasMore]);

  const leave = useCallback(async () => {
    await engineRef.current?.leave();
    dispatch({ type: 'finished', state: 'left' });
  }, []);

  const endSession = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    await engine.endSession().catch((error: unknown) => {
      throw toApiError(error);
    });
    dispatch({ type: 'finished', state: 'ended' });
  }, []);

  return { ...view, ...chat, ...media, leave, endSession, socket };
}
