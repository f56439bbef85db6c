import { VISIT_GONE_REASONS, type CallQuality, type CallState } from '@telehealth/call-engine';
import type { ErrorReason, JoinRoomResult, MediaState, Participant } from '@telehealth/contracts';

/** What the call screen shows of the call itself (chat and own media live beside it). */
export interface CallSnapshot {
  state: CallState;
  /** The server's or engine's sentence for the current state, e.g. why joining was refused. */
  detail: string | null;
  /** Why the server refused to let this side in, when it did. */
  refusal: ErrorReason | null;
  self: Participant | null;
  peer: Participant | null;
  /** The last peer seen, kept after they leave so the screen can name them. */
  lastPeer: Participant | null;
  remoteStream: MediaStream | null;
  peerMedia: MediaState;
  quality: CallQuality | null;
  /** When this side started waiting for the other (ms), for the elapsed-time line. */
  waitingSince: number | null;
  endsAt: string | null;
}

export type CallEvent =
  | { type: 'state'; next: CallState; message: string | null; at: number }
  | { type: 'finished'; state: 'left' | 'ended' }
  | { type: 'unreachable'; message: string }
  | { type: 'peer'; peer: Participant | null }
  | { type: 'remote-stream'; stream: MediaStream | null }
  | { type: 'peer-media'; media: MediaState }
  | { type: 'quality'; quality: CallQuality }
  | { type: 'joined'; joined: JoinRoomResult; stillJoining: boolean; at: number }
  | { type: 'refused'; reason: ErrorReason | null; message: string };

export const INITIAL_CALL: CallSnapshot = {
  state: 'joining',
  detail: null,
  refusal: null,
  self: null,
  peer: null,
  lastPeer: null,
  remoteStream: null,
  peerMedia: { audio: true, video: true },
  quality: null,
  waitingSince: null,
  endsAt: null,
};

/** Join refusals that mean there is no visit to wait in any more (the call engine's own list). */
const ENDED_REFUSALS: readonly (ErrorReason | null)[] = VISIT_GONE_REASONS;

function waitingSinceAfter(view: CallSnapshot, next: CallState, at: number): number | null {
  if (next === 'waiting') return view.waitingSince ?? at;
  if (next === 'connected' || next === 'connecting') return null;
  if (next === 'peer-left') return at;
  return view.waitingSince;
}

function afterJoin(view: CallSnapshot, { joined, stillJoining, at }: Extract<CallEvent, { type: 'joined' }>): CallSnapshot {
  const joinedView = { ...view, self: joined.self, endsAt: joined.endsAt };
  const other = joined.peers[0] ?? null;
  if (other) return { ...joinedView, peer: other, lastPeer: other };
  if (stillJoining) return { ...joinedView, state: 'waiting', waitingSince: view.waitingSince ?? at };
  return joinedView;
}

/** The call screen's view after one event of the call engine (or of joining it). */
export function callReducer(view: CallSnapshot, event: CallEvent): CallSnapshot {
  switch (event.type) {
    case 'state':
      return { ...view, state: event.next, detail: event.message, waitingSince: waitingSinceAfter(view, event.next, event.at) };
    case 'finished':
      return { ...view, state: event.state };
    case 'unreachable':
      return { ...view, state: 'failed', detail: event.message };
    case 'peer':
      if (!event.peer) return { ...view, peer: null };
      return { ...view, peer: event.peer, lastPeer: event.peer, peerMedia: { audio: true, video: true } };
    case 'remote-stream':
      return { ...view, remoteStream: event.stream };
    case 'peer-media':
      return { ...view, peerMedia: event.media };
    case 'quality':
      return { ...view, quality: event.quality };
    case 'joined':
      return afterJoin(view, event);
    case 'refused':
      return { ...view, state: ENDED_REFUSALS.includes(event.reason) ? 'ended' : 'failed', refusal: event.reason, detail: event.message };
  }
}
