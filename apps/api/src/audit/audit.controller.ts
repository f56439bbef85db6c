import { Controller, Get, Query } from '@nestjs/common';
import { AuditPage, AuditQuery, AuditVerifyResponse, ZAuditQuerySchema } from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { ClientAddress, CurrentUser, Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuditQueryService } from './audit-query.service';

@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('ADMIN')
  list(
    @CurrentUser() admin: AuthUser,
    @Query(new ZodValidationPipe(ZAuditQuerySchema)) query: AuditQuery,
    @ClientAddress() ip?: string,
  ): Promise<AuditPage> {
    return this.audit.list(admin, query, ip);
  }

  @Get('verify')
  @Roles('ADMIN')
  verify(@CurrentUser() admin: AuthUser, @ClientAddress() ip?: string): Promise<AuditVerifyResponse> {
    return this.audit.verify(admin, ip);
  }
}
