import { z } from 'zod';
import { pageOf } from './page';
import { ZAuditEntrySchema } from './sessions';
import { ZRoleSchema } from './users';

// ---- the audit log with the names of what each entry is about (GET /api/audit, admins) ----

/** A visit an audit entry is about, named: its doctor, its patient and when it was booked for. */
export const ZAuditVisitSchema = z.object({
  sessionId: z.string(),
  appointmentId: z.string(),
  doctor: z.object({ id: z.string(), name: z.string() }),
  patient: z.object({ id: z.string(), name: z.string() }),
  scheduledStart: z.string(),
});
export type AuditVisit = z.infer<typeof ZAuditVisitSchema>;

/** A person an audit entry is about (an account, an invited staff member, a guest, the other side of a verified call). */
export const ZAuditPersonSchema = z.object({ id: z.string(), name: z.string(), role: ZRoleSchema });
export type AuditPerson = z.infer<typeof ZAuditPersonSchema>;

/**
 * An audit entry with the names behind its ids, so the log reads as sentences: `visit` when it is
 * about a visit (its session, appointment or room, or a route that named one), `person` when it is
 * about a person (the account, or the guest or peer its detail names). Null when there is none, or
 * the record no longer exists.
 */
export const ZAuditLogEntrySchema = ZAuditEntrySchema.extend({
  visit: ZAuditVisitSchema.nullable(),
  person: ZAuditPersonSchema.nullable(),
});
export type AuditLogEntry = z.infer<typeof ZAuditLogEntrySchema>;

export const ZAuditLogPageSchema = pageOf(ZAuditLogEntrySchema);
export type AuditLogPage = z.infer<typeof ZAuditLogPageSchema>;
