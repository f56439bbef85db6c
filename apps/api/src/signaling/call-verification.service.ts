import { Injectable } from '@nestjs/common';
import { Ack, CallVerifiedEvent, ZVerifyCallRequestSchema } from '@telehealth/contracts';
import { seatOf } from '@telehealth/room-engine';
import { decideAccess } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { VisitLifecycleService } from '../visits/visit-lifecycle.service';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { currentMembership, roomChannel, SignalingSocket } from './membership';
import { RoomStates } from './room-states';
import { SignalingNamespace } from './signaling-namespace';

/**
 * `verify-call`: the visit's doctor read the verified-call code aloud with someone in the call and
 * both saw the same digits, so nobody sat in the middle of their connection. Goes on the timeline
 * and the audit log before the room is told (everyone, the doctor's other tabs too).
 */
@Injectable()
export class CallVerification {
  constructor(
    private readonly rooms: RoomStates,
    private readonly lifecycle: VisitLifecycleService,
    private readonly audit: AuditService,
    private readonly namespace: SignalingNamespace,
  ) {}

  async verify(socket: SignalingSocket, payload: unknown): Promise<Ack<{ verifiedAt: string }>> {
    const request = parse(ZVerifyCallRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const { user, ip } = socket.data.context;
    const access = decideAccess(user, 'visit.verify', membership);
    if (!access.ok) return access;
    const { peerId, code } = request.data;
    if (peerId === user.id) return refused(400, 'validation_failed', 'peerId: must be someone else in your visit.');
    const room = await this.rooms.current(membership);
    // Seated and connected now: the code was read aloud with someone in the call.
    if (!room || !seatOf(room, peerId)?.socketId) return refused(409, 'not_in_room', 'peerId: this person is not in the call right now.');

    const at = new Date();
    await Promise.all([
      this.lifecycle.record(membership.sessionId, [{ type: 'CALL_VERIFIED', userId: user.id, detail: { peer: peerId, code } }], at),
      this.audit.record({
        actorId: user.id,
        action: 'session.call_verified',
        entityType: 'session',
        entityId: membership.sessionId,
        ip,
        detail: { peerId },
      }),
    ]);
    const event: CallVerifiedEvent = { by: user.id, peerId, code, at: at.toISOString() };
    this.namespace.get().to(roomChannel(membership.roomId)).emit('call-verified', event);
    return { ok: true, verifiedAt: event.at };
  }
}
