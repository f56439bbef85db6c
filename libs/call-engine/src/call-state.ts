/**
 * Every state a person on the call must be able to see, for the room as a whole:
 * 'lobby' a guest waiting for the doctor to admit them; 'waiting' admitted with nobody else present;
 * 'connecting' someone present but no peer connection connected yet; 'connected' at least one is;
 * 'reconnecting' the own socket is down, or every present peer is reconnecting;
 * 'peer-left' the last other person left (alone again).
 */
export type CallState =
  | 'joining'
  | 'lobby'
  | 'waiting'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'peer-left'
  | 'ended'
  | 'left'
  | 'failed'
  | 'declined'
  | 'removed';

/** States after which nothing more happens on this page. */
export const FINAL_CALL_STATES: readonly CallState[] = ['ended', 'left', 'declined', 'removed'];

/** How one remote person's peer connection is doing. */
export type PeerConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** Where the server has put this side: not placed yet, in the guests' lobby, or in the call. */
export type Seat = 'none' | 'lobby' | 'room';

export interface RoomSituation {
  seat: Seat;
  socketConnected: boolean;
  /** One per remote person present, in any order. */
  peerConnections: readonly PeerConnectionStatus[];
  /** The last other person left, and nobody has come since. */
  lastPeerLeft: boolean;
}

/** The room-level state that follows from where this side is and how its peer connections are doing. */
export function roomCallState({ seat, socketConnected, peerConnections, lastPeerLeft }: RoomSituation): CallState {
  if (!socketConnected) return 'reconnecting';
  if (seat === 'none') return 'joining';
  if (seat === 'lobby') return 'lobby';
  if (peerConnections.length === 0) return lastPeerLeft ? 'peer-left' : 'waiting';
  if (peerConnections.includes('connected')) return 'connected';
  if (peerConnections.every((connection) => connection === 'reconnecting')) return 'reconnecting';
  return 'connecting';
}
