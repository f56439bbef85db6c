import type { Participant } from '@telehealth/contracts';

/** One of the two seats of a visit's room, kept through a dropped connection for the grace period. */
export interface Seat extends Participant {
  /** The socket holding the seat; null while the user is away inside the reconnect grace. */
  socketId: string | null;
  /** The socket that dropped, so a late grace timer of an older drop does nothing. */
  droppedSocketId: string | null;
  joinedAt: string;
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
}

export const ROOM_CAPACITY = 2;

export function emptyRoom(room: Omit<RoomState, 'ended' | 'started' | 'seats'>): RoomState {
  return { ...room, ended: false, started: false, seats: [] };
}

export function seatOf(state: RoomState, userId: string): Seat | undefined {
  return state.seats.find((seat) => seat.userId === userId);
}

export function otherSeat(state: RoomState, userId: string): Seat | undefined {
  return state.seats.find((seat) => seat.userId !== userId);
}

/**
 * Perfect negotiation needs the two sides to disagree on politeness; tying it to the role
 * keeps it stable across reconnects. The doctor's side is impolite and wins offer collisions.
 */
export function isPolite(participant: Pick<Participant, 'role'>): boolean {
  return participant.role !== 'DOCTOR';
}
