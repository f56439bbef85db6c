import { Module } from '@nestjs/common';
import { SessionTimelineService } from './session-timeline.service';

@Module({ providers: [SessionTimelineService], exports: [SessionTimelineService] })
export class SessionsModule {}
