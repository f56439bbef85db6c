import { Injectable } from '@nestjs/common';
import type { AuditQuery, AuditVerifyResponse } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { verifyAuditChain } from './audit-chain';
import { AUDIT_INCLUDE, AuditRow } from './audit.mapper';
import type { AuditEntry } from './audit.service';

/** The audit log's rows: appended in batches, read a page at a time, its hash chain checked. */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One statement per batch; the chain trigger numbers and hashes each row under the head's lock. */
  async append(entries: AuditEntry[]): Promise<void> {
    const rows = entries.map((entry) => ({
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail ?? null,
    }));
    await this.prisma.sql.query(
      `INSERT INTO audit_logs (id, actor_id, action, entity_type, entity_id, ip, detail)
       SELECT gen_random_uuid(), r.actor_id, r.action, r.entity_type, r.entity_id, r.ip, r.detail
         FROM jsonb_to_recordset($1::jsonb) AS r(actor_id uuid, action text, entity_type text, entity_id text, ip text, detail jsonb)`,
      [JSON.stringify(rows)],
    );
  }

  /** One page, newest first, and the total that matches. */
  async page(query: AuditQuery): Promise<{ total: number; rows: AuditRow[] }> {
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
    return { total, rows };
  }

  /** Whether the hash chain holds, and where it first breaks. */
  verifyChain(): Promise<AuditVerifyResponse> {
    return verifyAuditChain(this.prisma.sql);
  }
}
