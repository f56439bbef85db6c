import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { InviteGuestRequest, InviteGuestResponse, VisitGuestListResponse, ZInviteGuestRequestSchema } from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { VisitGuestsService } from './visit-guests.service';

/**
 * A visit's guests, for its doctor. Beside AppointmentsController under the same prefix (its `:id`
 * matches one path segment). The removal is audited by the service, which the call's
 * `remove-participant` uses too; never the guest's name or email in an audit row.
 */
@Controller('appointments')
export class VisitGuestsController {
  constructor(private readonly guests: VisitGuestsService) {}

  @Post(':id/guests')
  @Roles('DOCTOR')
  @Audited<InviteGuestResponse>({
    action: 'visit-guest.invite',
    entityType: 'appointment',
    kind: 'change',
    detail: (invited, request) => ({
      guestId: invited.guestId,
      guestRole: (request.body as InviteGuestRequest).role,
      emailed: typeof (request.body as InviteGuestRequest).email === 'string',
    }),
  })
  invite(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZInviteGuestRequestSchema)) body: InviteGuestRequest,
  ): Promise<InviteGuestResponse> {
    return this.guests.invite(ctx, id, body);
  }

  @Get(':id/guests')
  @Roles('DOCTOR')
  @Audited<VisitGuestListResponse>({
    action: 'visit-guest.list',
    entityType: 'appointment',
    kind: 'read',
    detail: (list) => ({ shown: list.items.length }),
  })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<VisitGuestListResponse> {
    return this.guests.list(ctx, id);
  }

  @Delete(':id/guests/:guestId')
  @Roles('DOCTOR')
  @HttpCode(204)
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('guestId') guestId: string): Promise<void> {
    return this.guests.remove(ctx, id, guestId);
  }
}
