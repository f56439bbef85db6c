import { isUuid } from '../common/uuid';

/** Which record of a visit an audit entry names: its session, its appointment or its room. */
export interface VisitKey {
  by: 'session' | 'appointment' | 'room';
  id: string;
}

/** What an audit entry is about, as ids to look up: a visit, and a person. */
export interface AuditSubjects {
  visit: VisitKey | null;
  personId: string | null;
}

// A refused or not-found request names its path: a visit's record, appointment or admin page names the visit.
const VISIT_IN_PATH = /^\/api\/(sessions|appointments|admin\/visits)\/([0-9a-f-]{36})(?:\/|$)/i;

/**
 * The visit and the person an audit entry refers to, read from its entity and its detail (a guest
 * invited, admitted or removed; the other side of a verified call). Ids that are not UUIDs name nothing.
 */
export function auditSubjects(entry: { entityType: string; entityId: string | null; detail: unknown }): AuditSubjects {
  const id = entry.entityId;
  const detail = entry.detail && typeof entry.detail === 'object' ? (entry.detail as Record<string, unknown>) : {};
  const detailPerson = [detail.guestId, detail.peerId].find((value): value is string => typeof value === 'string' && isUuid(value));
  return { visit: visitKey(entry.entityType, id), personId: entry.entityType === 'user' && id && isUuid(id) ? id : (detailPerson ?? null) };
}

function visitKey(entityType: string, id: string | null): VisitKey | null {
  if (!id) return null;
  if (entityType === 'room') return { by: 'room', id };
  if ((entityType === 'session' || entityType === 'appointment') && isUuid(id)) return { by: entityType, id };
  if (entityType !== 'route') return null;
  const match = VISIT_IN_PATH.exec(id);
  if (!match || !isUuid(match[2]!)) return null;
  return { by: match[1] === 'appointments' ? 'appointment' : 'session', id: match[2]! };
}
