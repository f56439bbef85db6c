import type { Language } from '@telehealth/contracts';
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { NewPasswordToken, PasswordTokenPurpose } from './password-tokens';

/** The account a set-password link was issued for (what its email needs). */
export interface TokenAccount {
  id: string;
  email: string;
  name: string;
  /** What the reset email is written in. */
  language: Language;
}

/** Set-password links (invitations, resets): stored as hashes, issued and used up here. */
@Injectable()
export class PasswordTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A RESET token for the active account with this email, in one statement whether or not there is
   * one (a forgotten-password request takes as long either way); undefined when there is none. A
   * guest of a visit has no account to reset (and its placeholder address receives no mail).
   */
  async issueReset(tx: Prisma.TransactionClient, email: string, token: NewPasswordToken): Promise<TokenAccount | undefined> {
    const rows = await tx.$queryRaw<TokenAccount[]>`
      WITH account AS (
        SELECT id, email, name, language::text AS language FROM users WHERE email = ${email} AND deactivated_at IS NULL AND role <> 'GUEST'
      ), issued AS (
        INSERT INTO password_tokens (id, user_id, purpose, token_hash, expires_at)
        SELECT gen_random_uuid(), id, 'RESET', ${token.tokenHash}, ${token.expiresAt} FROM account
        RETURNING user_id
      )
      SELECT account.id, account.email, account.name, account.language FROM account JOIN issued ON issued.user_id = account.id`;
    return rows[0];
  }

  /**
   * Uses the token (once, unexpired, of an active account): stores the new password hash, voids
   * every other open link of the account and revokes its tokens (every device is signed out), in
   * one transaction. Undefined when the token is unknown, used, expired or its account deactivated.
   */
  async consume(tokenHash: string, passwordHash: string): Promise<{ userId: string; purpose: PasswordTokenPurpose } | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const [used] = await tx.$queryRaw<Array<{ userId: string; purpose: PasswordTokenPurpose }>>`
        UPDATE password_tokens AS t SET used_at = now()
          FROM users AS u
         WHERE t.token_hash = ${tokenHash} AND t.used_at IS NULL AND t.expires_at > now()
           AND u.id = t.user_id AND u.deactivated_at IS NULL
        RETURNING t.user_id AS "userId", t.purpose::text AS purpose`;
      if (!used) return undefined;
      await tx.$executeRaw`
        UPDATE users SET password_hash = ${passwordHash}, tokens_valid_after = now(), updated_at = now() WHERE id = ${used.userId}::uuid`;
      await tx.$executeRaw`UPDATE password_tokens SET used_at = now() WHERE user_id = ${used.userId}::uuid AND used_at IS NULL`;
      return used;
    });
  }
}
