import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { SignalingModule } from '../signaling/signaling.module';
import { VisitInvitationsModule } from '../visit-invitations/visit-invitations.module';
import { VisitsModule } from '../visits/visits.module';
import { PlainSignalingServer } from './plain-signaling.server';
import { RoomsController } from './rooms.controller';
import { Rooms } from './rooms.service';

/** The seed documents' protocols on the gateway's room engine: the room REST (`/api/rooms…`) and the plain WebSocket `/ws`. */
@Module({
  imports: [SignalingModule, AppointmentsModule, VisitInvitationsModule, VisitsModule],
  controllers: [RoomsController],
  providers: [Rooms, PlainSignalingServer],
})
export class PlainSignalingModule {}
