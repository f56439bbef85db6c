import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { VisitLinkThrottleService } from './visit-link-throttle.service';
import { VisitLinksController } from './visit-links.controller';
import { VisitLinksRepository } from './visit-links.repository';
import { VisitLinksService } from './visit-links.service';

@Module({
  imports: [AuthModule],
  controllers: [VisitLinksController],
  providers: [VisitLinksService, VisitLinksRepository, VisitLinkThrottleService],
  exports: [VisitLinksService],
})
export class VisitLinksModule {}
