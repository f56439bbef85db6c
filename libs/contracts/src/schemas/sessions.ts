import { z } from 'zod';
import { MAX_NOTES_LENGTH, SESSION_EVENT_TYPES } from '../sessions';
import { zText } from './text';
import { pageOf } from './page';
import { ZAppointmentStatusSchema, ZIsoDateTimeSchema, ZPartySchema, ZSessionStatusSchema } from './appointments';
import { ZGuestRoleSchema } from './guests';
import { ZChatMessageSchema } from './signaling';
import { ZRoleSchema } from './users';

const ZPageFieldsSchema = z.object({
  page: z.coerce.number({ message: 'must be a number' }).int().min(1).default(1),
  pageSize: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(20),
});

/** A from/to range over ISO date-times: `from` inclusive, `to` exclusive. */
const ZRangeFieldsSchema = z.object({
  from: ZIsoDateTimeSchema.optional(),
  to: ZIsoDateTimeSchema.optional(),
});

function checkRange(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (value.from !== undefined && value.to !== undefined && Date.parse(value.to) <= Date.parse(value.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
}

// ---- history (GET /api/sessions) ----

/**
 * The visit history: sessions that ended, or whose appointment is over (past its end, cancelled,
 * no-show). `from`/`to` apply to the scheduled start; `withUserId` is the other party.
 */
export const ZListSessionsQuerySchema = ZPageFieldsSchema.extend(ZRangeFieldsSchema.shape)
  .extend({ withUserId: z.uuid({ message: 'must be the id of a user' }).optional() })
  .superRefine(checkRange);
export type ListSessionsQuery = z.infer<typeof ZListSessionsQuerySchema>;

export const ZSessionResponseSchema = z.object({
  id: z.string(),
  appointmentId: z.string(),
  status: ZSessionStatusSchema,
  appointmentStatus: ZAppointmentStatusSchema,
  doctor: ZPartySchema,
  patient: ZPartySchema,
  reason: z.string(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  /** When doctor and patient were first both present; null if that never happened. */
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** From startedAt to endedAt; null unless the visit both started and ended. */
  durationSeconds: z.number().int().nullable(),
  endedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Only for the session's doctor: whether private notes exist. */
  hasNotes: z.boolean().optional(),
});
export type SessionResponse = z.infer<typeof ZSessionResponseSchema>;

export const ZSessionPageSchema = pageOf(ZSessionResponseSchema);
export type SessionPage = z.infer<typeof ZSessionPageSchema>;

/** POST /api/sessions/:id/end: the visit's doctor ends a visit outside the call (the call was left open). */
export const ZEndSessionResponseSchema = z.object({ sessionId: z.string(), endedAt: z.string() });
export type EndSessionResponse = z.infer<typeof ZEndSessionResponseSchema>;

// ---- detail (GET /api/sessions/:id) ----

export const ZSessionEventTypeSchema = z.enum(SESSION_EVENT_TYPES);

export const ZSessionTimelineEntrySchema = z.object({
  type: ZSessionEventTypeSchema,
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** Who it was, for "Ana Ruiz (interpreter) joined": set when the entry has a user. */
  userRole: ZRoleSchema.optional(),
  /** A guest's part in the visit (userRole GUEST only). */
  guestRole: ZGuestRoleSchema.optional(),
  at: z.string(),
  /** E.g. `{ reason: "timeout" }` on LEFT, `{ peer: "<user id>" }` on PEER_JOINED, `{ text }` on WAITING_MESSAGE (the doctor to the waiting patient). */
  detail: z.record(z.string(), z.string()).nullable(),
});
export type SessionTimelineEntry = z.infer<typeof ZSessionTimelineEntrySchema>;

/** The latest version of the doctor's notes. */
export const ZLatestNotesSchema = z.object({
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  authorName: z.string(),
});
export type LatestNotes = z.infer<typeof ZLatestNotesSchema>;

/**
 * Someone the visit was for: its doctor, its patient and every guest the doctor invited (removed ones
 * too: they may have been in the call), with when they first came in and last went out.
 */
export const ZVisitParticipantSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  /** A guest's part in the visit (role GUEST only). */
  guestRole: ZGuestRoleSchema.optional(),
  /** Their first JOINED; null if they never joined. */
  firstJoinedAt: z.string().nullable(),
  /** Their last LEFT, or the visit's end when they were still in the call then; null if they never joined or are still in. */
  lastLeftAt: z.string().nullable(),
});
export type VisitParticipant = z.infer<typeof ZVisitParticipantSchema>;

/**
 * How long the call ran with video and with audio only (billing rules often tell the two apart):
 * the time from startedAt to endedAt (or now) with two or more people in the call, split by whether
 * anyone in it was sending camera or screen. Read from the timeline's VIDEO_OFF/VIDEO_ON entries.
 */
export const ZCallMediaSummarySchema = z.object({
  videoSeconds: z.number().int(),
  audioOnlySeconds: z.number().int(),
  /** The part of audioOnlySeconds that adaptive quality chose because of the network. */
  audioOnlyForNetworkSeconds: z.number().int(),
});
export type CallMediaSummary = z.infer<typeof ZCallMediaSummarySchema>;

/**
 * The call's connection, from the browsers' samples (call-stats): whether media went straight between
 * the people or through the clinic's TURN relay, round-trip time and packet loss across every pair
 * and sample (median and 95th percentile), and how often a connection dropped and came back.
 * Null figures: no sample measured them.
 */
export const ZConnectionFactsSchema = z.object({
  /** `mixed` when some samples were direct and some relayed; `unknown` without samples. */
  path: z.enum(['direct', 'relayed', 'mixed', 'unknown']),
  rttMedianMs: z.number().nullable(),
  rttP95Ms: z.number().nullable(),
  lossMedianPct: z.number().nullable(),
  lossP95Pct: z.number().nullable(),
  /** Media connections that dropped and came back (per pair, the larger count of its two sides), plus signaling reconnects (RECONNECTED). */
  reconnects: z.number().int(),
  samples: z.number().int(),
});
export type ConnectionFacts = z.infer<typeof ZConnectionFactsSchema>;

/** A pair the doctor marked verified after reading the verified-call code aloud. */
export const ZCallVerificationSchema = z.object({
  code: z.string(),
  verifiedAt: z.string(),
  verifiedBy: z.object({ id: z.string(), name: z.string() }),
  /** The other side of the pair: the patient or a guest. */
  peer: z.object({ id: z.string(), name: z.string() }),
});
export type CallVerification = z.infer<typeof ZCallVerificationSchema>;

export const ZSessionDetailResponseSchema = ZSessionResponseSchema.extend({
  media: ZCallMediaSummarySchema,
  connection: ZConnectionFactsSchema,
  /** Oldest first; empty when the code was never compared. */
  verifications: z.array(ZCallVerificationSchema),
  /** Doctor, patient, then the guests in the order they were invited. */
  participants: z.array(ZVisitParticipantSchema),
  timeline: z.array(ZSessionTimelineEntrySchema),
  chat: z.array(ZChatMessageSchema),
  /** Only for the session's doctor: the latest notes, or null when none were written. */
  notes: ZLatestNotesSchema.nullable().optional(),
});
export type SessionDetailResponse = z.infer<typeof ZSessionDetailResponseSchema>;

// ---- notes (GET|PUT /api/sessions/:id/notes) ----

export const ZNoteVersionSchema = z.object({
  version: z.number().int(),
  body: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type NoteVersion = z.infer<typeof ZNoteVersionSchema>;

/**
 * The notes as an editor loads them: the latest text and its version (0 and empty before the
 * first save; send it back as `baseVersion`), and every saved version, newest first.
 */
export const ZNotesResponseSchema = z.object({
  sessionId: z.string(),
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  authorName: z.string().nullable(),
  history: z.array(ZNoteVersionSchema),
});
export type NotesResponse = z.infer<typeof ZNotesResponseSchema>;

export const ZSaveNotesRequestSchema = z.object({
  body: zText({ max: MAX_NOTES_LENGTH, multiline: true, trim: false }),
  /** The version the editor started from: 0 for the first save. */
  baseVersion: z
    .number({ message: 'must be the version you started from (0 for new notes)' })
    .int({ message: 'must be a whole version number' })
    .min(0, { message: 'must be 0 or more (0 for new notes)' }),
});
export type SaveNotesRequest = z.infer<typeof ZSaveNotesRequestSchema>;

// ---- audit log (GET /api/audit, admins) ----

export const ZAuditQuerySchema = ZPageFieldsSchema.extend(ZRangeFieldsSchema.shape)
  .extend({
    actorId: z.uuid({ message: 'must be the id of a user' }).optional(),
    action: zText({ min: 1, max: 100 }).optional(),
    entityType: zText({ min: 1, max: 100 }).optional(),
    entityId: zText({ min: 1, max: 200 }).optional(),
  })
  .superRefine(checkRange);
export type AuditQuery = z.infer<typeof ZAuditQuerySchema>;

export const ZAuditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  /** Null for what the system did by itself (e.g. marking a missed visit NO_SHOW). */
  actor: z.object({ id: z.string(), name: z.string(), role: ZRoleSchema }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type AuditEntryResponse = z.infer<typeof ZAuditEntrySchema>;

export const ZAuditPageSchema = pageOf(ZAuditEntrySchema);
export type AuditPage = z.infer<typeof ZAuditPageSchema>;
