import { ZAuditLogPageSchema, ZAuditQuerySchema, ZAuditVerifyResponseSchema } from '@telehealth/contracts';
import type { RouteEntry } from '../route-types';

/** The audit log (admins). */
export const AUDIT_ROUTES: readonly RouteEntry[] = [
  {
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: 'The audit log, newest first',
    auth: ['ADMIN'],
    query: ZAuditQuerySchema,
    response: { status: 200, schema: ZAuditLogPageSchema },
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    tag: 'audit',
    summary: "Whether the audit log's hash chain is unbroken",
    auth: ['ADMIN'],
    response: { status: 200, schema: ZAuditVerifyResponseSchema },
  },
];
