import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { VisitsModule } from '../visits/visits.module';
import { NotesService } from './notes.service';
import { SessionReportService } from './report/session-report.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** The REST side of sessions: history, detail, notes, report (a visit's life is VisitsModule's, its live room signaling's). */
@Module({
  imports: [VisitsModule, AccessModule, AppointmentsModule],
  controllers: [SessionsController],
  providers: [SessionsService, SessionsRepository, NotesService, SessionReportService],
})
export class SessionHistoryModule {}
