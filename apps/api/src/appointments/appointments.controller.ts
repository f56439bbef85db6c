import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  AppointmentPage,
  AppointmentResponse,
  CreateAppointmentRequest,
  ListAppointmentsQuery,
  UpdateAppointmentRequest,
  ZCreateAppointmentRequestSchema,
  ZListAppointmentsQuerySchema,
  ZUpdateAppointmentRequestSchema,
} from '@telehealth/contracts';
import { Audited, pageDetail } from '../audit/audited.decorator';
import { Roles, VisitLinkAllowed } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AppointmentsService } from './appointments.service';

@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Post()
  @Roles('DOCTOR')
  @Audited<AppointmentResponse>({ action: 'appointment.create', entityType: 'appointment', kind: 'change', entityId: (row) => row.id })
  create(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(ZCreateAppointmentRequestSchema)) body: CreateAppointmentRequest,
  ): Promise<AppointmentResponse> {
    return this.appointments.create(ctx, body);
  }

  @Get()
  @Audited<AppointmentPage>({ action: 'appointment.list', entityType: 'appointment', kind: 'read', detail: pageDetail })
  list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodValidationPipe(ZListAppointmentsQuerySchema)) query: ListAppointmentsQuery,
  ): Promise<AppointmentPage> {
    return this.appointments.list(ctx, query);
  }

  @VisitLinkAllowed()
  @Get(':id')
  @Audited({ action: 'appointment.read', entityType: 'appointment', kind: 'read' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<AppointmentResponse> {
    return this.appointments.get(ctx, id);
  }

  @Patch(':id')
  @Roles('DOCTOR', 'PATIENT')
  @Audited<AppointmentResponse>({
    action: (request) =>
      (request.body as UpdateAppointmentRequest).status === 'CANCELLED' ? 'appointment.cancel' : 'appointment.reschedule',
    entityType: 'appointment',
    kind: 'change',
    detail: (row, request) => ((request.body as UpdateAppointmentRequest).status === 'CANCELLED' ? undefined : { to: row.startsAt }),
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZUpdateAppointmentRequestSchema)) body: UpdateAppointmentRequest,
  ): Promise<AppointmentResponse> {
    return this.appointments.update(ctx, id, body);
  }
}
