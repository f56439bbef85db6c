import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { MailModule } from '../mail/mail.module';
import { VisitLinksModule } from '../visit-links/visit-links.module';
import { ReminderSweepService } from './reminder-sweep.service';
import { RemindersRepository } from './reminders.repository';
import { VisitInvitationsController } from './visit-invitations.controller';
import { VisitInvitationsService } from './visit-invitations.service';

/**
 * The invitation a doctor copies, the visit's calendar file and the reminders before it (the emails a
 * change causes: VisitNoticesModule).
 */
@Module({
  imports: [AccessModule, AppointmentsModule, VisitLinksModule, MailModule],
  controllers: [VisitInvitationsController],
  providers: [VisitInvitationsService, ReminderSweepService, RemindersRepository],
  exports: [VisitInvitationsService],
})
export class VisitInvitationsModule {}
