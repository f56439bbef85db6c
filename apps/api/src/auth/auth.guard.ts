import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@telehealth/contracts';
import { ApiError } from '../common/api-error';
import { toAuthUser } from './auth-user';
import { ALLOWED_ROLES, AuthenticatedRequest, IS_PUBLIC, VISIT_LINK_ALLOWED } from './auth.decorators';
import { AuthService } from './auth.service';

/**
 * Global: every route needs a valid bearer token unless marked @Public(), and the role it names. A
 * visit-link session (a patient's or a guest's) reaches only the routes marked @VisitLinkAllowed(),
 * where the access policy decides what it may see of its one visit.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Sockets are authenticated once, at the handshake (SocketSessions, at the door).
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // REST takes access tokens only: a signaling ticket is refused here (401).
    const session = match ? await this.auth.authenticate(match[1]!, 'api') : undefined;
    if (!session) throw ApiError.unauthorized();
    const user = toAuthUser(session);
    request.user = user;
    request.session = session;
    // A guest of a visit always comes with its link's scope (AuthService.authenticate); the test holds even if one did not.
    if ((user.visit || user.role === 'GUEST') && !this.reflector.getAllAndOverride<boolean>(VISIT_LINK_ALLOWED, targets)) {
      throw ApiError.forbidden(
        'You came in with a visit link: it opens that visit only. Sign in with a password for everything else.',
        'visit_link_only',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw ApiError.forbidden(`Only ${roles.map((role) => role.toLowerCase() + 's').join(' and ')} may do this.`);
    }
    return true;
  }
}
