import type { RoomStatsEntry, RoomStatsResponse, SeedRoomStats } from '@telehealth/contracts';
import type { RoomState } from './room-state';

/**
 * The admin's overview of the rooms someone is connected to, longest-open first. A seat counts as
 * connected only if its socket is among `liveSocketIds`: a room state outlives the process that
 * held its sockets if that process dies, and a room nobody is connected to is left out.
 */
export function roomStats(states: RoomState[], liveSocketIds: ReadonlySet<string>, at: Date): RoomStatsResponse {
  const isLive = (socketId: string | null) => socketId !== null && liveSocketIds.has(socketId);
  const rooms: RoomStatsEntry[] = states
    .filter((state) => !state.ended && state.seats.some((seat) => isLive(seat.socketId)))
    .map((state) => {
      const seats = state.seats
        .map((seat) => ({ role: seat.role, connected: isLive(seat.socketId), joinedAt: seat.joinedAt }))
        .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
      const clients = seats.filter((seat) => seat.connected).length;
      return {
        roomId: state.roomId,
        sessionId: state.sessionId,
        started: state.started,
        clients,
        reconnecting: seats.length - clients,
        seats,
      };
    })
    // Only rooms with a live seat are kept (the filter above), so every room has a first seat.
    .sort((a, b) => a.seats[0]!.joinedAt.localeCompare(b.seats[0]!.joinedAt) || a.roomId.localeCompare(b.roomId));
  const sum = (count: (room: RoomStatsEntry) => number) => rooms.reduce((total, room) => total + count(room), 0);
  return {
    at: at.toISOString(),
    totals: {
      rooms: rooms.length,
      clients: sum((room) => room.clients),
      reconnecting: sum((room) => room.reconnecting),
      calls: sum((room) =>
        ['DOCTOR', 'PATIENT'].every((role) => room.seats.some((seat) => seat.role === role && seat.connected)) ? 1 : 0,
      ),
    },
    rooms,
  };
}

/**
 * The seed documents' shape of the same overview: each open room with the client ids (user ids)
 * connected to it now (in the order they joined), and the totals; rooms by id.
 */
export function seedRoomStats(states: RoomState[], liveSocketIds: ReadonlySet<string>): SeedRoomStats {
  const rooms = states
    .filter((state) => !state.ended)
    .map((state) => ({
      room_id: state.roomId,
      clients: [...state.seats]
        .filter((seat) => seat.socketId !== null && liveSocketIds.has(seat.socketId))
        .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
        .map((seat) => seat.userId),
    }))
    .filter((room) => room.clients.length > 0)
    .sort((a, b) => a.room_id.localeCompare(b.room_id));
  return { rooms, total_rooms: rooms.length, total_clients: rooms.reduce((total, room) => total + room.clients.length, 0) };
}
