import { z } from 'zod';
import {
  AUDIO_OFF_CAUSES,
  CONNECTION_PATHS,
  MAX_CANDIDATE_LENGTH,
  MAX_CHAT_HISTORY_PAGE,
  MAX_CHAT_LENGTH,
  MAX_SDP_LENGTH,
  VERIFICATION_CODE_PATTERN,
  VIDEO_OFF_CAUSES,
} from '../signaling';
import { zText } from './text';
import { ZGuestRoleSchema } from './guests';
import { ZRoleSchema } from './users';

const ZUserIdSchema = z.string().min(1).max(64);

/**
 * Text a machine wrote (SDP, ICE candidates): not checked like typed text, but never with NUL,
 * which no browser produces and nothing downstream should have to carry.
 */
function zMachineText(max: number) {
  return z
    .string()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !value.includes('\u0000'), { message: 'must not contain NUL characters' });
}

export const ZParticipantSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  /** A guest's part in the visit (role GUEST only): interpreter, caregiver, … */
  guestRole: ZGuestRoleSchema.optional(),
});
export type Participant = z.infer<typeof ZParticipantSchema>;

// ---- client -> server payloads ----

export const ZJoinRoomRequestSchema = z.object({ roomId: z.string().min(1).max(64) });
export type JoinRoomRequest = z.infer<typeof ZJoinRoomRequestSchema>;

export const ZSdpRequestSchema = z.object({
  sdp: zMachineText(MAX_SDP_LENGTH).min(1),
  to: ZUserIdSchema.optional(),
});
export type SdpRequest = z.infer<typeof ZSdpRequestSchema>;

export const ZIceCandidateInitSchema = z.object({
  candidate: zMachineText(MAX_CANDIDATE_LENGTH),
  sdpMid: zMachineText(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: zMachineText(256).nullable().optional(),
});
export type IceCandidateInit = z.infer<typeof ZIceCandidateInitSchema>;

export const ZIceCandidateRequestSchema = z.object({
  candidate: ZIceCandidateInitSchema,
  to: ZUserIdSchema.optional(),
});
export type IceCandidateRequest = z.infer<typeof ZIceCandidateRequestSchema>;

export const ZChatMessageRequestSchema = z.object({
  body: zText({ min: 1, max: MAX_CHAT_LENGTH, multiline: true }),
});
export type ChatMessageRequest = z.infer<typeof ZChatMessageRequestSchema>;

/** An earlier page of the visit's chat: the lines before `before` (a message id), newest `limit` of them. Payload may be empty. */
export const ZChatHistoryRequestSchema = z
  .object({
    before: z.guid({ message: 'must be the id of a chat message' }).optional(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(MAX_CHAT_HISTORY_PAGE, { message: `must be at most ${MAX_CHAT_HISTORY_PAGE}` })
      .optional(),
  })
  .nullish()
  .transform((request) => request ?? {});
export type ChatHistoryRequest = z.input<typeof ZChatHistoryRequestSchema>;

/** `admit-guest` / `decline-guest` (the visit's doctor): a guest waiting in the lobby. */
export const ZGuestDecisionRequestSchema = z.object({ guestId: z.guid({ message: 'must be the id of a guest of this visit' }) });
export type GuestDecisionRequest = z.infer<typeof ZGuestDecisionRequestSchema>;

/** `remove-participant` (the visit's doctor): a guest leaves the call for good; their link stops working. */
export const ZRemoveParticipantRequestSchema = z.object({ userId: z.guid({ message: 'must be the id of a guest of this visit' }) });
export type RemoveParticipantRequest = z.infer<typeof ZRemoveParticipantRequestSchema>;

export const ZVideoOffCauseSchema = z.enum(VIDEO_OFF_CAUSES);
export const ZAudioOffCauseSchema = z.enum(AUDIO_OFF_CAUSES);

/**
 * What one person sends, announced to the others with every change (`media-state`). The causes are
 * there so the others read "camera unavailable" or "video paused: poor connection" rather than
 * "turned their camera off"; the server keeps video and screen changes on the visit's timeline.
 */
export const ZMediaStateSchema = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  /** Set when `audio` is false. */
  audioOff: ZAudioOffCauseSchema.optional(),
  /** Set when `video` is false. */
  videoOff: ZVideoOffCauseSchema.optional(),
  /** While they share a screen or window: the id of the MediaStream that carries it (the others show it large). */
  screenStreamId: zMachineText(128).min(1).optional(),
});
export type MediaState = z.infer<typeof ZMediaStateSchema>;

export const ZConnectionPathSchema = z.enum(CONNECTION_PATHS);

/**
 * `call-stats`: one connected pair's connection, sampled by the browser (every CALL_STATS_INTERVAL_MS),
 * kept for the visit record's connection facts. Loss is what this side received since its previous sample.
 */
export const ZCallStatsRequestSchema = z.object({
  peerId: ZUserIdSchema,
  path: ZConnectionPathSchema,
  rttMs: z.number().min(0).max(60_000).optional(),
  lossPct: z.number().min(0).max(100).optional(),
  /** How often this pair's connection dropped and came back so far (ICE restarts that reconnected). */
  reconnects: z.number().int().min(0).max(10_000),
});
export type CallStatsRequest = z.infer<typeof ZCallStatsRequestSchema>;

/** `verify-call` (the visit's doctor): the code both sides read aloud matched for the pair with `peerId`. */
export const ZVerifyCallRequestSchema = z.object({
  peerId: ZUserIdSchema,
  code: z.string().regex(VERIFICATION_CODE_PATTERN, { message: 'must be the six-digit code shown in the call, as "123 456"' }),
});
export type VerifyCallRequest = z.infer<typeof ZVerifyCallRequestSchema>;

/** `leave-room` and `end-session` act on the socket's room; their payload may be empty. */
export const ZEmptyRequestSchema = z.union([z.object({}).loose(), z.undefined(), z.null()]);

// ---- server -> client payloads ----

export const ZChatMessageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  from: z.string(),
  senderName: z.string(),
  /** Who wrote it, for "Ana Ruiz (interpreter)" beside the line. */
  senderRole: ZRoleSchema.optional(),
  senderGuestRole: ZGuestRoleSchema.optional(),
  body: z.string(),
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof ZChatMessageSchema>;

// ---- ICE servers (REST) ----

export const ZIceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
/** Which ICE candidates a call may use: any path ('all'), or only through the clinic's TURN server ('relay'). */
export const ZIceTransportPolicySchema = z.enum(['all', 'relay']);
export type IceTransportPolicy = z.infer<typeof ZIceTransportPolicySchema>;

export const ZIceServersResponseSchema = z.object({
  iceServers: z.array(ZIceServerSchema),
  /** When TURN credentials stop working (ISO), if any were given. */
  expiresAt: z.string().nullable(),
  /** The clinic's ICE_TRANSPORT_POLICY: 'relay' sends every call through TURN (no direct or host paths). */
  iceTransportPolicy: ZIceTransportPolicySchema,
});
export type IceServersResponse = z.infer<typeof ZIceServersResponseSchema>;

// ---- open rooms (GET /api/rooms/stats, admins) ----

/** A visit room someone is connected to: its seats by role, connected or not. No names: an overview, not a record. */
export const ZRoomStatsEntrySchema = z.object({
  roomId: z.string(),
  sessionId: z.string(),
  /** Doctor and patient have both been in the room. */
  started: z.boolean(),
  /** Seats held by a connected socket. */
  clients: z.number().int(),
  /** Seats whose socket is gone (dropped, or its API process stopped): the person may still come back. */
  reconnecting: z.number().int(),
  seats: z.array(z.object({ role: ZRoleSchema, connected: z.boolean(), joinedAt: z.string() })),
});
export type RoomStatsEntry = z.infer<typeof ZRoomStatsEntrySchema>;

export const ZRoomStatsResponseSchema = z.object({
  at: z.string(),
  totals: z.object({
    rooms: z.number().int(),
    clients: z.number().int(),
    reconnecting: z.number().int(),
    /** Rooms where doctor and patient are both connected. */
    calls: z.number().int(),
  }),
  /** Longest-open first. */
  rooms: z.array(ZRoomStatsEntrySchema),
});
export type RoomStatsResponse = z.infer<typeof ZRoomStatsResponseSchema>;
