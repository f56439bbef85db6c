import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { VisitGuestsRepository } from '../visit-guests/visit-guests.repository';
import { VisitLinksModule } from '../visit-links/visit-links.module';
import { VisitNoticesService } from './visit-notices.service';

/** The links and the emails a booking, reschedule or cancellation causes (used by AppointmentsModule, in its transactions). */
@Module({
  imports: [VisitLinksModule, MailModule],
  providers: [VisitNoticesService, VisitGuestsRepository],
  exports: [VisitNoticesService],
})
export class VisitNoticesModule {}
