import { HttpException, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Ack, ErrorResponse, ZRemoveParticipantRequestSchema } from '@telehealth/contracts';
import { VisitEvents } from '../common/visit-events';
import { VisitGuestsService } from '../visit-guests/visit-guests.service';
import { toLiveVisit } from '../visits/visit-lifecycle.service';
import { VisitRepository } from '../visits/visit.repository';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { accountChannel, currentMembership, membershipOf, SignalingSocket } from './membership';
import { RoomEffects } from './room-effects.service';
import { RoomStates } from './room-states';
import { SignalingNamespace } from './signaling-namespace';

/**
 * A guest leaves the visit for good. `remove-participant` in the call asks the visit-guests
 * service (the same removal as `DELETE /api/appointments/:id/guests/:guestId`, with its checks,
 * its audit and the link's revocation); every removal, however it came, then reaches the room
 * through VisitEvents: the guest is told and loses their seat or their place in the lobby, the
 * others are told they left, and the guest's sockets close on every API process.
 */
@Injectable()
export class GuestRemoval implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Signaling');
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly guests: VisitGuestsService,
    private readonly visitEvents: VisitEvents,
    private readonly visits: VisitRepository,
    private readonly rooms: RoomStates,
    private readonly effects: RoomEffects,
    private readonly namespace: SignalingNamespace,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.visitEvents.onGuestRemoved((removal) => this.takeOut(removal));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async remove(socket: SignalingSocket, payload: unknown): Promise<Ack> {
    const request = parse(ZRemoveParticipantRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    if (request.data.userId === membership.patientId) {
      return refused(409, 'conflict', 'The patient cannot be removed from their own visit; end the visit instead.');
    }
    try {
      await this.guests.remove(socket.data.context, membership.appointmentId, request.data.userId);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      const body = error.getResponse() as ErrorResponse;
      return refused(body.code, body.reason, body.error);
    }
    return { ok: true };
  }

  private async takeOut({ appointmentId, guestId }: { appointmentId: string; guestId: string }): Promise<void> {
    const visit = await this.visits.byAppointment(appointmentId);
    if (visit) {
      const membership = membershipOf(toLiveVisit(visit), { userId: guestId, name: '', role: 'GUEST' });
      const transition = await this.rooms.apply(membership, { type: 'remove', guestId, now: new Date().toISOString() });
      await this.effects.perform(transition.effects, membership);
    }
    // Sockets not in the room (a page still at the device check) close too; their link no longer signs in.
    this.namespace.peek()?.in(accountChannel(guestId)).disconnectSockets(true);
    this.logger.log(`guest ${guestId} removed from a visit`);
  }
}
