import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';

/**
 * Who asks, from where, in which request: what every service that checks access or writes the
 * audit log needs, travelling as one object (REST: `@Ctx()`; sockets: built once per socket).
 */
export interface RequestContext {
  user: AuthUser;
  /** The client's address by the TRUST_PROXY rule (Express's req.ip; the same rule for sockets). */
  ip: string | undefined;
  /** The X-Request-Id of a REST call (undefined on sockets). */
  requestId: string | undefined;
}

/** The request's context for a signed-in route (the auth guard has put `user` on the request). */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & { user: AuthUser; requestId?: string }>();
  const header = request.res?.getHeader('X-Request-Id');
  return { user: request.user, ip: request.ip, requestId: typeof header === 'string' ? header : undefined };
});
