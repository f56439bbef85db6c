import { z } from 'zod';

/**
 * `GET /api/audit/verify` (admins): whether the audit log's hash chain is unbroken. When it is
 * not, the first row whose link does not hold (edited, inserted, or following removed rows).
 */
export const ZAuditVerifyResponseSchema = z.object({
  intact: z.boolean(),
  rows: z.number().int().min(0),
  firstBrokenId: z.string().optional(),
  firstBrokenAt: z.string().optional(),
});
export type AuditVerifyResponse = z.infer<typeof ZAuditVerifyResponseSchema>;
