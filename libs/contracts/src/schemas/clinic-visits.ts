import { z } from 'zod';
import { CLINIC_VISIT_PHASES } from '../clinic-visits';
import { ZAppointmentStatusSchema, ZIsoDateTimeSchema, ZPartySchema, ZSessionStatusSchema } from './appointments';
import { pageOf } from './page';
import {
  ZCallMediaSummarySchema,
  ZCallVerificationSchema,
  ZConnectionFactsSchema,
  ZSessionTimelineEntrySchema,
  ZVisitParticipantSchema,
} from './sessions';

// ---- the clinic's visits, as an admin sees them (GET /api/admin/visits, GET /api/admin/visits/:id) ----

export const ZClinicVisitPhaseSchema = z.enum(CLINIC_VISIT_PHASES);

/**
 * The admin's list of the clinic's visits, paged. `from`/`to` (inclusive, exclusive) apply to the
 * scheduled start; `status` is the appointment's. Upcoming visits come soonest first, the others newest first.
 */
export const ZClinicVisitsQuerySchema = z
  .object({
    page: z.coerce.number({ message: 'must be a number' }).int().min(1).default(1),
    pageSize: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(20),
    phase: ZClinicVisitPhaseSchema.optional(),
    from: ZIsoDateTimeSchema.optional(),
    to: ZIsoDateTimeSchema.optional(),
    doctorId: z.uuid({ message: 'must be the id of a doctor' }).optional(),
    status: ZAppointmentStatusSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from !== undefined && value.to !== undefined && Date.parse(value.to) <= Date.parse(value.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });
export type ClinicVisitsQuery = z.infer<typeof ZClinicVisitsQuerySchema>;

const ZPersonNameSchema = z.object({ id: z.string(), name: z.string() });

/**
 * One visit as the clinic's admin sees it: who, when, and what became of it. No reason for the
 * visit, no notes, no chat: those are clinical content, the doctor's and the patient's; running the
 * clinic needs who, when and how it went.
 */
export const ZClinicVisitSchema = z.object({
  /** The session's id: the visit's id in every address. */
  id: z.string(),
  appointmentId: z.string(),
  phase: ZClinicVisitPhaseSchema,
  status: ZSessionStatusSchema,
  appointmentStatus: ZAppointmentStatusSchema,
  /** With their time zones: where each of them is matters when a visit is moved. */
  doctor: ZPartySchema,
  patient: ZPartySchema,
  /** How many guests the doctor invited (removed ones too). */
  guests: z.number().int(),
  scheduledStart: z.string(),
  scheduledEnd: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  endedBy: ZPersonNameSchema.nullable(),
  cancelledAt: z.string().nullable(),
});
export type ClinicVisit = z.infer<typeof ZClinicVisitSchema>;

export const ZClinicVisitPageSchema = pageOf(ZClinicVisitSchema);
export type ClinicVisitPage = z.infer<typeof ZClinicVisitPageSchema>;

/**
 * The visit page of an admin: the list's facts, who was there (guests with their part), the timeline
 * (without the doctor's words to the waiting room: a message, like the chat) and the call's facts
 * (media durations, connection, verifications).
 */
export const ZClinicVisitDetailSchema = ZClinicVisitSchema.extend({
  participants: z.array(ZVisitParticipantSchema),
  timeline: z.array(ZSessionTimelineEntrySchema),
  media: ZCallMediaSummarySchema,
  connection: ZConnectionFactsSchema,
  verifications: z.array(ZCallVerificationSchema),
});
export type ClinicVisitDetail = z.infer<typeof ZClinicVisitDetailSchema>;
