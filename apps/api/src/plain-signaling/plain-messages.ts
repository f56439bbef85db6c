import {
  AckError,
  CLIENT_EVENTS,
  describeZodError,
  PLAIN_SERVER_SENDER,
  PlainClientMessage,
  PlainErrorMessage,
  PlainServerMessage,
  SignalingEvent,
  ZPlainClientMessageSchema,
  ZPlainCustomPayloadSchema,
} from '@telehealth/contracts';

/** A plain message as the gateway's client event it stands for. */
export interface GatewayEvent {
  event: string;
  payload: unknown;
  /** A custom message's `payload.id`, given back with its answer. */
  id?: string | number;
}

/** Events a plain client may not send as `custom`: its connection's join and `bye` stand for them. */
const MANAGED_EVENTS = new Set<string>([SignalingEvent.JoinRoom, SignalingEvent.LeaveRoom]);
const CUSTOM_EVENTS = new Set<string>(CLIENT_EVENTS.filter((event) => !MANAGED_EVENTS.has(event)));

const refusal = (code: number, reason: AckError['reason'], error: string): AckError => ({ ok: false, code, reason, error });

/** Reads one text frame: JSON of the plain message shape, or the refusal that says what is wrong. */
export function readPlainMessage(text: string): { ok: true; message: PlainClientMessage } | AckError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refusal(400, 'validation_failed', `Not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = ZPlainClientMessageSchema.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : refusal(400, 'validation_failed', describeZodError(parsed.error));
}

/** The gateway event a plain message stands for (offer → offer, candidate → ice-candidate, bye → leave-room, custom → its event). */
export function toGatewayEvent(message: PlainClientMessage, roomId: string): GatewayEvent | AckError {
  if (message.room_id !== undefined && message.room_id !== roomId)
    return refusal(400, 'validation_failed', `room_id: this connection is for room ${roomId}; open another for another room.`);
  const to = message.to !== undefined ? { to: message.to } : {};
  switch (message.type) {
    case 'offer':
    case 'answer': {
      const payload = message.payload as { sdp?: unknown } | string | undefined;
      const sdp = typeof payload === 'string' ? payload : payload?.sdp;
      return { event: message.type, payload: { sdp, ...to } };
    }
    case 'candidate':
      return { event: SignalingEvent.IceCandidate, payload: { candidate: message.payload, ...to } };
    case 'bye':
      return { event: SignalingEvent.LeaveRoom, payload: undefined };
    case 'chat': {
      // The gateway's chat rules (length, control characters, persistence) judge the text itself.
      const text = (message.payload as { text?: unknown } | undefined)?.text;
      return { event: SignalingEvent.ChatMessage, payload: { body: text } };
    }
    case 'custom': {
      const custom = ZPlainCustomPayloadSchema.safeParse(message.payload);
      if (!custom.success) return refusal(400, 'validation_failed', `payload: ${describeZodError(custom.error)}`);
      const id = custom.data.id !== undefined ? { id: custom.data.id } : {};
      if (!CUSTOM_EVENTS.has(custom.data.event))
        return {
          ...refusal(404, 'unknown_event', `payload.event: "${custom.data.event.slice(0, 40)}" is not an event a client may send.`),
          ...id,
        };
      return { event: custom.data.event, payload: custom.data.data, ...id };
    }
  }
}

/** A gateway event for this client, as the plain message it reads. */
export function toPlainMessage(event: string, data: unknown, roomId: string, self: string | undefined): PlainServerMessage {
  const record = (data ?? {}) as Record<string, unknown>;
  const sender = typeof record.from === 'string' ? record.from : PLAIN_SERVER_SENDER;
  const to = self !== undefined ? { to: self } : {};
  switch (event) {
    case SignalingEvent.Offer:
    case SignalingEvent.Answer:
      return { type: event, from: sender, ...to, room_id: roomId, payload: { type: event, sdp: record.sdp } };
    case SignalingEvent.IceCandidate:
      return { type: 'candidate', from: sender, ...to, room_id: roomId, payload: record.candidate };
    case SignalingEvent.ChatMessage:
      return { type: 'chat', from: sender, room_id: roomId, payload: { text: record.body, ...record } };
    case SignalingEvent.PeerLeft: {
      const peer = record.peer as { userId?: unknown } | undefined;
      return { type: 'bye', from: typeof peer?.userId === 'string' ? peer.userId : PLAIN_SERVER_SENDER, room_id: roomId, payload: data };
    }
    default:
      return { type: 'custom', from: sender, room_id: roomId, payload: { event, data } };
  }
}

/** What the server says of its own (joined, left, an answer to a custom event). */
export function serverMessage(event: string, data: unknown, roomId: string): PlainServerMessage {
  return { type: 'custom', from: PLAIN_SERVER_SENDER, room_id: roomId, payload: { event, data } };
}

export function errorMessage(error: AckError & { id?: string | number }, roomId: string, inReplyTo?: string): PlainErrorMessage {
  return {
    type: 'error',
    from: PLAIN_SERVER_SENDER,
    room_id: roomId,
    error: error.error,
    code: error.code,
    reason: error.reason,
    ...(inReplyTo ? { in_reply_to: inReplyTo } : {}),
    ...(error.id !== undefined ? { id: error.id } : {}),
  };
}
