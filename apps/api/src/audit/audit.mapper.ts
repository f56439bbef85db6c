import type { AuditEntryResponse, AuditLogEntry, AuditVisit } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { AuditNames } from './audit.repository';
import type { AuditSubjects, VisitKey } from './audit-subjects';

export const AUDIT_INCLUDE = { actor: { select: { id: true, name: true, role: true } } } satisfies Prisma.AuditLogInclude;

export type AuditRow = Prisma.AuditLogGetPayload<{ include: typeof AUDIT_INCLUDE }>;

export function toAuditEntryResponse(row: AuditRow): AuditEntryResponse {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    ip: row.ip,
    detail: flatRecord(row.detail),
  };
}

function flatRecord(value: Prisma.JsonValue | null): AuditEntryResponse['detail'] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      item === null || item === undefined ? null : typeof item === 'object' ? JSON.stringify(item) : item,
    ]),
  );
}

/** An entry with the names of the visit and the person it is about (from the page's one names query). */
export function toAuditLogEntry(row: AuditRow, subjects: AuditSubjects, names: AuditNames): AuditLogEntry {
  const key = subjects.visit;
  const visit = key ? names.visits.find((candidate) => matches(candidate, key)) : undefined;
  return {
    ...toAuditEntryResponse(row),
    visit: visit ? toAuditVisit(visit) : null,
    person: names.people.find((person) => person.id === subjects.personId) ?? null,
  };
}

function matches(visit: AuditNames['visits'][number], key: VisitKey): boolean {
  if (key.by === 'session') return visit.sessionId === key.id;
  if (key.by === 'appointment') return visit.appointmentId === key.id;
  return visit.roomId === key.id;
}

function toAuditVisit(visit: AuditNames['visits'][number]): AuditVisit {
  const { sessionId, appointmentId, doctor, patient, scheduledStart } = visit;
  return { sessionId, appointmentId, doctor, patient, scheduledStart };
}
