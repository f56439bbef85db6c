import type { GuestRole, Participant } from '@telehealth/contracts';

/** A seat in a visit's room, kept through a dropped connection for the grace period. */
export interface Seat extends Participant {
  /** The socket holding the seat; null while the user is away inside the reconnect grace. */
  socketId: string | null;
  /** The socket that dropped, so a late grace timer of an older drop does nothing. */
  droppedSocketId: string | null;
  joinedAt: string;
  /** When the page holding the seat joined (a reload or another device is a new page, with new peer connections). */
  pageSince?: string;
  /** When the seat's socket dropped, while it is away. */
  droppedAt?: string;
}

/** A guest at the door, waiting for the doctor to admit or decline them. Gone when their socket is. */
export interface LobbyEntry {
  userId: string;
  name: string;
  guestRole: GuestRole;
  socketId: string;
  since: string;
}

export interface RoomState {
  roomId: string;
  sessionId: string;
  appointmentId: string;
  doctorId: string;
  patientId: string;
  ended: boolean;
  /** True once doctor and patient have both been present: the visit has started. */
  started: boolean;
  seats: Seat[];
  /** Guests waiting to be admitted, in arrival order. (Absent in states written before guests existed.) */
  lobby?: LobbyEntry[];
  /** Guests the doctor admitted: they take a seat when they join, and again after a reconnect. */
  admitted?: string[];
  /** Guests the doctor removed: never seated again. */
  removed?: string[];
}

/** People in one call at most, unless the clinic configures otherwise: a full mesh stays light up to four. */
export const ROOM_CAPACITY = 4;

export function emptyRoom(room: Omit<RoomState, 'ended' | 'started' | 'seats' | 'lobby' | 'admitted' | 'removed'>): RoomState {
  return { ...room, ended: false, started: false, seats: [], lobby: [], admitted: [], removed: [] };
}

export function seatOf(state: RoomState, userId: string): Seat | undefined {
  return state.seats.find((seat) => seat.userId === userId);
}

export function lobbyOf(state: RoomState): LobbyEntry[] {
  return state.lobby ?? [];
}

/** Whether a person needs the doctor's admission: a guest not yet admitted. */
export function needsAdmission(state: RoomState, participant: Pick<Participant, 'userId' | 'role'>): boolean {
  return participant.role === 'GUEST' && !(state.admitted ?? []).includes(participant.userId);
}

const NEGOTIATION_RANK: Record<Participant['role'], number> = { DOCTOR: 0, PATIENT: 1, GUEST: 2, ADMIN: 3 };

/**
 * Perfect negotiation needs the two sides of each pair to disagree on politeness, and to keep
 * agreeing across reconnects: the doctor is impolite towards everyone, the patient towards
 * guests, and between two guests the smaller user id. The impolite side wins offer collisions
 * and makes the first offer.
 */
export function isPoliteTowards(self: Pick<Participant, 'userId' | 'role'>, peer: Pick<Participant, 'userId' | 'role'>): boolean {
  const rank = NEGOTIATION_RANK[self.role] - NEGOTIATION_RANK[peer.role];
  return rank !== 0 ? rank > 0 : self.userId > peer.userId;
}
