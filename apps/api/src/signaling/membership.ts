import type { Participant, ServerToClientEvents } from '@telehealth/contracts';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import type { RequestContext } from '../common/request-context';
import type { LiveVisit } from '../visits/visit-lifecycle.service';
import type { AnnouncedMedia } from './media-changes';

/**
 * What a socket may do in its room, checked once at join and kept on the socket so that
 * relaying a message needs no database. Survives a connection-state recovery.
 */
export interface Membership extends LiveVisit {
  self: Participant;
  /**
   * What this seat last announced with `media-state`, as the timeline knows it (MediaTimeline).
   * Kept here so a new join starts afresh and a recovered socket keeps it.
   */
  media?: AnnouncedMedia;
}

export interface SignalingSocketData {
  user: AuthUser;
  /** Who, from where: built once per socket at connection (the address by the TRUST_PROXY rule). */
  context: RequestContext;
  membership?: Membership;
  /** When the sign-in behind the handshake token ends (ms since the epoch): the socket is closed then. */
  sessionExpiresAt?: number;
  /** When that sign-in session began (ms): a revocation after it ends the socket. */
  sessionIssuedAt?: number;
}

export type SignalingSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, SignalingSocketData>;

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const userChannel = (roomId: string, userId: string) => `room:${roomId}:user:${userId}`;
export const doctorChannel = (doctorId: string) => `doctor:${doctorId}`;
/** Every socket of one account, on any API process: how a sign-out reaches them all. */
export const accountChannel = (userId: string) => `account:${userId}`;

/**
 * What a seat in the room may do: kept on the socket for the rest of the call. Written out
 * rather than `{ ...visit, self }`: on Node 20's V8, a spread followed by a property the source
 * lacks gives every object built at a warm call site a hidden class of its own (~340 bytes).
 */
export function membershipOf(visit: LiveVisit, self: Participant): Membership {
  const { roomId, sessionId, appointmentId, patientName, reason, startsAt, endsAt } = visit;
  // The seat's own id is the user's, already held by the socket: one string rather than two.
  const doctorId = visit.doctorId === self.userId ? self.userId : visit.doctorId;
  const patientId = visit.patientId === self.userId ? self.userId : visit.patientId;
  return { roomId, sessionId, appointmentId, doctorId, patientId, patientName, reason, startsAt, endsAt, self };
}

/**
 * Points the membership's ids at the equal strings of its room's state, which this process keeps
 * anyway (read from the database, each socket's would be a copy of its own).
 */
export function sharingIds(
  membership: Membership,
  room: Pick<Membership, 'roomId' | 'sessionId' | 'appointmentId' | 'doctorId' | 'patientId'>,
): void {
  if (membership.roomId === room.roomId) membership.roomId = room.roomId;
  if (membership.sessionId === room.sessionId) membership.sessionId = room.sessionId;
  if (membership.appointmentId === room.appointmentId) membership.appointmentId = room.appointmentId;
  if (membership.doctorId === room.doctorId) membership.doctorId = room.doctorId;
  if (membership.patientId === room.patientId) membership.patientId = room.patientId;
}

/** The socket's membership while it is really in the room (an ended session empties the room). */
export function currentMembership(socket: SignalingSocket): Membership | undefined {
  const membership = socket.data.membership;
  return membership && socket.rooms.has(roomChannel(membership.roomId)) ? membership : undefined;
}
