'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import { CallEngine, CallError, type CallQuality, type CallState, type SignalingSocket } from '@telehealth/call-engine';
import { SIGNALING_NAMESPACE, type ChatMessage, type IceServersResponse, type Participant } from '@telehealth/contracts';
import { apiRequest, fetchSignalingTicket } from '@/lib/api-client';
import { ticketAuth } from '@/lib/signaling-auth';

export interface UseCallOptions {
  sessionId: string;
  roomId: string;
  /** The API's public origin; the socket authenticates with short-lived tickets, never the API token. */
  signalingUrl: string;
  localStream: MediaStream;
}

export interface CallView {
  state: CallState;
  /** The server's or engine's sentence for the current state, e.g. why joining was refused. */
  detail: string | null;
  errorCode: number | null;
  self: Participant | null;
  peer: Participant | null;
  /** The last peer seen, kept after they leave so the screen can name them. */
  lastPeer: Participant | null;
  remoteStream: MediaStream | null;
  peerMedia: { audio: boolean; video: boolean };
  quality: CallQuality | null;
  chat: ChatMessage[];
  /** Older chat lines than the ones shown exist (a long visit, rejoined). */
  chatHasMore: boolean;
  loadEarlierChat: () => Promise<void>;
  audioEnabled: boolean;
  videoEnabled: boolean;
  hasVideo: boolean;
  hasAudio: boolean;
  /** When this side started waiting for the other (ms), for the elapsed-time line. */
  waitingSince: number | null;
  endsAt: string | null;
  toggleAudio: () => void;
  toggleVideo: () => void;
  sendChat: (body: string) => Promise<void>;
  leave: () => Promise<void>;
  endSession: () => Promise<void>;
}

async function loadIceServers(): Promise<RTCIceServer[]> {
  try {
    const response = await apiRequest<IceServersResponse>('/ice-servers');
    return response.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
  } catch {
    // Without STUN/TURN, peers on the same network still connect through host candidates.
    return [];
  }
}

/**
 * One visit's call: opens the signaling socket, runs a CallEngine over it, and exposes
 * everything the call screen shows as plain React state plus the actions it offers.
 */
export function useCall({ sessionId, roomId, signalingUrl, localStream }: UseCallOptions): CallView {
  const engineRef = useRef<CallEngine | null>(null);
  const [state, setState] = useState<CallState>('joining');
  const [detail, setDetail] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<number | null>(null);
  const [self, setSelf] = useState<Participant | null>(null);
  const [peer, setPeer] = useState<Participant | null>(null);
  const [lastPeer, setLastPeer] = useState<Participant | null>(null);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [peerMedia, setPeerMedia] = useState({ audio: true, video: true });
  const [quality, setQuality] = useState<CallQuality | null>(null);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [chatHasMore, setChatHasMore] = useState(false);
  const hasAudio = localStream.getAudioTracks().length > 0;
  const hasVideo = localStream.getVideoTracks().length > 0;
  const [audioEnabled, setAudioEnabled] = useState(hasAudio);
  const [videoEnabled, setVideoEnabled] = useState(hasVideo);
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const [endsAt, setEndsAt] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let engine: CallEngine | null = null;
    const socket: SignalingSocket = io(`${signalingUrl}${SIGNALING_NAMESPACE}`, {
      auth: ticketAuth(fetchSignalingTicket),
      transports: ['websocket'],
    });
    socket.on('connect_error', (error) => {
      if (!engine) {
        setState('failed');
        setDetail(`Cannot reach the visit service: ${error.message}`);
      }
    });

    const mergeChat = (messages: ChatMessage[]) =>
      setChat((previous) => {
        const byId = new Map(previous.map((m) => [m.id, m]));
        for (const m of messages) byId.set(m.id, m);
        return [...byId.values()].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
      });

    async function start() {
      const iceServers = await loadIceServers();
      if (cancelled) return;
      engine = new CallEngine({ socket, roomId, localStream, iceServers });
      engineRef.current = engine;
      engine.on('state', (next, info) => {
        setState(next);
        setDetail(info?.message ?? null);
        if (next === 'waiting') setWaitingSince((since) => since ?? Date.now());
        if (next === 'connected' || next === 'connecting') setWaitingSince(null);
        if (next === 'peer-left') setWaitingSince(Date.now());
      });
      engine.on('peer', (p) => {
        setPeer(p);
        if (p) setLastPeer(p);
        if (p) setPeerMedia({ audio: true, video: true });
      });
      engine.on('remote-stream', setRemoteStream);
      engine.on('chat', (message) => mergeChat([message]));
      engine.on('peer-media', setPeerMedia);
      engine.on('quality', setQuality);
      try {
        const joined = await engine.join();
        if (cancelled) return;
        setSelf(joined.self);
        setEndsAt(joined.endsAt);
        mergeChat(joined.chat);
        setChatHasMore(joined.chatHasMore);
        const other = joined.peers[0] ?? null;
        if (other) {
          setPeer(other);
          setLastPeer(other);
        } else if (engine.currentState === 'joining') {
          setState('waiting');
          setWaitingSince((since) => since ?? Date.now());
        }
      } catch (error) {
        if (cancelled) return;
        setState(error instanceof CallError && error.code === 409 ? 'ended' : 'failed');
        setErrorCode(error instanceof CallError ? error.code : null);
        setDetail(error instanceof Error ? error.message : 'Joining the visit failed.');
      }
    }
    void start();

    return () => {
      cancelled = true;
      const current = engine;
      engineRef.current = null;
      if (current && !['ended', 'left', 'failed'].includes(current.currentState)) void current.leave().catch(() => undefined);
      current?.close();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [sessionId, roomId, signalingUrl, localStream]);

  const toggleAudio = useCallback(() => {
    const next = !audioEnabled;
    engineRef.current?.setAudioEnabled(next);
    setAudioEnabled(next);
  }, [audioEnabled]);

  const toggleVideo = useCallback(() => {
    const next = !videoEnabled;
    engineRef.current?.setVideoEnabled(next);
    setVideoEnabled(next);
  }, [videoEnabled]);

  const sendChat = useCallback(async (body: string) => {
    const engine = engineRef.current;
    if (!engine) throw new Error('The visit is not connected yet.');
    const message = await engine.sendChat(body);
    setChat((previous) => (previous.some((m) => m.id === message.id) ? previous : [...previous, message]));
  }, []);

  const loadEarlierChat = useCallback(async () => {
    const engine = engineRef.current;
    const oldest = chat[0];
    if (!engine || !oldest) return;
    const page = await engine.loadEarlierChat(oldest.id);
    setChat((previous) => [...page.messages.filter((m) => !previous.some((p) => p.id === m.id)), ...previous]);
    setChatHasMore(page.hasMore);
  }, [chat]);

  const leave = useCallback(async () => {
    await engineRef.current?.leave();
    setState('left');
  }, []);

  const endSession = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    await engine.endSession();
    setState('ended');
  }, []);

  return {
    state,
    detail,
    errorCode,
    self,
    peer,
    lastPeer,
    remoteStream,
    peerMedia,
    quality,
    chat,
    chatHasMore,
    loadEarlierChat,
    audioEnabled,
    videoEnabled,
    hasVideo,
    hasAudio,
    waitingSince,
    endsAt,
    toggleAudio,
    toggleVideo,
    sendChat,
    leave,
    endSession,
  };
}
