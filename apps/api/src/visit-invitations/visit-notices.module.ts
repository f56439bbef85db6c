import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { VisitLinksModule } from '../visit-links/visit-links.module';
import { VisitNoticesService } from './visit-notices.service';

/** The link and the email a booking, reschedule or cancellation causes (used by AppointmentsModule, in its transactions). */
@Module({ imports: [VisitLinksModule, MailModule], providers: [VisitNoticesService], exports: [VisitNoticesService] })
export class VisitNoticesModule {}
