import { Injectable } from '@nestjs/common';
import { AuditPage, AuditQuery, AuditVerifyResponse } from '@telehealth/contracts';
import { AccessService } from '../access/access.service';
import type { RequestContext } from '../common/request-context';
import { AuditRepository } from './audit.repository';
import { toAuditEntryResponse } from './audit.mapper';

/** Reads the audit log for administrators; writing stays with AuditService. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly access: AccessService,
  ) {}

  /** One page, newest first (the reading itself is audited after it: it is not on the page it reads). */
  async list(ctx: RequestContext, query: AuditQuery): Promise<AuditPage> {
    this.access.require(ctx, 'audit.read');
    const { total, rows } = await this.repository.page(query);
    return { items: rows.map(toAuditEntryResponse), page: query.page, pageSize: query.pageSize, total };
  }

  /** Checks the hash chain. */
  verify(ctx: RequestContext): Promise<AuditVerifyResponse> {
    this.access.require(ctx, 'audit.read');
    return this.repository.verifyChain();
  }
}
