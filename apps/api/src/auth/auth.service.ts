import { AccountEvents } from '../common/account-events';
import { Inject, Injectable } from '@nestjs/common';
import {
  languageFromAcceptLanguage,
  type AuthResponse,
  type LoginRequest,
  type RegisterRequest,
  type RegisterResponse,
  type SignalingTicketResponse,
} from '@telehealth/contracts';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { RequestContext } from '../common/request-context';
import { AuthenticatedUser, AuthUser, toUserResponse } from './auth-user';
import { AuditService } from '../audit/audit.service';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationThrottleService } from './registration-throttle.service';
import { SignInFailedError } from './sign-in-errors';
import { TokenPurpose, TokenService } from './token.service';
import { UsersRepository } from './users.repository';

// Verified when an email is unknown, so a login takes as long whether or not the account exists.
let dummyHash: Promise<string> | undefined;
function unknownAccountHash(): Promise<string> {
  dummyHash ??= argon2.hash(randomBytes(32), { type: argon2.argon2id });
  return dummyHash;
}

/** The one answer to a registration, whether or not the email already had an account. */
export const REGISTER_MESSAGE = 'If this email address can be used, your account is ready: sign in with it and the password you chose.';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly registrations: RegistrationThrottleService,
    private readonly audit: AuditService,
    private readonly accountEvents: AccountEvents,
  ) {}

  /**
   * Creates a patient account unless the email is taken, and answers the same either way (the
   * same sentence, and about the same time: the password is hashed and one statement runs in
   * both cases), so registration does not tell who is a patient here.
   */
  async register(request: RegisterRequest, ip = 'unknown', acceptLanguage?: string): Promise<RegisterResponse> {
    const throttled = await this.registrations.attempt(ip);
    if (throttled) {
      await this.audit.recordSecurityEvent({ actorId: null, action: 'auth.register.throttled', entityType: 'user', ip });
      throw throttled;
    }
    const passwordHash = await argon2.hash(request.password, { type: argon2.argon2id });
    const row = await this.users.registerPatient({
      email: request.email,
      name: request.name,
      passwordHash,
      timeZone: request.timeZone,
      language: request.language ?? languageFromAcceptLanguage(acceptLanguage),
    });
    await this.audit.recordSecurityEvent({
      actorId: row?.created ? row.id : null,
      action: row?.created ? 'auth.register' : 'auth.register.email-taken',
      entityType: 'user',
      entityId: row?.id ?? null,
      ip,
    });
    return { message: REGISTER_MESSAGE };
  }

  async login(request: LoginRequest, ip = 'unknown'): Promise<AuthResponse> {
    const admitted = await this.throttle.attempt(request.email, ip);
    if ('error' in admitted) {
      await this.audit.recordSecurityEvent({
        actorId: null,
        action: 'auth.sign-in.throttled',
        entityType: 'user',
        ip,
        detail: { scope: admitted.scope, retryAfterSeconds: admitted.retryAfterSeconds },
      });
      throw admitted.error;
    }
    const user = await this.users.findByEmail(request.email);
    const valid = await argon2.verify(user?.passwordHash ?? (await unknownAccountHash()), request.password).catch(() => false);
    // A deactivated account is told exactly what a wrong password is told: no hint that it exists.
    // So is a guest of a visit: it has no password, and comes in by its visit link only.
    const guest = user?.role === 'GUEST';
    if (!user || !valid || user.deactivatedAt || guest) {
      await this.throttle.failed(request.email, ip);
      await this.audit.recordSecurityEvent({
        actorId: null,
        action: 'auth.sign-in.failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        ip,
        detail: {
          reason: !user ? 'unknown-account' : guest ? 'guest' : valid ? 'deactivated' : 'wrong-password',
          remainingAttempts: admitted.remainingAttempts,
          paused: admitted.remainingAttempts === 0,
        },
      });
      throw new SignInFailedError(admitted.remainingAttempts, this.config.LOGIN_LOCKOUT_MINUTES);
    }
    await this.throttle.succeeded(request.email, ip);
    await this.audit.recordSecurityEvent({ actorId: user.id, action: 'auth.sign-in', entityType: 'user', entityId: user.id, ip });
    return this.issue(user);
  }

  /**
   * The user behind a token, with the sign-in session it belongs to; undefined when the token is
   * bad, expired, revoked by a sign-out, the account is gone or deactivated, its visit link was revoked (a
   * reschedule, a cancellation, a guest's removal), or the token is not for `purpose`.
   * 'api' (REST) accepts access tokens only; 'signaling' (the socket handshake) accepts access
   * tokens and signaling tickets.
   */
  async authenticate(token: string, purpose: TokenPurpose = 'api'): Promise<AuthenticatedUser | undefined> {
    const claims = this.tokens.verify(token, purpose);
    if (!claims || !isUuid(claims.sub)) return undefined;
    if (claims.visit && !(isUuid(claims.visit.linkId) && isUuid(claims.visit.appointmentId))) return undefined;
    const user = await this.users.findForToken(claims.sub, claims.visit?.linkId);
    if (!user || (user.tokensValidAfter && claims.issuedAtMs < user.tokensValidAfter.getTime())) return undefined;
    // A guest only ever holds a session of its visit link; a token of a guest without one was not issued here.
    if (user.role === 'GUEST' && !claims.visit) return undefined;
    const { tokensValidAfter: _revokedBefore, ...authUser } = user;
    return {
      ...authUser,
      ...(claims.visit ? { visit: claims.visit } : {}),
      sessionExpiresAt: claims.sessionExpiresAt,
      sessionIssuedAtMs: claims.issuedAtMs,
    };
  }

  /** A short-lived ticket for the signaling socket, tied to the caller's sign-in session. */
  issueSignalingTicket(session: AuthenticatedUser): SignalingTicketResponse {
    const { token, expiresAt } = this.tokens.signTicket({
      sub: session.id,
      role: session.role,
      issuedAtMs: session.sessionIssuedAtMs,
      sessionExpiresAt: session.sessionExpiresAt,
      use: 'access',
      ...(session.visit ? { visit: session.visit } : {}),
    });
    return { ticket: token, expiresAt: expiresAt.toISOString() };
  }

  /** Signs the user out everywhere: every token issued until now stops working, on REST and sockets. */
  async signOut(ctx: RequestContext): Promise<void> {
    const { user, ip } = ctx;
    await this.users.revokeTokens(user.id);
    // The account's open sockets close too, on every API process, before the sign-out is answered.
    await this.accountEvents.revoked(user.id, 'signed-out');
    await this.audit.record({ actorId: user.id, action: 'auth.sign-out', entityType: 'user', entityId: user.id, ip });
  }

  private issue(user: AuthUser): AuthResponse {
    const { token, expiresAt } = this.tokens.sign(user.id, user.role);
    return { accessToken: token, expiresAt: expiresAt.toISOString(), user: toUserResponse(user) };
  }
}
