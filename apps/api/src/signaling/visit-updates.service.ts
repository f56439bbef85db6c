import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { VisitUpdatedEvent } from '@telehealth/contracts';
import { VisitEvents } from '../common/visit-events';
import { VisitRepository } from '../visits/visit.repository';
import { accountChannel } from './membership';
import { SignalingNamespace } from './signaling-namespace';
import { WaitingRoom } from './waiting-room.service';

/**
 * `visit-updated`: whenever a visit changes (VisitEvents), every connected socket of its doctor
 * and its patient hears its state now, in a room or not, on every API process (the account
 * channels reach them through the Socket.IO adapter). The state is read after the change
 * committed, so two changes in quick succession end with the newer state on every screen.
 */
@Injectable()
export class VisitUpdates implements OnModuleInit, OnModuleDestroy {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly visitEvents: VisitEvents,
    private readonly visits: VisitRepository,
    private readonly waitingRoom: WaitingRoom,
    private readonly namespace: SignalingNamespace,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.visitEvents.onChanged((appointmentId) => this.tell(appointmentId));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async tell(appointmentId: string): Promise<void> {
    const namespace = this.namespace.peek();
    const visit = namespace ? await this.visits.stateOf(appointmentId) : undefined;
    if (!namespace || !visit) return;
    const event: VisitUpdatedEvent = {
      appointmentId,
      sessionId: visit.sessionId,
      status: visit.status,
      startsAt: visit.startsAt.toISOString(),
      endsAt: visit.endsAt.toISOString(),
      sessionStatus: visit.sessionStatus,
      patientWaitingSince: visit.status === 'SCHEDULED' ? await this.waitingRoom.waitingSince(visit.doctorId, appointmentId) : null,
    };
    namespace.to([accountChannel(visit.doctorId), accountChannel(visit.patientId)]).emit('visit-updated', event);
  }
}
