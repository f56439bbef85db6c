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

/** What a seat in the room may do: kept on the socket for the rest of the call. */
export function membershipOf(visit: LiveVisit, self: Participant): Membership {
  return { ...visit, self };
}

/** The socket's membership while it is really in the room (an ended session empties the room). */
export function currentMembership(socket: SignalingSocket): Membership | undefined {
  const membership = socket.data.membership;
  return membership && socket.rooms.has(roomChannel(membership.roomId)) ? membership : undefined;
}
