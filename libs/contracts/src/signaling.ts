import { z } from 'zod';
import type { ErrorReason } from './error';
import { zText } from './text';
import { ZGuestRoleSchema, type GuestRole } from './guests';
import { ZRoleSchema } from './users';
import type { VisitUpdatedEvent, WaitingMessageEvent, WaitingMessageRequest, WaitingPositionEvent } from './visit-updates';

/** Every Socket.IO event name of namespace `/signaling`, one source for both sides. */
export const SignalingEvent = {
  // client -> server, each acknowledged
  JoinRoom: 'join-room',
  Offer: 'offer',
  Answer: 'answer',
  IceCandidate: 'ice-candidate',
  ChatMessage: 'chat-message',
  ChatHistory: 'chat-history',
  MediaState: 'media-state',
  LeaveRoom: 'leave-room',
  EndSession: 'end-session',
  WaitingMessage: 'waiting-message',
  AdmitGuest: 'admit-guest',
  DeclineGuest: 'decline-guest',
  RemoveParticipant: 'remove-participant',
  CallStats: 'call-stats',
  VerifyCall: 'verify-call',
  // server -> client only
  WaitingForPeer: 'waiting-for-peer',
  PeerJoined: 'peer-joined',
  PeerLeft: 'peer-left',
  PeerReconnecting: 'peer-reconnecting',
  SessionEnded: 'session-ended',
  WaitingRoomUpdated: 'waiting-room-updated',
  VisitUpdated: 'visit-updated',
  WaitingPosition: 'waiting-position',
  LobbyUpdated: 'lobby-updated',
  Admitted: 'admitted',
  Declined: 'declined',
  Removed: 'removed',
  CallVerified: 'call-verified',
} as const;

export const SIGNALING_NAMESPACE = '/signaling';

/** The events a client may send; anything else is answered as unknown. */
export const CLIENT_EVENTS = [
  SignalingEvent.JoinRoom,
  SignalingEvent.Offer,
  SignalingEvent.Answer,
  SignalingEvent.IceCandidate,
  SignalingEvent.ChatMessage,
  SignalingEvent.ChatHistory,
  SignalingEvent.MediaState,
  SignalingEvent.LeaveRoom,
  SignalingEvent.EndSession,
  SignalingEvent.WaitingMessage,
  SignalingEvent.AdmitGuest,
  SignalingEvent.DeclineGuest,
  SignalingEvent.RemoveParticipant,
  SignalingEvent.CallStats,
  SignalingEvent.VerifyCall,
] as const;

export const MAX_SDP_LENGTH = 20_000;
export const MAX_CANDIDATE_LENGTH = 1_000;
export const MAX_CHAT_LENGTH = 2_000;
/** Chat lines a join delivers (the newest ones), and the default page of `chat-history`. */
export const CHAT_HISTORY_PAGE = 200;
/** The largest page `chat-history` answers. */
export const MAX_CHAT_HISTORY_PAGE = 500;
/** Socket.IO's maxHttpBufferSize: the largest signaling message plus framing. */
export const MAX_SIGNALING_MESSAGE_BYTES = 32 * 1024;

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

/** Why someone sends no video: they turned the camera off, the network could not carry it (adaptive quality), or the camera is unavailable (blocked, missing, in use). */
export const VIDEO_OFF_CAUSES = ['person', 'network', 'device'] as const;
export const ZVideoOffCauseSchema = z.enum(VIDEO_OFF_CAUSES);
export type VideoOffCause = z.infer<typeof ZVideoOffCauseSchema>;
/** Why someone sends no sound: they muted, or the microphone is unavailable (blocked, missing, in use). */
export const AUDIO_OFF_CAUSES = ['person', 'device'] as const;
export const ZAudioOffCauseSchema = z.enum(AUDIO_OFF_CAUSES);
export type AudioOffCause = z.infer<typeof ZAudioOffCauseSchema>;

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

/** How a pair's media flows, from the selected ICE candidate pair: straight between them, or relayed through TURN. */
export const CONNECTION_PATHS = ['direct', 'relayed'] as const;
export const ZConnectionPathSchema = z.enum(CONNECTION_PATHS);
export type ConnectionPath = z.infer<typeof ZConnectionPathSchema>;

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
export const CALL_STATS_INTERVAL_MS = 10_000;

/** The verified-call code: six digits, shown as "123 456". */
export const VERIFICATION_CODE_PATTERN = /^\d{3} \d{3}$/;
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

export interface WaitingForPeerEvent {
  sessionId: string;
  since: string;
}
export interface PeerJoinedEvent {
  peer: Participant;
  /** Perfect negotiation: the polite side yields on an offer collision. The two sides always differ. */
  polite: boolean;
  /** True when the peer came back inside the reconnect grace: restart ICE rather than start over. */
  resumed: boolean;
}
export interface RelayedSdpEvent {
  sdp: string;
  from: string;
}
export interface RelayedIceCandidateEvent {
  candidate: IceCandidateInit;
  from: string;
}
export interface PeerLeftEvent {
  peer: Participant;
}
export interface PeerReconnectingEvent {
  peer: Participant;
  graceSeconds: number;
}
export interface SessionEndedEvent {
  sessionId: string;
  endedBy: string;
  endedAt: string;
}
export interface RelayedMediaStateEvent extends MediaState {
  from: string;
}
export interface WaitingPatient {
  appointmentId: string;
  sessionId: string;
  roomId: string;
  patient: { id: string; name: string };
  reason: string;
  startsAt: string;
  endsAt: string;
  /** When the patient entered the waiting room (ISO). */
  since: string;
}
/** A guest at the door of the call, waiting for the doctor to admit or decline them. */
export interface LobbyGuest {
  guestId: string;
  name: string;
  guestRole: GuestRole;
  /** When they arrived (ISO). */
  since: string;
}
/** To the doctor's call: who waits in the lobby now (the whole list, every time it changes). */
export interface LobbyUpdatedEvent {
  waiting: LobbyGuest[];
}
/** To a guest in the lobby: the doctor let them in; `join-room` again takes the seat. */
export interface AdmittedEvent {
  sessionId: string;
}
/** To a guest in the lobby (declined) or in the call (removed): why, in a sentence. */
export interface TurnedAwayEvent {
  sessionId: string;
  message: string;
}
export interface WaitingRoomUpdatedEvent {
  waiting: WaitingPatient[];
}
/** To everyone in the call: the doctor compared the code with `peerId` aloud and marked their pair verified. */
export interface CallVerifiedEvent {
  /** The doctor. */
  by: string;
  peerId: string;
  code: string;
  at: string;
}

// ---- acknowledgements ----

/** A refused client event: `reason` for programs to branch on, `error` the sentence for people. */
export type AckError = { ok: false; error: string; code: number; reason: ErrorReason };
export type Ack<T extends object = object> = ({ ok: true } & T) | AckError;
export type AckCallback<T extends object = object> = (ack: Ack<T>) => void;

export interface JoinRoomResult {
  /** In the call (always, but for a guest the doctor has not admitted yet: see LobbyJoinResult). */
  admitted: true;
  sessionId: string;
  appointmentId: string;
  self: Participant;
  /** Who is in the room now besides the caller. */
  peers: Participant[];
  /** The newest lines of this visit's chat (at most CHAT_HISTORY_PAGE), oldest first, for display. */
  chat: ChatMessage[];
  /** Older lines exist: ask `chat-history { before: chat[0].id }` for them. */
  chatHasMore: boolean;
  endsAt: string;
  /** For the doctor: guests waiting to be admitted (empty for everyone else). */
  lobby: LobbyGuest[];
}

/** A guest's `join-room` before the doctor admits them: they wait in the lobby for `admitted` or `declined`. */
export interface LobbyJoinResult {
  admitted: false;
  sessionId: string;
  appointmentId: string;
  self: Participant;
  endsAt: string;
}

export type JoinRoomAck = JoinRoomResult | LobbyJoinResult;

export interface ChatHistoryResult {
  /** The page, oldest first (prepend it to what is shown). */
  messages: ChatMessage[];
  /** Still older lines exist: ask again with `before: messages[0].id`. */
  hasMore: boolean;
}

export interface ClientToServerEvents {
  'join-room': (request: JoinRoomRequest, ack: AckCallback<JoinRoomAck>) => void;
  offer: (request: SdpRequest, ack: AckCallback) => void;
  answer: (request: SdpRequest, ack: AckCallback) => void;
  'ice-candidate': (request: IceCandidateRequest, ack: AckCallback) => void;
  'chat-message': (request: ChatMessageRequest, ack: AckCallback<{ message: ChatMessage }>) => void;
  'chat-history': (request: ChatHistoryRequest, ack: AckCallback<ChatHistoryResult>) => void;
  'media-state': (request: MediaState, ack: AckCallback) => void;
  'leave-room': (request: object | undefined, ack: AckCallback) => void;
  'end-session': (request: object | undefined, ack: AckCallback<{ endedAt: string }>) => void;
  'waiting-message': (request: WaitingMessageRequest, ack: AckCallback<{ sentAt: string }>) => void;
  'admit-guest': (request: GuestDecisionRequest, ack: AckCallback) => void;
  'decline-guest': (request: GuestDecisionRequest, ack: AckCallback) => void;
  'remove-participant': (request: RemoveParticipantRequest, ack: AckCallback) => void;
  'call-stats': (request: CallStatsRequest, ack: AckCallback) => void;
  'verify-call': (request: VerifyCallRequest, ack: AckCallback<{ verifiedAt: string }>) => void;
}

export interface ServerToClientEvents {
  'waiting-for-peer': (event: WaitingForPeerEvent) => void;
  'peer-joined': (event: PeerJoinedEvent) => void;
  offer: (event: RelayedSdpEvent) => void;
  answer: (event: RelayedSdpEvent) => void;
  'ice-candidate': (event: RelayedIceCandidateEvent) => void;
  'chat-message': (event: ChatMessage) => void;
  'media-state': (event: RelayedMediaStateEvent) => void;
  'peer-left': (event: PeerLeftEvent) => void;
  'peer-reconnecting': (event: PeerReconnectingEvent) => void;
  'session-ended': (event: SessionEndedEvent) => void;
  'waiting-room-updated': (event: WaitingRoomUpdatedEvent) => void;
  'visit-updated': (event: VisitUpdatedEvent) => void;
  'waiting-message': (event: WaitingMessageEvent) => void;
  'waiting-position': (event: WaitingPositionEvent) => void;
  'lobby-updated': (event: LobbyUpdatedEvent) => void;
  admitted: (event: AdmittedEvent) => void;
  declined: (event: TurnedAwayEvent) => void;
  removed: (event: TurnedAwayEvent) => void;
  'call-verified': (event: CallVerifiedEvent) => void;
}

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
