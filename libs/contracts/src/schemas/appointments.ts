import { z } from 'zod';
import { APPOINTMENT_STATUSES, CALL_MEDIA, MAX_VISIT_MINUTES, MIN_VISIT_MINUTES, SESSION_STATUSES } from '../appointments';
import { zText } from './text';
import { pageOf } from './page';
import { ZNewPatientSchema } from './visit-links';

export const ZAppointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export const ZSessionStatusSchema = z.enum(SESSION_STATUSES);
export const ZCallMediaSchema = z.enum(CALL_MEDIA, { message: 'must be video or audio' });

/** Times travel as ISO 8601 with an offset or Z; the API stores and answers in UTC. */
export const ZIsoDateTimeSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-05-01T09:30:00Z',
});

const ZDurationMinutesSchema = z
  .number({ message: 'must be a number of minutes' })
  .int({ message: 'must be a whole number of minutes' })
  .min(MIN_VISIT_MINUTES, { message: `must be at least ${MIN_VISIT_MINUTES} minutes` })
  .max(MAX_VISIT_MINUTES, { message: `must be at most ${MAX_VISIT_MINUTES} minutes` });

/** A time slot given as start plus either an end or a duration, never both. */
const ZSlotFieldsSchema = z.object({
  startsAt: ZIsoDateTimeSchema,
  endsAt: ZIsoDateTimeSchema.optional(),
  durationMinutes: ZDurationMinutesSchema.optional(),
});

type SlotFields = { startsAt?: string; endsAt?: string; durationMinutes?: number };

function checkSlot(value: SlotFields, ctx: z.RefinementCtx): void {
  if (value.startsAt === undefined) return;
  if (value.endsAt !== undefined && value.durationMinutes !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give either endsAt or durationMinutes, not both' });
    return;
  }
  if (value.endsAt === undefined && value.durationMinutes === undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'is required when endsAt is not given' });
    return;
  }
  if (value.endsAt !== undefined) {
    const minutes = (Date.parse(value.endsAt) - Date.parse(value.startsAt)) / 60_000;
    if (minutes < MIN_VISIT_MINUTES || minutes > MAX_VISIT_MINUTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: `must be between ${MIN_VISIT_MINUTES} and ${MAX_VISIT_MINUTES} minutes after startsAt`,
      });
    }
  }
}

/** The patient is named by `patientId` (an existing patient) or by `patient` (name and email: found, or invited). */
export const ZCreateAppointmentRequestSchema = ZSlotFieldsSchema.extend({
  patientId: z.uuid({ message: 'must be the id of a patient' }).optional(),
  patient: ZNewPatientSchema.optional(),
  reason: zText({ min: 1, max: 500, multiline: true }),
}).superRefine((value, ctx) => {
  if ((value.patientId === undefined) === (value.patient === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['patientId'], message: 'give either patientId or patient (name and email), one of them' });
    return;
  }
  checkSlot(value, ctx);
});
export type CreateAppointmentRequest = z.infer<typeof ZCreateAppointmentRequestSchema>;

/** Either a cancellation (`status: "CANCELLED"`) or a reschedule (a new slot). */
export const ZUpdateAppointmentRequestSchema = ZSlotFieldsSchema.partial()
  .extend({
    status: z.literal('CANCELLED', { message: 'can only be set to CANCELLED' }).optional(),
  })
  .superRefine((value, ctx) => {
    const reschedules = value.startsAt !== undefined || value.endsAt !== undefined || value.durationMinutes !== undefined;
    if (value.status === undefined && !reschedules) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'give status CANCELLED to cancel, or startsAt to reschedule' });
    } else if (value.status !== undefined && reschedules) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'cancel or reschedule, not both at once' });
    } else if (reschedules && value.startsAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'is required to reschedule' });
    } else {
      checkSlot(value, ctx);
    }
  });
export type UpdateAppointmentRequest = z.infer<typeof ZUpdateAppointmentRequestSchema>;

export const ZListAppointmentsQuerySchema = z.object({
  scope: z.enum(['upcoming', 'past'], { message: 'must be upcoming or past' }).default('upcoming'),
  page: z.coerce.number({ message: 'must be a number' }).int().min(1).default(1),
  pageSize: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(20),
});
export type ListAppointmentsQuery = z.infer<typeof ZListAppointmentsQuerySchema>;

export const ZPartySchema = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });
export type Party = z.infer<typeof ZPartySchema>;

export const ZAppointmentResponseSchema = z.object({
  id: z.string(),
  doctor: ZPartySchema,
  patient: ZPartySchema,
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number(),
  reason: z.string(),
  status: ZAppointmentStatusSchema,
  media: ZCallMediaSchema,
  roomId: z.string(),
  sessionId: z.string(),
  sessionStatus: ZSessionStatusSchema,
  /** The join window the signaling gateway enforces: from a few minutes before the start until the end. */
  joinOpensAt: z.string(),
  joinClosesAt: z.string(),
  /** Until when the patient may cancel online (the clinic's PATIENT_CANCEL_NOTICE_MIN before the start). */
  patientCancelClosesAt: z.string(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AppointmentResponse = z.infer<typeof ZAppointmentResponseSchema>;

export const ZAppointmentPageSchema = pageOf(ZAppointmentResponseSchema);
export type AppointmentPage = z.infer<typeof ZAppointmentPageSchema>;
