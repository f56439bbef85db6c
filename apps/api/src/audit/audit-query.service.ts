import { Injectable } from '@nestjs/common';
import { AuditLogPage, AuditQuery, AuditVerifyResponse } from '@telehealth/contracts';
import { AccessService } from '../access/access.service';
import type { RequestContext } from '../common/request-context';
import { AuditRepository } from './audit.repository';
import { toAuditLogEntry } from './audit.mapper';
import { auditSubjects } from './audit-subjects';

/** Reads the audit log for administrators; writing stays with AuditService. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly access: AccessService,
  ) {}

  /**
   * One page, newest first, each entry with the names of the visit and the person it is about (one
   * query for the whole page). The reading itself is audited after it: it is not on the page it reads.
   */
  async list(ctx: RequestContext, query: AuditQuery): Promise<AuditLogPage> {
    this.access.require(ctx, 'audit.read');
    const { total, rows } = await this.repository.page(query);
    const subjects = rows.map(auditSubjects);
    const names = await this.repository.names(
      subjects.flatMap((subject) => (subject.visit ? [subject.visit] : [])),
      subjects.flatMap((subject) => (subject.personId ? [subject.personId] : [])),
    );
    return {
      items: rows.map((row, index) => toAuditLogEntry(row, subjects[index]!, names)),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  /** Checks the hash chain. */
  verify(ctx: RequestContext): Promise<AuditVerifyResponse> {
    this.access.require(ctx, 'audit.read');
    return this.repository.verifyChain();
  }
}
