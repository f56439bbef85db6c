import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { VisitLinksModule } from '../visit-links/visit-links.module';
import { VisitInvitationsController } from './visit-invitations.controller';
import { VisitInvitationsService } from './visit-invitations.service';

/** The invitation a doctor copies and the visit's calendar file (the emails a change causes: VisitNoticesModule). */
@Module({
  imports: [AccessModule, AppointmentsModule, VisitLinksModule],
  controllers: [VisitInvitationsController],
  providers: [VisitInvitationsService],
})
export class VisitInvitationsModule {}
