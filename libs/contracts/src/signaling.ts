import type { ErrorReason } from './error';
import type { GuestRole } from './guests';
import type {
  ChatHistoryRequest,
  ChatMessage,
  ChatMessageRequest,
  GuestDecisionRequest,
  IceCandidateInit,
  IceCandidateRequest,
  JoinRoomRequest,
  MediaState,
  Participant,
  RemoveParticipantRequest,
  SdpRequest,
  CallStatsRequest,
  VerifyCallRequest,
} from './schemas/signaling';
import type { WaitingMessageRequest } from './schemas/visit-updates';
import type { VisitUpdatedEvent, WaitingMessageEvent, WaitingPositionEvent } from './visit-updates';

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

/** Why someone sends no video: they turned the camera off, the network could not carry it (adaptive quality), or the camera is unavailable (blocked, missing, in use). */
export const VIDEO_OFF_CAUSES = ['person', 'network', 'device'] as const;
export type VideoOffCause = (typeof VIDEO_OFF_CAUSES)[number];
/** Why someone sends no sound: they muted, or the microphone is unavailable (blocked, missing, in use). */
export const AUDIO_OFF_CAUSES = ['person', 'device'] as const;
export type AudioOffCause = (typeof AUDIO_OFF_CAUSES)[number];

/** How a pair's media flows, from the selected ICE candidate pair: straight between them, or relayed through TURN. */
export const CONNECTION_PATHS = ['direct', 'relayed'] as const;
export type ConnectionPath = (typeof CONNECTION_PATHS)[number];

/** How often a connected pair's browser samples its connection for `call-stats`. */
export const CALL_STATS_INTERVAL_MS = 10_000;

/** The verified-call code: six digits, shown as "123 456". */
export const VERIFICATION_CODE_PATTERN = /^\d{3} \d{3}$/;

// ---- server -> client payloads ----

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
  /**
   * Who was in the room besides the caller when the server took the join. Someone whose
   * `peer-joined` reached the caller before this answer came in after it, and is not listed.
   */
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
