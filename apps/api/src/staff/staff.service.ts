import { Inject, Injectable } from '@nestjs/common';
import type { InviteStaffRequest, StaffListResponse, StaffMember, UpdateStaffRequest } from '@telehealth/contracts';
import { AccessService } from '../access/access.service';
import { staffInvitationEmail } from '../auth/account-emails';
import { newPasswordToken, setPasswordLink } from '../auth/password-tokens';
import { AccountEvents } from '../common/account-events';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxService } from '../mail/outbox.service';
import { PrismaService } from '../prisma/prisma.service';
import { toStaffMember } from './staff.mapper';
import { StaffRepository } from './staff.repository';

export const STAFF_NOT_FOUND = 'No staff member with this id was found.';
export const EMAIL_TAKEN = 'An account with this email address already exists.';
export const CANNOT_DEACTIVATE_SELF = 'You cannot deactivate your own account: ask another admin to do it.';

/** The clinic's doctors and admins: invitations, the list, deactivation and reactivation (admins). */
@Injectable()
export class StaffService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly staff: StaffRepository,
    private readonly access: AccessService,
    private readonly accountEvents: AccountEvents,
    private readonly outbox: OutboxService,
  ) {}

  /** Creates the account without a password and emails its set-password link (72 hours, once), in one transaction. */
  async invite(ctx: RequestContext, request: InviteStaffRequest): Promise<StaffMember> {
    this.access.require(ctx, 'staff.manage');
    const invitation = newPasswordToken('INVITATION');
    const row = await this.prisma.$transaction(async (tx) => {
      const language = request.language ?? ctx.user.language;
      const created = await this.staff.insertInvited(tx, { ...request, language, invitedById: ctx.user.id, invitation });
      if (created)
        await this.outbox.enqueue(tx, staffInvitationEmail(request, setPasswordLink(this.config.WEB_ORIGIN, invitation.token), language));
      return created;
    });
    if (!row) throw ApiError.conflict(EMAIL_TAKEN);
    return toStaffMember(row);
  }

  async list(ctx: RequestContext): Promise<StaffListResponse> {
    this.access.require(ctx, 'staff.manage');
    return { items: (await this.staff.list()).map(toStaffMember) };
  }

  /**
   * Deactivates or reactivates a doctor or admin. A deactivated account cannot sign in, its tokens
   * are refused from now on and its sockets close on every API process; its history stays.
   */
  async setActive(ctx: RequestContext, id: string, request: UpdateStaffRequest): Promise<StaffMember> {
    this.access.require(ctx, 'staff.manage');
    if (!isUuid(id)) throw ApiError.notFound(STAFF_NOT_FOUND);
    if (id === ctx.user.id && !request.active) throw ApiError.forbidden(CANNOT_DEACTIVATE_SELF);
    const row = await this.staff.setActive(id, request.active);
    if (!row) throw ApiError.notFound(STAFF_NOT_FOUND);
    if (!request.active) await this.accountEvents.revoked(id, 'deactivated');
    return toStaffMember(row);
  }
}
