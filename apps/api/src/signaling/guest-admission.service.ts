import { Inject, Injectable } from '@nestjs/common';
import { Ack, ZGuestDecisionRequestSchema } from '@telehealth/contracts';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NOT_IN_ROOM, parse } from './acks';
import { currentMembership, SignalingSocket } from './membership';
import { RoomEffects } from './room-effects.service';
import { RoomStates } from './room-states';

/**
 * `admit-guest` and `decline-guest`: the doctor, in the call, answers a guest waiting in the
 * lobby. Who may decide, and whether the guest still waits, is the room engine's rule.
 */
@Injectable()
export class GuestAdmission {
  constructor(
    private readonly rooms: RoomStates,
    private readonly effects: RoomEffects,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  admit(socket: SignalingSocket, payload: unknown): Promise<Ack> {
    return this.decide(socket, payload, 'admit');
  }

  decline(socket: SignalingSocket, payload: unknown): Promise<Ack> {
    return this.decide(socket, payload, 'decline');
  }

  private async decide(socket: SignalingSocket, payload: unknown, decision: 'admit' | 'decline'): Promise<Ack> {
    const request = parse(ZGuestDecisionRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const { user, ip } = socket.data.context;
    const { guestId } = request.data;
    const now = new Date().toISOString();
    const transition = await this.rooms.apply(
      membership,
      decision === 'admit'
        ? { type: 'admit', userId: user.id, guestId, now, capacity: this.config.ROOM_CAPACITY }
        : { type: 'decline', userId: user.id, guestId, now },
    );
    if (transition.error) return transition.error;
    await Promise.all([
      this.effects.perform(transition.effects, membership, socket.data.context),
      this.audit.record({
        actorId: user.id,
        action: decision === 'admit' ? 'visit-guest.admit' : 'visit-guest.decline',
        entityType: 'session',
        entityId: membership.sessionId,
        ip,
        detail: { guestId },
      }),
    ]);
    return { ok: true };
  }
}
