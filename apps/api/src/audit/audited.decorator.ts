import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user';
import type { AuditEntry } from './audit.service';

export const AUDITED = 'telehealth:audited';

export type AuditedRequest = Request & { user: AuthUser };

/** What a route's audit row says; `result` is what the handler returned. */
export interface AuditSpec<T = never> {
  /** `<record>.<verb>`, or chosen per request (a PATCH that cancels or reschedules). */
  action: string | ((request: AuditedRequest) => string);
  entityType: string;
  /**
   * `read`: a failed audit write is logged and the caller still gets what they asked for;
   * `change`: the write must succeed (the change is already made; the caller sees the failure).
   */
  kind: 'read' | 'change';
  /** The record's id: by default the route's `:id`; none for a list. */
  entityId?: (result: T, request: AuditedRequest) => string | undefined;
  /** Counts and versions, never PHI. */
  detail?: (result: T, request: AuditedRequest) => AuditEntry['detail'];
}

/**
 * The one way protected reads and changes reach the audit log: on the route, not in its
 * service. The row is written after the handler succeeded (refusals are security events,
 * recorded by the error filter), with the caller, their address and the record's id.
 */
export const Audited = <T>(spec: AuditSpec<T>) => SetMetadata(AUDITED, spec);

/** The detail of a page of a list: which page, how many rows it showed, of how many. */
export function pageDetail(page: { page: number; items: unknown[]; total?: number }): AuditEntry['detail'] {
  return { page: page.page, shown: page.items.length, ...(page.total === undefined ? {} : { total: page.total }) };
}
