import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Ack } from '@telehealth/contracts';
import type { RequestContext } from '../common/request-context';
import { LiveVisit, VisitLifecycleService, VisitRooms } from '../visits/visit-lifecycle.service';
import { NOT_IN_ROOM } from './acks';
import { currentMembership, Membership, membershipOf, SignalingSocket } from './membership';
import { RoomEffects } from './room-effects.service';
import { RoomStates } from './room-states';

/**
 * Ends a visit's room: `end-session` from the call goes through the visit's lifecycle (who may
 * end it), which comes back here, as an end from the visit's record does, to close the room.
 */
@Injectable()
export class RoomCloser implements VisitRooms, OnModuleInit {
  constructor(
    private readonly lifecycle: VisitLifecycleService,
    private readonly rooms: RoomStates,
    private readonly effects: RoomEffects,
  ) {}

  onModuleInit(): void {
    this.lifecycle.useRooms(this);
  }

  /** `end-session`: the doctor ends the visit from its call. */
  async endFromSocket(socket: SignalingSocket): Promise<Ack<{ endedAt: string }>> {
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const ended = await this.lifecycle.endFromCall(socket.data.context, membership);
    if (ended.ok) socket.data.membership = undefined;
    return ended;
  }

  /** Closes the room (the room engine refuses a room already ended), then performs the end: written first, then told. */
  async end(visit: LiveVisit, ctx: RequestContext): Promise<Ack<{ endedAt: string }>> {
    const membership: Membership = membershipOf(visit, { userId: ctx.user.id, name: ctx.user.name, role: 'DOCTOR' });
    const endedAt = new Date().toISOString();
    const transition = await this.rooms.apply(membership, { type: 'end', userId: ctx.user.id, now: endedAt });
    if (transition.error) return transition.error;
    await this.effects.perform(transition.effects, membership, ctx);
    return { ok: true, endedAt };
  }
}
