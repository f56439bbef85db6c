import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import { AUDITED, AuditedRequest, AuditSpec } from './audited.decorator';
import { AuditService } from './audit.service';

/** Writes the audit row of every route marked `@Audited`, once its handler succeeded. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec<unknown> | undefined>(AUDITED, context.getHandler());
    if (!spec || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.record(spec, request, result);
        return result;
      }),
    );
  }

  private async record(spec: AuditSpec<unknown>, request: AuditedRequest, result: unknown): Promise<void> {
    const param = request.params.id;
    const entry = {
      actorId: request.user.id,
      action: typeof spec.action === 'string' ? spec.action : spec.action(request),
      entityType: spec.entityType,
      entityId: spec.entityId ? spec.entityId(result, request) : typeof param === 'string' ? param : undefined,
      ip: request.ip,
      detail: spec.detail?.(result, request),
    };
    if (spec.kind === 'change') await this.audit.record(entry);
    else await this.audit.recordRead(entry);
  }
}
