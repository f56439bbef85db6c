import {
  ZCreatedRoomSchema,
  ZCreateRoomRequestSchema,
  ZRoomJoinRequestSchema,
  ZRoomJoinResponseSchema,
  ZRoomLeaveRequestSchema,
  ZRoomLeaveResponseSchema,
  ZRoomViewSchema,
} from '@telehealth/contracts';
import { type RouteEntry, SIGNED_IN } from '../route-types';

/**
 * The seed documents' room REST. Its WebSocket (`GET /ws?room_id=…&client_id=…`, the token as the
 * subprotocol beside `access_token` or the `access_token` query parameter, JSON messages
 * `{ type, from, to?, room_id, payload }`) is described in libs/contracts/src/plain-signaling.ts.
 */
export const PLAIN_SIGNALING_ROUTES: readonly RouteEntry[] = [
  {
    method: 'post',
    path: '/api/rooms',
    tag: 'rooms',
    summary: 'Start an instant visit (from now, 20 minutes unless told): its room, and the link and code to share with the patient',
    auth: ['DOCTOR'],
    body: ZCreateRoomRequestSchema,
    response: { status: 201, schema: ZCreatedRoomSchema },
    errors: { 409: true },
  },
  {
    method: 'post',
    path: '/api/rooms/join',
    tag: 'rooms',
    summary:
      'May I enter this room now, and as which client id (a WebSocket then takes the seat); without room_id, a doctor starts an instant room',
    auth: SIGNED_IN,
    body: ZRoomJoinRequestSchema,
    response: { status: 200, schema: ZRoomJoinResponseSchema },
    errors: { 404: true, 409: true, 410: true, 425: true },
  },
  {
    method: 'post',
    path: '/api/rooms/leave',
    tag: 'rooms',
    summary: "Gives up the caller's seat in the room, whichever API process and transport holds it",
    auth: SIGNED_IN,
    body: ZRoomLeaveRequestSchema,
    response: { status: 200, schema: ZRoomLeaveResponseSchema },
  },
  {
    method: 'get',
    path: '/api/rooms/:id',
    tag: 'rooms',
    summary: 'The room of one of my visits before joining: when, audio or video, who is in it, and whether I may join now',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZRoomViewSchema },
  },
  {
    method: 'post',
    path: '/api/rooms/:id/join',
    tag: 'rooms',
    summary: 'May I enter this room now (as POST /api/rooms/join with room_id)',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZRoomJoinResponseSchema },
    errors: { 409: true, 410: true, 425: true },
  },
  {
    method: 'post',
    path: '/api/rooms/:id/leave',
    tag: 'rooms',
    summary: "Gives up the caller's seat in this room (as POST /api/rooms/leave)",
    auth: SIGNED_IN,
    response: { status: 200, schema: ZRoomLeaveResponseSchema },
  },
];
