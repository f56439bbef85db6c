import { Inject, Injectable } from '@nestjs/common';
import type { ChoosePasswordRequest, ForgotPasswordRequest, ForgotPasswordResponse, ResetPasswordRequest } from '@telehealth/contracts';
import argon2 from 'argon2';
import { AuditService } from '../audit/audit.service';
import { AccountEvents } from '../common/account-events';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaService } from '../prisma/prisma.service';
import { OutboxService } from '../mail/outbox.service';
import { passwordResetEmail } from './account-emails';
import { PasswordResetThrottleService } from './password-reset-throttle.service';
import { hashPasswordToken, newPasswordToken, setPasswordLink } from './password-tokens';
import { PasswordTokensRepository } from './password-tokens.repository';
import type { RequestContext } from '../common/request-context';
import { UsersRepository } from './users.repository';

/** The one answer to a forgotten-password request, whether or not the email has an account. */
export const FORGOT_PASSWORD_MESSAGE =
  'If this email address has an account, a link to set a new password is on its way. It works once, within an hour.';

export const INVALID_PASSWORD_TOKEN =
  'This set-password link is not valid: it was already used, has expired, or was replaced by a newer one. Ask for a new link.';

export const GUEST_HAS_NO_PASSWORD =
  'You are a guest of this visit: you come in by the link the doctor sent you, and there is no account to set a password for.';

/** Forgotten passwords and set-password links (staff invitations and resets). */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly tokens: PasswordTokensRepository,
    private readonly throttle: PasswordResetThrottleService,
    private readonly audit: AuditService,
    private readonly accountEvents: AccountEvents,
    private readonly outbox: OutboxService,
    private readonly users: UsersRepository,
  ) {}

  /**
   * The first password of an account made without one (a patient brought in by a visit link),
   * chosen while signed in: from then on the email and this password sign in. The session in use
   * goes on; 409 when the account already has a password (Forgot password changes it); 403 for a guest
   * of a visit (who has no account: see access/access-policy.ts).
   */
  async choose(ctx: RequestContext, request: ChoosePasswordRequest): Promise<void> {
    if (ctx.user.role === 'GUEST') throw ApiError.forbidden(GUEST_HAS_NO_PASSWORD);
    const passwordHash = await argon2.hash(request.password, { type: argon2.argon2id });
    if (!(await this.users.choosePassword(ctx.user.id, passwordHash))) {
      throw ApiError.conflict('This account already has a password: sign in with it, or use "Forgot password" to change it.');
    }
    await this.audit.record({
      actorId: ctx.user.id,
      action: 'auth.password.chosen',
      entityType: 'user',
      entityId: ctx.user.id,
      ip: ctx.ip,
    });
  }

  /**
   * Emails a reset link to an active account with this email, and answers the same either way
   * (one statement runs in both cases). Past the per-address limit: 429; past the per-email limit:
   * the same 202, and no email (so a mailbox cannot be flooded).
   */
  async forgot(request: ForgotPasswordRequest, ip = 'unknown'): Promise<ForgotPasswordResponse> {
    const limit = await this.throttle.attempt(request.email, ip);
    if (limit.error) {
      await this.audit.recordSecurityEvent({ actorId: null, action: 'auth.password.forgot.throttled', entityType: 'user', ip });
      throw limit.error;
    }
    const token = newPasswordToken('RESET');
    const account = limit.emailAllowed
      ? await this.prisma.$transaction(async (tx) => {
          const found = await this.tokens.issueReset(tx, request.email, token);
          if (found)
            await this.outbox.enqueue(tx, passwordResetEmail(found, setPasswordLink(this.config.WEB_ORIGIN, token.token), found.language));
          return found;
        })
      : undefined;
    await this.audit.recordSecurityEvent({
      actorId: null,
      action: 'auth.password.reset-requested',
      entityType: 'user',
      entityId: account?.id ?? null,
      ip,
      detail: { sent: account !== undefined, emailThrottled: !limit.emailAllowed },
    });
    return { message: FORGOT_PASSWORD_MESSAGE };
  }

  /** Sets the password with a set-password token (single use), then signs the account out everywhere. */
  async reset(request: ResetPasswordRequest, ip = 'unknown'): Promise<void> {
    const passwordHash = await argon2.hash(request.password, { type: argon2.argon2id });
    const used = await this.tokens.consume(hashPasswordToken(request.token), passwordHash);
    if (!used) {
      await this.audit.recordSecurityEvent({ actorId: null, action: 'auth.password.reset.refused', entityType: 'user', ip });
      throw ApiError.badRequest(INVALID_PASSWORD_TOKEN, 'validation_failed');
    }
    // Every token issued until now was revoked with the new password; close the open sockets too.
    await this.accountEvents.revoked(used.userId, 'credentials-changed');
    await this.audit.record({
      actorId: used.userId,
      action: 'auth.password.reset',
      entityType: 'user',
      entityId: used.userId,
      ip,
      detail: { purpose: used.purpose.toLowerCase() },
    });
  }
}
