import { Injectable } from '@nestjs/common';
import type { AuthResponse, LoginRequest, RegisterRequest } from '@telehealth/contracts';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { PrismaService } from '../prisma/prisma.service';
import { isUniqueViolation } from '../prisma/database-errors';
import { AuthUser, toUserResponse } from './auth-user';
import { AuditService } from '../audit/audit.service';
import { LoginThrottleService } from './login-throttle.service';
import { TokenService } from './token.service';

// Verified when an email is unknown, so a login takes as long whether or not the account exists.
let dummyHash: Promise<string> | undefined;
function unknownAccountHash(): Promise<string> {
  dummyHash ??= argon2.hash(randomBytes(32), { type: argon2.argon2id });
  return dummyHash;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  async register(request: RegisterRequest): Promise<AuthResponse> {
    const passwordHash = await argon2.hash(request.password, { type: argon2.argon2id });
    try {
      const user = await this.prisma.user.create({
        data: { email: request.email, name: request.name, timeZone: request.timeZone, role: 'PATIENT', passwordHash },
      });
      return this.issue(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict('An account with this email already exists; sign in instead.');
      throw error;
    }
  }

  async login(request: LoginRequest, ip = 'unknown'): Promise<AuthResponse> {
    await this.throttle.check(request.email, ip);
    const user = await this.prisma.user.findUnique({ where: { email: request.email } });
    const valid = await argon2.verify(user?.passwordHash ?? (await unknownAccountHash()), request.password).catch(() => false);
    if (!user || !valid) {
      await this.throttle.failed(request.email, ip);
      throw ApiError.unauthorized('The email or password is incorrect.');
    }
    await this.throttle.succeeded(request.email);
    return this.issue(user);
  }

  /** The user behind a token, or undefined when the token is bad, expired, revoked by a sign-out, or the account is gone. */
  async authenticate(token: string): Promise<AuthUser | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims || !isUuid(claims.sub)) return undefined;
    // Every request and socket join passes here: plain SQL, one round trip.
    const { rows } = await this.prisma.sql.query<AuthUser & { tokensValidAfter: Date | null }>(
      `SELECT id, email, name, role, time_zone AS "timeZone", tokens_valid_after AS "tokensValidAfter" FROM users WHERE id = $1`,
      [claims.sub],
    );
    const user = rows[0];
    if (!user || (user.tokensValidAfter && claims.issuedAtMs < user.tokensValidAfter.getTime())) return undefined;
    const { tokensValidAfter: _revokedBefore, ...authUser } = user;
    return authUser;
  }

  /** Signs the user out everywhere: every token issued until now stops working, on REST and sockets. */
  async signOut(user: AuthUser, ip?: string): Promise<void> {
    await this.prisma.user.update({ where: { id: user.id }, data: { tokensValidAfter: new Date() } });
    await this.audit.record({ actorId: user.id, action: 'auth.sign-out', entityType: 'user', entityId: user.id, ip });
  }

  private issue(user: AuthUser): AuthResponse {
    const { token, expiresAt } = this.tokens.sign(user.id, user.role);
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserResponse(user) };
  }
}
