import { Inject, Injectable, Logger } from '@nestjs/common';
import { Ack, JoinRoomAck, Participant, ZJoinRoomRequestSchema } from '@telehealth/contracts';
import { lobbyGuests, type RoomState } from '@telehealth/room-engine';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { toLiveVisit } from '../visits/visit-lifecycle.service';
import { parse, refused } from './acks';
import { ChatService } from './chat.service';
import { JoinAuthorization } from './join-authorization.service';
import { currentMembership, Membership, membershipOf, roomChannel, sharingIds, SignalingSocket, userChannel } from './membership';
import { NODE_LEASES, NodeLeases } from './node-leases';
import { RoomEffects } from './room-effects.service';
import { RoomStates } from './room-states';

const now = () => new Date().toISOString();

/**
 * A socket's seat in its visit's room: taking it (join), giving it up (leave), keeping it through
 * a dropped connection (drop, then recover or the grace's end). At most one room per socket.
 */
@Injectable()
export class RoomMembership {
  private readonly logger = new Logger('Signaling');

  constructor(
    private readonly authorization: JoinAuthorization,
    private readonly rooms: RoomStates,
    private readonly effects: RoomEffects,
    private readonly chat: ChatService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NODE_LEASES) private readonly leases: NodeLeases,
  ) {}

  /**
   * Takes the socket's seat in the visit's room; a guest the doctor has not admitted yet waits in
   * the lobby instead (`admitted: false`) and joins again when told `admitted`.
   */
  async join(socket: SignalingSocket, payload: unknown): Promise<Ack<JoinRoomAck>> {
    const request = parse(ZJoinRoomRequestSchema, payload);
    if (!request.ok) return request;
    const current = currentMembership(socket);
    if (current && current.roomId !== request.data.roomId)
      return refused(409, 'in_another_visit', 'You are in another visit; leave it first.');
    const verdict = await this.authorization.authorize(socket, request.data.roomId);
    if (!verdict.ok) return verdict;

    const { user, ip } = socket.data.context;
    const { visit } = verdict;
    const self: Participant = {
      userId: user.id,
      name: user.name,
      role: verdict.as,
      ...(verdict.guestRole ? { guestRole: verdict.guestRole } : {}),
    };
    const membership = membershipOf(toLiveVisit(visit), self);
    const transition = await this.rooms.apply(membership, {
      type: 'join',
      participant: self,
      socketId: socket.id,
      now: now(),
      capacity: this.config.ROOM_CAPACITY,
    });
    if (transition.error) return transition.error;

    sharingIds(membership, transition.state);
    // Kept in the lobby too, so that the socket's leave or drop takes the guest off the lobby.
    socket.data.membership = membership;
    if (transition.inLobby) {
      await Promise.all([
        this.hold(socket.id, membership),
        this.effects.perform(transition.effects, membership, socket.data.context),
        this.audit.record({ actorId: user.id, action: 'session.lobby', entityType: 'session', entityId: visit.sessionId, ip }),
      ]);
      const { sessionId, appointmentId } = visit;
      return { ok: true, admitted: false, sessionId, appointmentId, self, endsAt: visit.endsAt.toISOString() };
    }
    await socket.join([roomChannel(visit.roomId), userChannel(visit.roomId, user.id)]);
    // The chat is read only now that the socket is in the room's channel: a line stored after this
    // read reaches it as a chat-message, one stored before is in the page (none falls between).
    const [chat] = await Promise.all([
      this.chat.latest(visit.sessionId),
      this.hold(socket.id, membership),
      this.effects.perform(transition.effects, membership, socket.data.context),
      this.audit.record({ actorId: user.id, action: 'session.join', entityType: 'session', entityId: visit.sessionId, ip }),
    ]);
    return {
      ok: true,
      admitted: true,
      sessionId: visit.sessionId,
      appointmentId: visit.appointmentId,
      self: membership.self,
      peers: peersOf(transition.state, user.id),
      chat: chat.messages,
      chatHasMore: chat.hasMore,
      endsAt: visit.endsAt.toISOString(),
      lobby: user.id === visit.doctorId ? lobbyGuests(transition.state) : [],
    };
  }

  async leave(socket: SignalingSocket): Promise<Ack> {
    // A guest in the lobby has a membership but is not in the room's channels yet.
    const membership = socket.data.membership;
    if (!membership) return { ok: true };
    socket.data.membership = undefined;
    await socket.leave(roomChannel(membership.roomId));
    await socket.leave(userChannel(membership.roomId, membership.self.userId));
    const transition = await this.rooms.apply(membership, {
      type: 'leave',
      userId: membership.self.userId,
      socketId: socket.id,
      now: now(),
    });
    await Promise.all([this.effects.perform(transition.effects, membership), this.unhold(socket.id)]);
    return { ok: true };
  }

  /** A socket restored by connection-state recovery takes its seat back, or joins afresh if it was given up. */
  async recover(socket: SignalingSocket, membership: Membership): Promise<void> {
    const event = { type: 'recover', userId: membership.self.userId, socketId: socket.id, now: now() } as const;
    const transition = await this.rooms.apply(membership, event);
    if (!transition.error) {
      await Promise.all([this.effects.perform(transition.effects, membership), this.hold(socket.id, membership)]);
      return;
    }
    // The seat was given up meanwhile (grace over, or the visit ended): join afresh if still allowed.
    socket.data.membership = undefined;
    await socket.leave(roomChannel(membership.roomId));
    const rejoined = await this.join(socket, { roomId: membership.roomId });
    if (!rejoined.ok) socket.emit('session-ended', { sessionId: membership.sessionId, endedBy: '', endedAt: now() });
  }

  /** A dropped socket keeps its seat for the reconnect grace; the peer is told it is reconnecting. */
  async drop(socket: SignalingSocket, reason: string): Promise<void> {
    const membership = socket.data.membership;
    if (!membership) return;
    await Promise.all([this.dropSeat(membership, socket.id, reason), this.unhold(socket.id)]);
  }

  /**
   * The seat of `socketId` is kept for the grace, from now: for a socket of this process that
   * dropped, and for one of a process that stopped renewing its lease (NodeLeases), which another
   * process drops for it. A seat taken meanwhile by a newer socket stays as it is (the engine
   * drops only the seat of that very socket).
   */
  async dropSeat(membership: Membership, socketId: string, reason: string): Promise<void> {
    const grace = this.config.RECONNECT_GRACE_S;
    this.logger.log(`socket of ${membership.self.role.toLowerCase()} ${membership.self.userId} dropped (${reason}); seat kept ${grace} s`);
    const event = { type: 'drop', userId: membership.self.userId, socketId, now: now(), graceSeconds: grace } as const;
    const transition = await this.rooms.apply(membership, event);
    await this.effects.perform(transition.effects, membership);
  }

  /** The seat is this process's to keep: under its lease (a write beside the join's, never on the relay path). */
  private hold(socketId: string, membership: Membership): Promise<void> {
    return this.leases
      .hold({ membership, userId: membership.self.userId, socketId })
      .catch((error: unknown) => this.logger.warn(`seat of socket ${socketId} not put under this process's lease: ${String(error)}`));
  }

  private unhold(socketId: string): Promise<void> {
    return this.leases
      .release(socketId)
      .catch((error: unknown) => this.logger.warn(`seat of socket ${socketId} not taken off this process's lease: ${String(error)}`));
  }
}

function peersOf(state: RoomState, selfId: string): Participant[] {
  return state.seats
    .filter((seat) => seat.userId !== selfId && seat.socketId !== null)
    .map(({ userId, name, role }) => ({ userId, name, role }));
}
