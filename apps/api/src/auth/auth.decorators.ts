import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@telehealth/contracts';
import type { Request } from 'express';
import type { AuthenticatedUser, AuthUser } from './auth-user';

export const IS_PUBLIC = 'telehealth:isPublic';
export const ALLOWED_ROLES = 'telehealth:allowedRoles';
export const VISIT_LINK_ALLOWED = 'telehealth:visitLinkAllowed';

/** The route needs no access token. Every other route does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 for others); ownership is checked by the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/**
 * A session opened by a visit link may call the route (on its own visit: the access policy
 * decides). Every other route refuses it (403, `visit_link_only`).
 */
export const VisitLinkAllowed = () => SetMetadata(VISIT_LINK_ALLOWED, true);

export type AuthenticatedRequest = Request & { user: AuthUser; session: AuthenticatedUser };

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The caller with the sign-in session behind the access token (its issue time and expiry). */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);

/**
 * The caller's address, as the sign-in limits and the audit log see it: the TCP peer, or, behind
 * the proxies TRUST_PROXY names, the address the nearest untrusted hop gave (Express's req.ip).
 */
export const ClientAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<Request>().ip,
);
