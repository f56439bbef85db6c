import { z } from 'zod';
import { MAX_VISIT_MINUTES, MIN_VISIT_MINUTES } from '../appointments';
import { INSTANT_VISIT_MINUTES, PLAIN_MESSAGE_TYPES } from '../plain-signaling';
import { ZCallMediaSchema } from './appointments';
import { ZLanguageSchema } from './languages';
import { zText } from './text';
import { ZEmailSchema, ZTimeZoneSchema } from './users';

// The schemas of the seed documents' signaling API; its constants and messages are in ../plain-signaling.ts.

const ZClientIdSchema = z.string().min(1).max(64);

/**
 * What a plain client sends. `from` is ignored (the server stamps it); `room_id`, when given, must
 * be the connection's room. `payload`: for offer/answer an RTCSessionDescriptionInit (`{ type, sdp }`)
 * or the SDP string; for candidate an RTCIceCandidateInit; for bye nothing; for custom
 * `{ event, data }` naming one of the gateway's client events (chat-message, media-state, ...).
 */
export const ZPlainClientMessageSchema = z.object({
  type: z.enum(PLAIN_MESSAGE_TYPES),
  from: z.string().max(64).optional(),
  to: ZClientIdSchema.optional(),
  room_id: z.string().min(1).max(64).optional(),
  payload: z.unknown().optional(),
});
export type PlainClientMessage = z.infer<typeof ZPlainClientMessageSchema>;

/**
 * `custom` payloads, both ways: a gateway event by its Socket.IO name and what it carries. A client
 * may give an `id`: the server's `ack` (or `error`) answering that message carries it back.
 */
export const ZPlainCustomPayloadSchema = z.object({
  event: z.string().min(1).max(64),
  data: z.unknown().optional(),
  id: z.union([z.string().max(64), z.number().int()]).optional(),
});
export type PlainCustomPayload = z.infer<typeof ZPlainCustomPayloadSchema>;

// ---- instant rooms (POST /api/rooms, or POST /api/rooms/join without room_id) ----

/**
 * Who an instant visit is for: an existing patient (`patient_id`), a new one by name (with an
 * email, the booking confirmation goes there; without one, the doctor shares the link and code
 * themselves), or nobody named yet (the visit's patient is called "Patient" until they keep an
 * account).
 */
export const ZInstantPatientSchema = z.object({
  name: zText({ min: 1, max: 120 }),
  email: ZEmailSchema.optional(),
  time_zone: ZTimeZoneSchema.optional(),
  language: ZLanguageSchema.optional(),
});
export type InstantPatient = z.infer<typeof ZInstantPatientSchema>;

/** The instant visit's settings, all optional: a seed client sends `{}`. */
const ZInstantRoomFieldsSchema = z.object({
  patient_id: z.uuid({ message: 'must be the id of a patient' }).optional(),
  patient: ZInstantPatientSchema.optional(),
  media: ZCallMediaSchema.default('video'),
  duration_minutes: z
    .number({ message: 'must be a number of minutes' })
    .int({ message: 'must be a whole number of minutes' })
    .min(MIN_VISIT_MINUTES, { message: `must be at least ${MIN_VISIT_MINUTES} minutes` })
    .max(MAX_VISIT_MINUTES, { message: `must be at most ${MAX_VISIT_MINUTES} minutes` })
    .default(INSTANT_VISIT_MINUTES),
  reason: zText({ min: 1, max: 500, multiline: true }).optional(),
});

function onePatientAtMost(value: { patient_id?: string; patient?: InstantPatient }, ctx: z.RefinementCtx): void {
  if (value.patient_id !== undefined && value.patient !== undefined)
    ctx.addIssue({ code: 'custom', path: ['patient_id'], message: 'give patient_id or patient, not both' });
}

/** `POST /api/rooms` (doctors): an instant visit starting now. */
export const ZCreateRoomRequestSchema = ZInstantRoomFieldsSchema.superRefine(onePatientAtMost);
export type CreateRoomRequest = z.infer<typeof ZCreateRoomRequestSchema>;
export type CreateRoomInput = z.input<typeof ZCreateRoomRequestSchema>;

/** An instant visit, as its doctor sees it: the room and what to share (the visit link and its code). */
export const ZCreatedRoomSchema = z.object({
  room_id: z.string(),
  appointment_id: z.string(),
  session_id: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  media: ZCallMediaSchema,
  patient: z.object({ id: z.string(), name: z.string() }),
  /** The patient's visit link (`/j/<token>`) and the code typed on `/join`, to share at once. */
  link: z.string(),
  code: z.string(),
  status: z.literal('created'),
});
export type CreatedRoom = z.infer<typeof ZCreatedRoomSchema>;

/**
 * `GET /api/rooms/:id`: may the caller join now? 200 for a party of the visit (with `joinable` and,
 * when not, the reason and its sentence), 404 otherwise.
 */
export const ZRoomViewSchema = z.object({
  room_id: z.string(),
  session_id: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  join_opens_at: z.string(),
  media: ZCallMediaSchema,
  joinable: z.boolean(),
  /** Why not, when not joinable (too_early, session_ended, ...), and the sentence to show. */
  reason: z.string().optional(),
  error: z.string().optional(),
  /** Client ids connected to the room now. */
  clients: z.array(z.string()),
});
export type RoomView = z.infer<typeof ZRoomViewSchema>;

export const ZRoomStatsQuerySchema = z.object({ format: z.enum(['seed'], { message: 'must be seed, or absent' }).optional() });
export type RoomStatsQuery = z.infer<typeof ZRoomStatsQuerySchema>;

// ---- the seed's minimal room API ----

/** Without `room_id`, a doctor gets a new instant room (the fields of POST /api/rooms apply). */
export const ZRoomJoinRequestSchema = ZInstantRoomFieldsSchema.extend({ room_id: z.string().min(1).max(64).optional() }).superRefine(
  onePatientAtMost,
);
export type RoomJoinRequest = z.infer<typeof ZRoomJoinRequestSchema>;
export const ZRoomJoinResponseSchema = z.object({
  room_id: z.string(),
  client_id: z.string(),
  status: z.literal('joined'),
  /** A new instant room's visit: the link and code to share with the patient. */
  created: ZCreatedRoomSchema.optional(),
});
export type RoomJoinResponse = z.infer<typeof ZRoomJoinResponseSchema>;

export const ZRoomLeaveRequestSchema = z.object({ room_id: z.string().min(1).max(64), client_id: ZClientIdSchema });
export type RoomLeaveRequest = z.infer<typeof ZRoomLeaveRequestSchema>;
export const ZRoomLeaveResponseSchema = z.object({ room_id: z.string(), client_id: z.string(), status: z.literal('left') });
export type RoomLeaveResponse = z.infer<typeof ZRoomLeaveResponseSchema>;
