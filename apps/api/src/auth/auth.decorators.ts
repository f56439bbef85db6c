import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@telehealth/contracts';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'telehealth:isPublic';
export const ALLOWED_ROLES = 'telehealth:allowedRoles';

/** The route needs no access token. Every other route does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (403 for others); ownership is checked by the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type AuthenticatedRequest = Request & { user: AuthUser };

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The caller's address, as recorded in the audit log. */
export const ClientAddress = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<Request>().ip,
);
