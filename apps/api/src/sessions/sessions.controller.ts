import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  AppointmentResponse,
  EndSessionResponse,
  ListSessionsQuery,
  NotesResponse,
  SaveNotesRequest,
  SessionDetailResponse,
  SessionPage,
  ZListSessionsQuerySchema,
  ZSaveNotesRequestSchema,
} from '@telehealth/contracts';
import { AppointmentsService } from '../appointments/appointments.service';
import { Audited, pageDetail } from '../audit/audited.decorator';
import { VisitLinkAllowed } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { VisitLifecycleService } from '../visits/visit-lifecycle.service';
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
    private readonly appointments: AppointmentsService,
    private readonly lifecycle: VisitLifecycleService,
  ) {}

  @Get()
  @Audited<SessionPage>({ action: 'session.list', entityType: 'session', kind: 'read', detail: pageDetail })
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(ZListSessionsQuerySchema)) query: ListSessionsQuery): Promise<SessionPage> {
    return this.sessions.list(ctx, query);
  }

  @VisitLinkAllowed()
  @Get(':id')
  @Audited({ action: 'session.read', entityType: 'session', kind: 'read' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<SessionDetailResponse> {
    return this.sessions.get(ctx, id);
  }

  /** The appointment of this visit, for the visit page (its doctor and patient; 404 for anyone else). */
  @VisitLinkAllowed()
  @Get(':id/appointment')
  @Audited<AppointmentResponse>({ action: 'appointment.read', entityType: 'appointment', kind: 'read', entityId: (row) => row.id })
  appointment(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<AppointmentResponse> {
    return this.appointments.getBySession(ctx, id);
  }

  /** Ends a visit whose call was left open; the room, if anyone is still in it, is told (the live side owns rooms). */
  @Post(':id/end')
  @HttpCode(200)
  end(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<EndSessionResponse> {
    return this.lifecycle.endFromRecord(ctx, id);
  }

  @Get(':id/notes')
  @Audited({ action: 'notes.read', entityType: 'session', kind: 'read' })
  getNotes(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<NotesResponse> {
    return this.notes.get(ctx, id);
  }

  @Put(':id/notes')
  @Audited<NotesResponse>({
    action: 'notes.update',
    entityType: 'session',
    kind: 'change',
    detail: (notes) => ({ version: notes.version }),
  })
  saveNotes(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZSaveNotesRequestSchema)) body: SaveNotesRequest,
  ): Promise<NotesResponse> {
    return this.notes.save(ctx, id, body);
  }

  @VisitLinkAllowed()
  @Get(':id/report.pdf')
  @Audited({
    action: 'report.read',
    entityType: 'session',
    kind: 'read',
    detail: (_file, request) => ({ copy: request.user.role === 'DOCTOR' ? 'doctor' : 'patient' }),
  })
  report(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<StreamableFile> {
    return this.reports.report(ctx, id);
  }
}
