import { Controller, Get, Query } from '@nestjs/common';
import { AuditLogPage, AuditQuery, AuditVerifyResponse, ZAuditQuerySchema } from '@telehealth/contracts';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Audited } from './audited.decorator';
import { AuditQueryService } from './audit-query.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('ADMIN')
  @Audited<AuditLogPage>({
    action: 'audit.read',
    entityType: 'audit',
    kind: 'read',
    detail: (page) => ({ page: page.page, shown: page.items.length }),
  })
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(ZAuditQuerySchema)) query: AuditQuery): Promise<AuditLogPage> {
    return this.audit.list(ctx, query);
  }

  @Get('verify')
  @Roles('ADMIN')
  @Audited<AuditVerifyResponse>({
    action: 'audit.verify',
    entityType: 'audit',
    kind: 'read',
    detail: (result) => ({ intact: result.intact, rows: result.rows }),
  })
  verify(@Ctx() ctx: RequestContext): Promise<AuditVerifyResponse> {
    return this.audit.verify(ctx);
  }
}
