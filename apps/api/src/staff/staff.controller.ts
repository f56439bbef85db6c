import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  InviteStaffRequest,
  StaffListResponse,
  StaffMember,
  UpdateStaffRequest,
  ZInviteStaffRequestSchema,
  ZUpdateStaffRequestSchema,
} from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { StaffService } from './staff.service';

/** Admins only, by the access policy's `staff.manage`. */
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @HttpCode(201)
  @Audited<StaffMember>({
    action: 'staff.invite',
    entityType: 'user',
    kind: 'change',
    entityId: (member) => member.id,
    detail: (member) => ({ role: member.role }),
  })
  invite(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(ZInviteStaffRequestSchema)) body: InviteStaffRequest,
  ): Promise<StaffMember> {
    return this.staff.invite(ctx, body);
  }

  @Get()
  @Audited<StaffListResponse>({ action: 'staff.list', entityType: 'user', kind: 'read', detail: (list) => ({ shown: list.items.length }) })
  list(@Ctx() ctx: RequestContext): Promise<StaffListResponse> {
    return this.staff.list(ctx);
  }

  @Patch(':id')
  @Audited<StaffMember>({
    action: (request) => ((request.body as UpdateStaffRequest).active ? 'staff.reactivate' : 'staff.deactivate'),
    entityType: 'user',
    kind: 'change',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ZUpdateStaffRequestSchema)) body: UpdateStaffRequest,
  ): Promise<StaffMember> {
    return this.staff.setActive(ctx, id, body);
  }
}
