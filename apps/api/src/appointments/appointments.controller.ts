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
import { AuthUser } from '../auth/auth-user';
import { ClientAddress, CurrentUser, Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AppointmentsService } from './appointments.service';

@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Post()
  @Roles('DOCTOR')
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(ZCreateAppointmentRequestSchema)) body: CreateAppointmentRequest,
    @ClientAddress() ip?: string,
  ): Promise<AppointmentResponse> {
    return this.appointments.create(user, body, ip);
  }

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(ZListAppointmentsQuerySchema)) query: ListAppointmentsQuery,
  ): Promise<AppointmentPage> {
    return this.appointments.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string, @ClientAddress() ip?: string): Promise<AppointmentResponse> {
    return this.appointments.get(user, id, ip);
  }

  @Patch(':id')
  @Roles('DOCTOR', 'PATIENT')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZUpdateAppointmentRequestSchema)) body: UpdateAppointmentRequest,
    @ClientAddress() ip?: string,
  ): Promise<AppointmentResponse> {
    return this.appointments.update(user, id, body, ip);
  }
}
