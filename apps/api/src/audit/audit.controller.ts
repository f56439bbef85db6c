import { Controller, Get, Query } from '@nestjs/common';
import { AuditPage, AuditQuery, ZAuditQuerySchema } from '@telehealth/contracts';
import { Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuditQueryService } from './audit-query.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('ADMIN')
  list(@Query(new ZodValidationPipe(ZAuditQuerySchema)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
