import { Module } from '@nestjs/common';
import { SignalingModule } from '../signaling/signaling.module';
import { NotesService } from './notes.service';
import { SessionReportService } from './report/session-report.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** The REST side of sessions: history, detail, notes, report (the live side is SessionsModule + signaling). */
@Module({ imports: [SignalingModule], controllers: [SessionsController], providers: [SessionsService, NotesService, SessionReportService] })
export class SessionHistoryModule {}
