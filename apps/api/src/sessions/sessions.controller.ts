import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ListSessionsQuery,
  NotesResponse,
  SaveNotesRequest,
  SessionDetailResponse,
  SessionPage,
  ZListSessionsQuerySchema,
  ZSaveNotesRequestSchema,
} from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { ClientAddress, CurrentUser } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { NotesService } from './notes.service';
import { SessionReportService } from './report/session-report.service';
import { SessionsService } from './sessions.service';

/**
 * The visit after it happened: history, detail, the doctor's notes and the PDF report.
 * No role guard: whoever is not the visit's doctor or patient gets 404 from the services, so ids do not leak.
 */
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly notes: NotesService,
    private readonly reports: SessionReportService,
  ) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(ZListSessionsQuerySchema)) query: ListSessionsQuery,
  ): Promise<SessionPage> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<SessionDetailResponse> {
    return this.sessions.get(user, id, ip);
  }

  @Get(':id/notes')
  getNotes(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<NotesResponse> {
    return this.notes.get(user, id, ip);
  }

  @Put(':id/notes')
  saveNotes(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZSaveNotesRequestSchema)) body: SaveNotesRequest,
    @ClientAddress() ip?: string,
  ): Promise<NotesResponse> {
    return this.notes.save(user, id, body, ip);
  }

  @Get(':id/report.pdf')
  report(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<StreamableFile> {
    return this.reports.report(user, id, ip);
  }
}
