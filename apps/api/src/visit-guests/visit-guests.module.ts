import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MailModule } from '../mail/mail.module';
import { VisitLinksModule } from '../visit-links/visit-links.module';
import { VisitGuestsController } from './visit-guests.controller';
import { VisitGuestsRepository } from './visit-guests.repository';
import { VisitGuestsService } from './visit-guests.service';

/** A visit's guests: invited, listed and removed by its doctor (REST, and the call's `remove-participant`). */
@Module({
  imports: [AccessModule, VisitLinksModule, MailModule],
  controllers: [VisitGuestsController],
  providers: [VisitGuestsService, VisitGuestsRepository],
  exports: [VisitGuestsService],
})
export class VisitGuestsModule {}
