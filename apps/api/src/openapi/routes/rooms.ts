import { ZIceServersResponseSchema, ZRoomStatsResponseSchema, ZRoomStatsQuerySchema } from '@telehealth/contracts';
import { type RouteEntry, SIGNED_IN } from '../route-types';

/** Call rooms and the ICE servers a call uses. */
export const ROOM_ROUTES: readonly RouteEntry[] = [
  {
    method: 'get',
    path: '/api/rooms/stats',
    tag: 'rooms',
    summary:
      "Open rooms across every API process (`?format=seed`: the seed documents' `{ rooms: [{ room_id, clients }], total_rooms, total_clients }`)",
    auth: ['ADMIN'],
    query: ZRoomStatsQuerySchema,
    response: { status: 200, schema: ZRoomStatsResponseSchema },
  },
  {
    method: 'get',
    path: '/api/ice-servers',
    tag: 'rooms',
    summary: 'STUN and TURN servers (with short-lived TURN credentials) for the call',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZIceServersResponseSchema },
  },
];
