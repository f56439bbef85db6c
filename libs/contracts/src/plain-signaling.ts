/**
 * The minimal signaling API of the seed documents (issue 19), served beside the Socket.IO gateway
 * on the same room engine: `POST /api/rooms/join`, `POST /api/rooms/leave` and a plain WebSocket
 * at `/ws` speaking JSON messages `{ type, from, to?, room_id, payload }`.
 *
 * Identities: a `client_id` is the caller's user id, the same id the Socket.IO gateway stamps as
 * `from` and accepts as `to`, so a plain client and a browser address each other alike.
 */

/** The plain WebSocket's path (not under /api: the seed documents it at the root). */
export const PLAIN_SIGNALING_PATH = '/ws';

/**
 * A browser cannot set headers on a WebSocket: it offers the subprotocols
 * `["access_token", "<token>"]` and the server selects `access_token` (never echoing the token).
 * The token may also come as the `access_token` query parameter.
 */
export const PLAIN_SIGNALING_TOKEN_PROTOCOL = 'access_token';

/**
 * How the server closes a plain WebSocket. 1000: meant (after `bye`, or the server ended this
 * connection for good: the visit opened elsewhere, too many messages, the sign-in expired): do not
 * reconnect. 1012 ("service restart"): the server moved the client on (a draining or paused API
 * process): reconnect, as a Socket.IO client would. 4000 + status: the connection was refused.
 */
export const PLAIN_CLOSE = { final: 1000, reconnect: 1012, refusedBase: 4000 } as const;

/** Who sent a message the server itself wrote (joined, errors, the waiting room's events). */
export const PLAIN_SERVER_SENDER = 'server';

/**
 * `chat` is the mobile-app seed's: `payload.text` from a client, and the visit's chat lines to it
 * (`payload: { text, ...the ChatMessage }`), whichever transport the writer used.
 */
export const PLAIN_MESSAGE_TYPES = ['offer', 'answer', 'candidate', 'bye', 'custom', 'chat'] as const;
export type PlainMessageType = (typeof PLAIN_MESSAGE_TYPES)[number];

/**
 * What the server sends. offer/answer/candidate/bye come from another client of the room (`from`
 * its client id); `custom` carries every other event of the room engine as `{ event, data }`, with
 * `data` exactly the Socket.IO event's payload (see ServerToClientEvents): `joined` (the join's
 * result), `lobby` (a guest waiting for the doctor), `waiting-for-peer`, `peer-joined`,
 * `peer-reconnecting`, `waiting-room-updated` and `waiting-position` (the waiting room),
 * `waiting-message`, `chat-message`, `media-state`, `session-ended`, `visit-updated`, `ack` (the
 * answer to a client's custom event: `{ event, ...result }`), `left` (after bye).
 */
export interface PlainServerMessage {
  type: PlainMessageType;
  from: string;
  to?: string;
  room_id: string;
  payload: unknown;
}

/**
 * A refused message or connection: the REST error shape plus what it answers. The socket stays
 * open after a refused message; a refused connection (bad token, wrong room) is closed with code
 * 4000 + `code` (4401, 4403, 4404, ...).
 */
export interface PlainErrorMessage {
  type: 'error';
  from: typeof PLAIN_SERVER_SENDER;
  room_id: string;
  error: string;
  code: number;
  reason: string;
  /** The type of the message refused, when a message was. */
  in_reply_to?: string;
  /** The refused custom message's `payload.id`, when it had one. */
  id?: string | number;
}

// ---- instant rooms (POST /api/rooms, or POST /api/rooms/join without room_id) ----

/** An instant visit's length unless the doctor says otherwise. */
export const INSTANT_VISIT_MINUTES = 20;

/** The seed's shape of `GET /api/rooms/stats?format=seed`. */
export interface SeedRoomStats {
  rooms: Array<{ room_id: string; clients: string[] }>;
  total_rooms: number;
  total_clients: number;
}
