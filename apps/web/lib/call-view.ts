import { VISIT_GONE_REASONS, type CallQuality, type CallState, type RemotePeer, type VideoLevel } from '@telehealth/call-engine';
import type { ErrorReason, JoinRoomResult, LobbyGuest, LobbyJoinResult, MediaState, Participant } from '@telehealth/contracts';

/** Someone came into the call or went out of it: a short line the screen shows and reads out, then drops. */
export interface CallNotice {
  id: number;
  kind: 'joined' | 'left';
  participant: Participant;
  /** For a departure: whether anyone else is still in the call ("…left; the call goes on"). */
  othersRemain: boolean;
  at: number;
}

/**
 * Why the call failed when no refusal reason says it: the visit service out of reach (with the
 * socket's own technical words), the visit opened in another window, or otherwise. The screen
 * words it from the catalogue (call-words `failureText`), never from the engine's English sentence.
 */
export type CallFailure = { kind: 'unreachable'; detail: string } | { kind: 'opened-elsewhere' } | { kind: 'other' };

/** The call engine's sentence when the same person opened the visit elsewhere (the engine does not export it). */
const OPENED_ELSEWHERE_SENTENCE = 'This visit was opened in another window or on another device.';

/** A change of this side's media, as the sentence of its failure names it. */
export type MediaAction =
  'stopSharing' | 'shareScreen' | 'switchCamera' | 'switchMicrophone' | 'cameraOn' | 'cameraOff' | 'startCamera' | 'startMicrophone';

/** A media change that failed: which, and the browser's own words for why (null when it gave none). */
export interface MediaFailure {
  action: MediaAction;
  detail: string | null;
}

/** What the call screen shows of the call itself (chat and own media live beside it). */
export interface CallSnapshot {
  state: CallState;
  /** The server's or engine's sentence for the current state, kept for diagnosis: the screen says `refusal` or `failure` in words. */
  detail: string | null;
  /** Why the call failed, when it did and no refusal reason says why. */
  failure: CallFailure | null;
  /** Why the server refused to let this side in, when it did. */
  refusal: ErrorReason | null;
  self: Participant | null;
  /** Everyone else in the call now, each with their picture, media and connection. */
  peers: RemotePeer[];
  /** The last person who left, kept so the screen can name them once nobody else is there. */
  lastLeft: Participant | null;
  /** For the doctor: guests at the door, waiting to be admitted (first come first). */
  lobby: LobbyGuest[];
  /** Who joined or left lately, newest last. */
  notices: CallNotice[];
  quality: CallQuality | null;
  /** When this side started waiting for the others, or for the doctor to admit them (ms), for the elapsed-time line. */
  waitingSince: number | null;
  endsAt: string | null;
  /** This side's own signaling socket is up: "Reconnecting…" is said only when it is not (not when someone else dropped). */
  online: boolean;
  /** What adaptive quality lets this side send: 'audio-only' pauses the video to keep the sound clear. */
  videoLevel: VideoLevel;
  /** This side's microphone and camera as the engine announces them; null until the engine says. */
  ownMedia: MediaState | null;
}

export type CallEvent =
  | { type: 'state'; next: CallState; message: string | null; at: number }
  | { type: 'finished'; state: 'left' | 'ended' }
  | { type: 'unreachable'; detail: string }
  | { type: 'peers'; peers: RemotePeer[] }
  | { type: 'presence'; kind: 'joined' | 'left'; participant: Participant; at: number }
  | { type: 'notice-expired'; id: number }
  | { type: 'lobby'; waiting: LobbyGuest[] }
  | { type: 'quality'; quality: CallQuality }
  | { type: 'joined'; joined: JoinRoomResult; at: number }
  | { type: 'in-lobby'; joined: LobbyJoinResult; at: number }
  | { type: 'refused'; reason: ErrorReason | null; message: string }
  | { type: 'socket'; online: boolean }
  | { type: 'adaptive'; level: VideoLevel }
  | { type: 'own-media'; media: MediaState };

export const INITIAL_CALL: CallSnapshot = {
  state: 'joining',
  detail: null,
  failure: null,
  refusal: null,
  self: null,
  peers: [],
  lastLeft: null,
  lobby: [],
  notices: [],
  quality: null,
  waitingSince: null,
  endsAt: null,
  online: true,
  videoLevel: 'full',
  ownMedia: null,
};

/** At most this many join/leave lines stay on screen at once. */
export const MAX_NOTICES = 3;
/** How long a join/leave line stays on screen (ms). */
export const NOTICE_SHOWN_MS = 8000;

/** Join refusals that mean there is no visit to wait in any more (the call engine's own list). */
const ENDED_REFUSALS: readonly (ErrorReason | null)[] = VISIT_GONE_REASONS;

/** The states in which this side holds a seat in the call (chat open, controls live). */
export const IN_ROOM_STATES: readonly CallState[] = ['waiting', 'connecting', 'connected', 'reconnecting', 'peer-left'];

/** The states after which this call is over for this side: the camera goes off. */
export const FINISHED_STATES: readonly CallState[] = ['ended', 'left', 'declined', 'removed'];

function waitingSinceAfter(view: CallSnapshot, next: CallState, at: number): number | null {
  if (next === 'waiting' || next === 'lobby') return view.waitingSince ?? at;
  if (next === 'connected' || next === 'connecting') return null;
  if (next === 'peer-left') return at;
  return view.waitingSince;
}

function byArrival(waiting: LobbyGuest[]): LobbyGuest[] {
  return [...waiting].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}

/** An admitted join (the first, after admission, after a reconnect): who this side is, and the lobby as the server has it. */
function afterJoin(view: CallSnapshot, { joined, at }: Extract<CallEvent, { type: 'joined' }>): CallSnapshot {
  const next = { ...view, self: joined.self, endsAt: joined.endsAt, lobby: byArrival(joined.lobby) };
  // The engine says 'waiting' itself; a join answered before it did must not look stuck on "Joining…".
  if (joined.peers.length === 0 && (view.state === 'joining' || view.state === 'lobby')) {
    return { ...next, state: 'waiting', waitingSince: view.state === 'lobby' ? at : (view.waitingSince ?? at) };
  }
  return next;
}

function withNotice(view: CallSnapshot, event: Extract<CallEvent, { type: 'presence' }>): CallSnapshot {
  const { participant, kind, at } = event;
  if (participant.userId === view.self?.userId) return view;
  const othersRemain = view.peers.some((peer) => peer.participant.userId !== participant.userId);
  const lastLeft = kind === 'left' ? participant : view.lastLeft;
  // The last one out is said by the status line and the stage ("Sam Patel left the visit"): no third time.
  if (kind === 'left' && !othersRemain) return { ...view, lastLeft };
  const id = (view.notices[view.notices.length - 1]?.id ?? 0) + 1;
  const notices = [...view.notices, { id, kind, participant, othersRemain, at }].slice(-MAX_NOTICES);
  return { ...view, notices, lastLeft };
}

/** The kind of failure the engine's sentence for a failed state stands for. */
function failureOf(message: string | null): CallFailure {
  return message === OPENED_ELSEWHERE_SENTENCE ? { kind: 'opened-elsewhere' } : { kind: 'other' };
}

/** The call screen's view after one event of the call engine (or of joining it). */
export function callReducer(view: CallSnapshot, event: CallEvent): CallSnapshot {
  switch (event.type) {
    case 'state':
      return {
        ...view,
        state: event.next,
        detail: event.message,
        failure: event.next === 'failed' ? failureOf(event.message) : null,
        waitingSince: waitingSinceAfter(view, event.next, event.at),
      };
    case 'finished':
      return { ...view, state: event.state };
    case 'unreachable':
      return { ...view, state: 'failed', detail: event.detail, failure: { kind: 'unreachable', detail: event.detail } };
    case 'peers':
      return { ...view, peers: event.peers };
    case 'presence':
      return withNotice(view, event);
    case 'notice-expired':
      return { ...view, notices: view.notices.filter((notice) => notice.id !== event.id) };
    case 'lobby':
      return { ...view, lobby: byArrival(event.waiting) };
    case 'quality':
      return { ...view, quality: event.quality };
    case 'joined':
      return afterJoin(view, event);
    case 'in-lobby': {
      const joined = { ...view, self: event.joined.self, endsAt: event.joined.endsAt };
      return view.state === 'joining' ? { ...joined, state: 'lobby', waitingSince: view.waitingSince ?? event.at } : joined;
    }
    case 'refused':
      return { ...view, state: ENDED_REFUSALS.includes(event.reason) ? 'ended' : 'failed', refusal: event.reason, detail: event.message };
    case 'socket':
      return view.online === event.online ? view : { ...view, online: event.online };
    case 'adaptive':
      return { ...view, videoLevel: event.level };
    case 'own-media':
      return { ...view, ownMedia: event.media };
  }
}

/** Others whose signaling dropped and who are not back yet: "Sam's connection dropped, waiting for them to come back". */
export function awayPeers(peers: readonly RemotePeer[]): RemotePeer[] {
  return peers.filter((peer) => peer.away);
}

/** The first other person sharing a screen: their share is shown large. */
export function screenSharer(peers: readonly RemotePeer[]): RemotePeer | null {
  return peers.find((peer) => peer.screen !== null) ?? null;
}

/**
 * The pairs whose verified-call code this side shows: only the doctor can mark a pair verified, so
 * the doctor sees a code per other person, everyone else the code with the doctor.
 */
export function verifiablePeers(peers: readonly RemotePeer[], viewerIsDoctor: boolean): RemotePeer[] {
  return peers.filter((peer) => peer.verificationCode !== null && (viewerIsDoctor || peer.participant.role === 'DOCTOR'));
}

/** Whether this side's camera is on as the person set it: a video paused by the network is still on for them. */
export function cameraIsOn(media: Pick<MediaState, 'video' | 'videoOff'>): boolean {
  return media.video || media.videoOff === 'network';
}
