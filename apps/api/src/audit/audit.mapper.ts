import type { AuditEntryResponse } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';

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
