import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { AccessDecision, decideAccess, missingRecord, Permission } from './access-policy';
import { VisitPartiesRepository, VisitRecordIds } from './visit-parties.repository';

/** The caller may act on this visit, as its doctor, its patient, an admin or one of its guests. */
export interface VisitGrant extends VisitRecordIds {
  as: Extract<AccessDecision, { ok: true }>['as'];
}

/** Permissions asked of an appointment id; every other visit permission is asked of a session id. */
const BY_APPOINTMENT_ID: ReadonlySet<Permission> = new Set(['appointment.read', 'appointment.change', 'guests.manage']);

/** Which id `requireVisit` is given: by default the one its permission is asked of (BY_APPOINTMENT_ID). */
export type VisitIdKind = 'appointment' | 'session';

/**
 * Where REST services ask the access policy: loads whose the visit is, decides, and throws the
 * refusal (404 for other people's records, 403 for a party without the right). What was read or
 * changed is audited by `@Audited` on the route (audit/audited.decorator.ts).
 */
@Injectable()
export class AccessService {
  constructor(private readonly parties: VisitPartiesRepository) {}

  /**
   * The visit behind `id` (an appointment id or a session id, by permission unless `idKind` says)
   * if the caller holds `permission` on it.
   */
  async requireVisit(
    ctx: RequestContext,
    permission: Permission,
    id: string,
    idKind: VisitIdKind = BY_APPOINTMENT_ID.has(permission) ? 'appointment' : 'session',
  ): Promise<VisitGrant> {
    const ids = idKind === 'appointment' ? await this.parties.byAppointment(id) : await this.parties.bySession(id);
    const decision = ids ? decideAccess(ctx.user, permission, ids) : missingRecord(permission);
    if (!ids || !decision.ok) throw refusal(decision);
    return { ...ids, as: decision.as };
  }

  /** A permission over a collection (a list, the room overview, the audit log); throws the refusal. */
  require(ctx: RequestContext, permission: Permission): VisitGrant['as'] {
    const decision = decideAccess(ctx.user, permission, undefined);
    if (!decision.ok) throw refusal(decision);
    return decision.as;
  }
}

function refusal(decision: AccessDecision): ApiError {
  if (decision.ok) return ApiError.notFound(missingRecord('visit.read').error);
  return new ApiError(decision.code, decision.error, decision.reason);
}
