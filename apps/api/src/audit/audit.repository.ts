import { Injectable } from '@nestjs/common';
import type { AuditPerson, AuditQuery, AuditVerifyResponse } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { verifyAuditChain } from './audit-chain';
import { AUDIT_INCLUDE, AuditRow } from './audit.mapper';
import type { AuditEntry } from './audit.service';
import type { VisitKey } from './audit-subjects';

/** A visit an audit page refers to, by each of its ids (an entry names it by one of them). */
export interface AuditVisitRow {
  sessionId: string;
  appointmentId: string;
  roomId: string | null;
  doctor: { id: string; name: string };
  patient: { id: string; name: string };
  scheduledStart: string;
}

/** The visits and people one page of the log refers to. */
export interface AuditNames {
  visits: AuditVisitRow[];
  people: AuditPerson[];
}

// One statement for a whole page: every visit named by a session, appointment or room id, and every person.
const NAMES = `
  SELECT
    coalesce((SELECT jsonb_agg(jsonb_build_object(
        'sessionId', s.id, 'appointmentId', a.id, 'roomId', r.id,
        'doctor', jsonb_build_object('id', d.id, 'name', d.name),
        'patient', jsonb_build_object('id', p.id, 'name', p.name),
        'scheduledStart', a.starts_at))
      FROM sessions s
      JOIN appointments a ON a.id = s.appointment_id
      JOIN users d ON d.id = a.doctor_id
      JOIN users p ON p.id = a.patient_id
      LEFT JOIN rooms r ON r.appointment_id = a.id
     WHERE s.id = ANY($1::uuid[]) OR a.id = ANY($2::uuid[]) OR r.id = ANY($3::text[])), '[]'::jsonb) AS visits,
    coalesce((SELECT jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name, 'role', u.role))
      FROM users u WHERE u.id = ANY($4::uuid[])), '[]'::jsonb) AS people`;

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

  /** The names behind the ids of one page: the visits (by session, appointment or room id) and the people. */
  async names(visits: VisitKey[], personIds: string[]): Promise<AuditNames> {
    const ids = (by: VisitKey['by']) => [...new Set(visits.filter((key) => key.by === by).map((key) => key.id))];
    if (visits.length === 0 && personIds.length === 0) return { visits: [], people: [] };
    const { rows } = await this.prisma.sql.query<AuditNames>(NAMES, [
      ids('session'),
      ids('appointment'),
      ids('room'),
      [...new Set(personIds)],
    ]);
    // A SELECT of scalar subqueries without FROM always returns exactly one row.
    const found = rows[0]!;
    // jsonb writes a timestamptz with its offset ("2026-11-30T10:42:00+00:00"): the API answers ISO in UTC.
    return {
      visits: found.visits.map((visit) => ({ ...visit, scheduledStart: new Date(visit.scheduledStart).toISOString() })),
      people: found.people,
    };
  }

  /** Whether the hash chain holds, and where it first breaks. */
  verifyChain(): Promise<AuditVerifyResponse> {
    return verifyAuditChain(this.prisma.sql);
  }
}
