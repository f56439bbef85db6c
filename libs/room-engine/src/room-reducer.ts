import type { AckError, ErrorReason, Participant, ServerToClientEvents } from '@telehealth/contracts';
import { isPolite, otherSeat, ROOM_CAPACITY, RoomState, Seat, seatOf } from './room-state';

export type TimelineEventType = 'JOINED' | 'WAITING' | 'PEER_JOINED' | 'RECONNECTED' | 'LEFT' | 'ENDED';

export type RoomEvent =
  | { type: 'join'; participant: Participant; socketId: string; now: string }
  /** The same socket came back through Socket.IO's connection-state recovery. */
  | { type: 'recover'; userId: string; socketId: string; now: string }
  | { type: 'leave'; userId: string; socketId: string; now: string }
  | { type: 'drop'; userId: string; socketId: string; now: string; graceSeconds: number }
  | { type: 'grace-expired'; userId: string; socketId: string; now: string }
  | { type: 'end'; userId: string; now: string };

type SendEffect = {
  [E in keyof ServerToClientEvents]: { type: 'send'; socketId: string; event: E; payload: Parameters<ServerToClientEvents[E]>[0] };
}[keyof ServerToClientEvents];

export type RoomEffect =
  | SendEffect
  /** To every socket in the room. */
  | { type: 'broadcast-ended'; payload: Parameters<ServerToClientEvents['session-ended']>[0] }
  | { type: 'record'; event: TimelineEventType; userId: string; detail?: Record<string, string> }
  /** Doctor and patient are together for the first time. */
  | { type: 'session-started'; at: string }
  | { type: 'session-ended'; endedBy: string; at: string }
  | { type: 'start-grace'; userId: string; socketId: string; seconds: number }
  /** A socket that lost its seat to a newer socket of the same user (another tab or device). */
  | { type: 'evict'; socketId: string }
  /** Whether the patient now waits alone in the room, for the doctor's waiting room. */
  | { type: 'waiting'; patientWaiting: boolean };

export interface RoomTransition {
  state: RoomState;
  effects: RoomEffect[];
  error?: AckError;
}

function refuse(state: RoomState, code: number, reason: ErrorReason, error: string): RoomTransition {
  return { state, effects: [], error: { ok: false, code, reason, error } };
}

function participant(seat: Seat): Participant {
  return { userId: seat.userId, name: seat.name, role: seat.role };
}

function present(seat: Seat | undefined): seat is Seat & { socketId: string } {
  return !!seat && seat.socketId !== null;
}

function patientWaiting(state: RoomState): boolean {
  const patient = seatOf(state, state.patientId);
  const doctor = seatOf(state, state.doctorId);
  return !state.ended && present(patient) && !present(doctor);
}

function withSeat(state: RoomState, seat: Seat): RoomState {
  return { ...state, seats: [...state.seats.filter((other) => other.userId !== seat.userId), seat] };
}

function withoutSeat(state: RoomState, userId: string): RoomState {
  return { ...state, seats: state.seats.filter((seat) => seat.userId !== userId) };
}

/** Introduces two present seats to each other; `resumed` keeps their peer connections and restarts ICE. */
function introduce(
  state: RoomState,
  a: Seat & { socketId: string },
  b: Seat & { socketId: string },
  resumed: boolean,
  now: string,
): RoomTransition {
  const effects: RoomEffect[] = [
    { type: 'send', socketId: a.socketId, event: 'peer-joined', payload: { peer: participant(b), polite: isPolite(a), resumed } },
    { type: 'send', socketId: b.socketId, event: 'peer-joined', payload: { peer: participant(a), polite: isPolite(b), resumed } },
  ];
  if (!resumed) effects.push({ type: 'record', event: 'PEER_JOINED', userId: a.userId, detail: { peer: b.userId } });
  let next = state;
  if (!state.started) {
    next = { ...state, started: true };
    effects.push({ type: 'session-started', at: now });
  }
  return { state: next, effects };
}

function join(state: RoomState, event: Extract<RoomEvent, { type: 'join' }>): RoomTransition {
  if (state.ended) return refuse(state, 409, 'visit_ended', 'This visit has ended; it can no longer be joined.');
  const existing = seatOf(state, event.participant.userId);
  if (!existing && state.seats.length >= ROOM_CAPACITY) return refuse(state, 409, 'room_full', 'This visit already has its participants.');

  const effects: RoomEffect[] = [];
  if (existing?.socketId && existing.socketId !== event.socketId) effects.push({ type: 'evict', socketId: existing.socketId });
  const returning = existing !== undefined && existing.socketId === null;
  const seat: Seat & { socketId: string } = {
    ...event.participant,
    socketId: event.socketId,
    droppedSocketId: null,
    joinedAt: existing?.joinedAt ?? event.now,
  };
  let next = withSeat(state, seat);
  effects.push({ type: 'record', event: returning ? 'RECONNECTED' : 'JOINED', userId: seat.userId });

  const other = otherSeat(next, seat.userId);
  if (present(other)) {
    // A new page has a new peer connection: both sides start negotiation afresh.
    const introduced = introduce(next, seat, other, false, event.now);
    next = introduced.state;
    effects.push(...introduced.effects);
  } else {
    effects.push({
      type: 'send',
      socketId: seat.socketId,
      event: 'waiting-for-peer',
      payload: { sessionId: state.sessionId, since: event.now },
    });
    effects.push({ type: 'record', event: 'WAITING', userId: seat.userId });
  }
  effects.push({ type: 'waiting', patientWaiting: patientWaiting(next) });
  return { state: next, effects };
}

function recover(state: RoomState, event: Extract<RoomEvent, { type: 'recover' }>): RoomTransition {
  const seat = seatOf(state, event.userId);
  if (
    state.ended ||
    !seat ||
    (seat.socketId !== null && seat.socketId !== event.socketId) ||
    (seat.socketId === null && seat.droppedSocketId !== event.socketId)
  ) {
    return refuse(state, 409, 'not_in_room', 'Your place in this visit was given up; join again.');
  }
  const back: Seat & { socketId: string } = { ...seat, socketId: event.socketId, droppedSocketId: null };
  let next = withSeat(state, back);
  const effects: RoomEffect[] = [{ type: 'record', event: 'RECONNECTED', userId: seat.userId }];
  const other = otherSeat(next, seat.userId);
  if (present(other)) {
    const introduced = introduce(next, back, other, true, event.now);
    next = introduced.state;
    effects.push(...introduced.effects);
  } else {
    effects.push({
      type: 'send',
      socketId: back.socketId,
      event: 'waiting-for-peer',
      payload: { sessionId: state.sessionId, since: event.now },
    });
  }
  effects.push({ type: 'waiting', patientWaiting: patientWaiting(next) });
  return { state: next, effects };
}

function depart(state: RoomState, seat: Seat, reason: 'left' | 'timeout'): RoomTransition {
  const next = withoutSeat(state, seat.userId);
  const effects: RoomEffect[] = [{ type: 'record', event: 'LEFT', userId: seat.userId, detail: { reason } }];
  const other = otherSeat(next, seat.userId);
  if (present(other)) effects.push({ type: 'send', socketId: other.socketId, event: 'peer-left', payload: { peer: participant(seat) } });
  effects.push({ type: 'waiting', patientWaiting: patientWaiting(next) });
  return { state: next, effects };
}

function end(state: RoomState, event: Extract<RoomEvent, { type: 'end' }>): RoomTransition {
  if (event.userId !== state.doctorId) return refuse(state, 403, 'forbidden', 'Only the doctor can end the visit.');
  if (state.ended) return refuse(state, 409, 'visit_ended', 'This visit has already ended.');
  const payload = { sessionId: state.sessionId, endedBy: event.userId, endedAt: event.now };
  return {
    state: { ...state, ended: true, seats: [] },
    effects: [
      { type: 'session-ended', endedBy: event.userId, at: event.now },
      { type: 'record', event: 'ENDED', userId: event.userId },
      { type: 'broadcast-ended', payload },
      { type: 'waiting', patientWaiting: false },
    ],
  };
}

/**
 * The room engine: what a room becomes after an event, and what must be said and written
 * because of it. Pure: the gateway performs the effects (emits, timeline rows, timers).
 */
export function applyRoomEvent(state: RoomState, event: RoomEvent): RoomTransition {
  switch (event.type) {
    case 'join':
      return join(state, event);
    case 'recover':
      return recover(state, event);
    case 'leave': {
      const seat = seatOf(state, event.userId);
      if (!seat || seat.socketId !== event.socketId) return { state, effects: [] };
      return depart(state, seat, 'left');
    }
    case 'drop': {
      const seat = seatOf(state, event.userId);
      if (!seat || seat.socketId !== event.socketId || state.ended) return { state, effects: [] };
      const next = withSeat(state, { ...seat, socketId: null, droppedSocketId: event.socketId });
      const effects: RoomEffect[] = [{ type: 'start-grace', userId: seat.userId, socketId: event.socketId, seconds: event.graceSeconds }];
      const other = otherSeat(next, seat.userId);
      if (present(other)) {
        effects.push({
          type: 'send',
          socketId: other.socketId,
          event: 'peer-reconnecting',
          payload: { peer: participant(seat), graceSeconds: event.graceSeconds },
        });
      }
      effects.push({ type: 'waiting', patientWaiting: patientWaiting(next) });
      return { state: next, effects };
    }
    case 'grace-expired': {
      const seat = seatOf(state, event.userId);
      if (!seat || seat.socketId !== null || seat.droppedSocketId !== event.socketId) return { state, effects: [] };
      return depart(state, seat, 'timeout');
    }
    case 'end':
      return end(state, event);
  }
}
