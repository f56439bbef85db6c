import { Injectable } from '@nestjs/common';
import { AuditPage, AuditQuery, AuditVerifyResponse } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { AuthUser } from '../auth/auth-user';
import { PrismaService } from '../prisma/prisma.service';
import { AuditService } from './audit.service';
import { AUDIT_INCLUDE, toAuditEntryResponse } from './audit.mapper';

/** Reads the audit log for administrators; writing stays with AuditService. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  /** One page, newest first; the reading itself is logged after it (it is not on the page it reads). */
  async list(admin: AuthUser, query: AuditQuery, ip?: string): Promise<AuditPage> {
    const where: Prisma.AuditLogWhereInput = {
      actorId: query.actorId,
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      occurredAt:
        query.from || query.to
          ? { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined }
          : undefined,
    };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.auditLog.count({ where }),
      this.prisma.auditLog.findMany({
        where,
        include: AUDIT_INCLUDE,
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    await this.audit.recordRead({
      actorId: admin.id,
      action: 'audit.read',
      entityType: 'audit',
      ip,
      detail: { page: query.page, shown: rows.length },
    });
    return { items: rows.map(toAuditEntryResponse), page: query.page, pageSize: query.pageSize, total };
  }

  /** Checks the hash chain; the check itself is logged after it. */
  async verify(admin: AuthUser, ip?: string): Promise<AuditVerifyResponse> {
    const result = await this.audit.verify();
    await this.audit.recordRead({
      actorId: admin.id,
      action: 'audit.verify',
      entityType: 'audit',
      ip,
      detail: { intact: result.intact, rows: result.rows },
    });
    return result;
  }
}
