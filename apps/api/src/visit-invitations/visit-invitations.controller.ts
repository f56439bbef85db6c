import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import type { VisitInvitationResponse } from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Roles, VisitLinkAllowed } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { VisitInvitationsService } from './visit-invitations.service';

/** Beside AppointmentsController under the same prefix: its `:id` matches one path segment, so these routes never reach it. */
@Controller('appointments')
export class VisitInvitationsController {
  constructor(private readonly invitations: VisitInvitationsService) {}

  @Get(':id/invitation')
  @Roles('DOCTOR')
  @Audited({ action: 'appointment.invitation.read', entityType: 'appointment', kind: 'read' })
  invitation(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<VisitInvitationResponse> {
    return this.invitations.invitation(ctx, id);
  }

  @VisitLinkAllowed()
  @Get(':id/calendar.ics')
  @Audited({ action: 'appointment.calendar.read', entityType: 'appointment', kind: 'read' })
  calendar(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<StreamableFile> {
    return this.invitations.calendarFile(ctx, id);
  }
}
