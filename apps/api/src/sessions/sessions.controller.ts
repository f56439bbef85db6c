import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  EndSessionResponse,
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
import { SignalingService } from '../signaling/signaling.service';
import { NotesService } from './notes.service';
import { SessionReportService } from './report/session-report.service';
import { SessionsService } from './sessions.service';

/**
 * The visit after it happened: history, detail, ending a visit left open, the doctor's notes and the PDF report.
 * No role guard: whoever is not the visit's doctor or patient gets 404 from the services, so ids do not leak.
 */
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly notes: NotesService,
    private readonly reports: SessionReportService,
    private readonly signaling: SignalingService,
  ) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(ZListSessionsQuerySchema)) query: ListSessionsQuery,
    @ClientAddress() ip?: string,
  ): Promise<SessionPage> {
    return this.sessions.list(user, query, ip);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<SessionDetailResponse> {
    return this.sessions.get(user, id, ip);
  }

  /** Ends a visit whose call was left open; the room, if anyone is still in it, is told (the live side owns rooms). */
  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<EndSessionResponse> {
    return this.signaling.endFromRecord(user, id, ip);
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
