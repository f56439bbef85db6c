import type { AckError, ErrorReason, LobbyGuest, Participant, ServerToClientEvents } from '@telehealth/contracts';
import { isPoliteTowards, LobbyEntry, lobbyOf, needsAdmission, RoomState, Seat, seatOf } from './room-state';

export type TimelineEventType = 'JOINED' | 'WAITING' | 'PEER_JOINED' | 'RECONNECTED' | 'LEFT' | 'ENDED';

export type RoomEvent =
  /** `capacity`: the most people the clinic lets into one call (ROOM_CAPACITY). */
  | { type: 'join'; participant: Participant; socketId: string; now: string; capacity: number }
  /** The same socket came back through Socket.IO's connection-state recovery. */
  | { type: 'recover'; userId: string; socketId: string; now: string }
  | { type: 'leave'; userId: string; socketId: string; now: string }
  | { type: 'drop'; userId: string; socketId: string; now: string; graceSeconds: number }
  | { type: 'grace-expired'; userId: string; socketId: string; now: string }
  | { type: 'end'; userId: string; now: string }
  /** The doctor (`userId`) lets a guest of the lobby in, or turns them away. */
  | { type: 'admit'; userId: string; guestId: string; now: string; capacity: number }
  | { type: 'decline'; userId: string; guestId: string; now: string }
  /** A guest the doctor removed (the removal itself, with its checks, is the visit-guests service's). */
  | { type: 'remove'; guestId: string; now: string };

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
  /** A socket that lost its place to a newer socket of the same user (another tab or device), or a removed guest's. */
  | { type: 'evict'; socketId: string }
  /** Whether the patient now waits alone in the room, for the doctor's waiting room. */
  | { type: 'waiting'; patientWaiting: boolean };

export interface RoomTransition {
  state: RoomState;
  effects: RoomEffect[];
  error?: AckError;
  /** Set on a join that put a guest in the lobby rather than in a seat. */
  inLobby?: true;
}

export const DECLINED_MESSAGE = 'The doctor did not admit you to this visit.';
export const REMOVED_MESSAGE = 'The doctor removed you from this visit.';

function refuse(state: RoomState, code: number, reason: ErrorReason, error: string): RoomTransition {
  return { state, effects: [], error: { ok: false, code, reason, error } };
}

const roomFull = (state: RoomState, capacity: number) =>
  refuse(state, 409, 'room_full', `This visit is full: at most ${capacity} people can be in it at once.`);

function participant(seat: Seat): Participant {
  const { userId, name, role, guestRole } = seat;
  return guestRole ? { userId, name, role, guestRole } : { userId, name, role };
}

function present(seat: Seat | undefined): seat is Seat & { socketId: string } {
  return !!seat && seat.socketId !== null;
}

/** The other people of the room whose socket is here now. */
function othersPresent(state: RoomState, userId: string): Array<Seat & { socketId: string }> {
  return state.seats.filter((seat): seat is Seat & { socketId: string } => seat.userId !== userId && present(seat));
}

function patientWaiting(state: RoomState): boolean {
  return !state.ended && present(seatOf(state, state.patientId)) && !present(seatOf(state, state.doctorId));
}

function withSeat(state: RoomState, seat: Seat): RoomState {
  // concat sizes the new array to fit; a spread would leave room for 16 more seats in every room kept.
  const seats = state.seats.some((other) => other.userId === seat.userId)
    ? state.seats.map((other) => (other.userId === seat.userId ? seat : other))
    : state.seats.concat(seat);
  return { ...state, seats };
}

function withoutSeat(state: RoomState, userId: string): RoomState {
  return { ...state, seats: state.seats.filter((seat) => seat.userId !== userId) };
}

function withLobby(state: RoomState, lobby: LobbyEntry[]): RoomState {
  return { ...state, lobby };
}

/** The lobby as the doctor sees it. */
export function lobbyGuests(state: RoomState): LobbyGuest[] {
  return lobbyOf(state).map(({ userId, name, guestRole, since }) => ({ guestId: userId, name, guestRole, since }));
}

/** Tells the doctor, if present, who waits in the lobby now. */
function lobbyUpdate(state: RoomState): RoomEffect[] {
  const doctor = seatOf(state, state.doctorId);
  if (!present(doctor)) return [];
  return [{ type: 'send', socketId: doctor.socketId, event: 'lobby-updated', payload: { waiting: lobbyGuests(state) } }];
}

/**
 * Introduces `seat` to every other present person, pair by pair, with each pair's politeness.
 * A pair is `resumed` (keep the peer connections, restart ICE) when `seat` came back on the same
 * page and the other person's page is older than the drop: both still hold their connection.
 * Starts the visit when doctor and patient are together for the first time.
 */
function introduce(state: RoomState, seat: Seat & { socketId: string }, samePage: boolean, now: string): RoomTransition {
  const effects: RoomEffect[] = [];
  for (const other of othersPresent(state, seat.userId)) {
    const resumed = samePage && seat.droppedAt !== undefined && (other.pageSince ?? other.joinedAt) <= seat.droppedAt;
    effects.push(
      {
        type: 'send',
        socketId: seat.socketId,
        event: 'peer-joined',
        payload: { peer: participant(other), polite: isPoliteTowards(seat, other), resumed },
      },
      {
        type: 'send',
        socketId: other.socketId,
        event: 'peer-joined',
        payload: { peer: participant(seat), polite: isPoliteTowards(other, seat), resumed },
      },
    );
    if (!resumed) effects.push({ type: 'record', event: 'PEER_JOINED', userId: seat.userId, detail: { peer: other.userId } });
  }
  let next = state;
  if (!state.started && present(seatOf(state, state.doctorId)) && present(seatOf(state, state.patientId))) {
    next = { ...state, started: true };
    effects.push({ type: 'session-started', at: now });
  }
  return { state: next, effects };
}

/** A seated person with nobody else here waits; anyone else present is introduced. */
function seated(state: RoomState, seat: Seat & { socketId: string }, samePage: boolean, now: string): RoomTransition {
  if (othersPresent(state, seat.userId).length === 0) {
    const effects: RoomEffect[] = [
      { type: 'send', socketId: seat.socketId, event: 'waiting-for-peer', payload: { sessionId: state.sessionId, since: now } },
    ];
    if (!samePage) effects.push({ type: 'record', event: 'WAITING', userId: seat.userId });
    return { state, effects };
  }
  return introduce(state, seat, samePage, now);
}

function enterLobby(state: RoomState, event: Extract<RoomEvent, { type: 'join' }>): RoomTransition {
  const { participant: guest, socketId, now } = event;
  if (!guest.guestRole) return refuse(state, 403, 'forbidden', 'Only the guests of this visit wait to be admitted.');
  const lobby = lobbyOf(state);
  const existing = lobby.find((entry) => entry.userId === guest.userId);
  if (!existing && lobby.length >= event.capacity) {
    return refuse(state, 409, 'room_full', 'Too many people are waiting to be admitted to this visit; try again in a moment.');
  }
  const effects: RoomEffect[] = [];
  if (existing && existing.socketId !== socketId) effects.push({ type: 'evict', socketId: existing.socketId });
  const entry: LobbyEntry = { userId: guest.userId, name: guest.name, guestRole: guest.guestRole, socketId, since: existing?.since ?? now };
  const next = withLobby(state, existing ? lobby.map((other) => (other.userId === entry.userId ? entry : other)) : [...lobby, entry]);
  return { state: next, effects: [...effects, ...lobbyUpdate(next)], inLobby: true };
}

function join(state: RoomState, event: Extract<RoomEvent, { type: 'join' }>): RoomTransition {
  if (state.ended) return refuse(state, 409, 'visit_ended', 'This visit has ended; it can no longer be joined.');
  const userId = event.participant.userId;
  if ((state.removed ?? []).includes(userId)) return refuse(state, 403, 'guest_removed', REMOVED_MESSAGE);
  if (needsAdmission(state, event.participant)) return enterLobby(state, event);
  const existing = seatOf(state, userId);
  if (!existing && state.seats.length >= event.capacity) return roomFull(state, event.capacity);

  const effects: RoomEffect[] = [];
  if (existing?.socketId && existing.socketId !== event.socketId) effects.push({ type: 'evict', socketId: existing.socketId });
  const returning = existing !== undefined && existing.socketId === null;
  // Written out rather than spread from the participant: on Node 20's V8 a spread followed by new
  // properties gives each seat made at a warm call site a hidden class of its own (~260 bytes a seat).
  const { name, role, guestRole } = event.participant;
  const seat: Seat & { socketId: string } = {
    userId,
    name,
    role,
    socketId: event.socketId,
    droppedSocketId: null,
    joinedAt: existing?.joinedAt ?? event.now,
    pageSince: event.now,
    ...(guestRole ? { guestRole } : {}),
  };
  effects.push({ type: 'record', event: returning ? 'RECONNECTED' : 'JOINED', userId });
  // A new page has new peer connections: everyone starts negotiating with it afresh.
  const entered = seated(withSeat(state, seat), seat, false, event.now);
  effects.push(...entered.effects);
  if (userId === state.doctorId && lobbyOf(entered.state).length > 0) effects.push(...lobbyUpdate(entered.state));
  effects.push({ type: 'waiting', patientWaiting: patientWaiting(entered.state) });
  return { state: entered.state, effects };
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
  const resumed = seated(withSeat(state, back), back, true, event.now);
  const { droppedAt: _away, ...present } = back;
  const next = withSeat(resumed.state, present);
  return {
    state: next,
    effects: [
      { type: 'record', event: 'RECONNECTED', userId: seat.userId },
      ...resumed.effects,
      { type: 'waiting', patientWaiting: patientWaiting(next) },
    ],
  };
}

function depart(state: RoomState, seat: Seat, reason: 'left' | 'timeout' | 'removed'): RoomTransition {
  const next = withoutSeat(state, seat.userId);
  const effects: RoomEffect[] = [{ type: 'record', event: 'LEFT', userId: seat.userId, detail: { reason } }];
  for (const other of othersPresent(next, seat.userId)) {
    effects.push({ type: 'send', socketId: other.socketId, event: 'peer-left', payload: { peer: participant(seat) } });
  }
  effects.push({ type: 'waiting', patientWaiting: patientWaiting(next) });
  return { state: next, effects };
}

/** A lobby guest's socket went away (left, dropped or evicted): they are no longer waiting. */
function leaveLobby(state: RoomState, userId: string, socketId: string): RoomTransition {
  const lobby = lobbyOf(state);
  if (!lobby.some((entry) => entry.userId === userId && entry.socketId === socketId)) return { state, effects: [] };
  const next = withLobby(
    state,
    lobby.filter((entry) => entry.userId !== userId),
  );
  return { state: next, effects: lobbyUpdate(next) };
}

function drop(state: RoomState, event: Extract<RoomEvent, { type: 'drop' }>): RoomTransition {
  const seat = seatOf(state, event.userId);
  if (!seat || seat.socketId !== event.socketId || state.ended) return leaveLobby(state, event.userId, event.socketId);
  const next = withSeat(state, { ...seat, socketId: null, droppedSocketId: event.socketId, droppedAt: event.now });
  const effects: RoomEffect[] = [{ type: 'start-grace', userId: seat.userId, socketId: event.socketId, seconds: event.graceSeconds }];
  for (const other of othersPresent(next, seat.userId)) {
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

function end(state: RoomState, event: Extract<RoomEvent, { type: 'end' }>): RoomTransition {
  if (event.userId !== state.doctorId) return refuse(state, 403, 'forbidden', 'Only the doctor can end the visit.');
  if (state.ended) return refuse(state, 409, 'visit_ended', 'This visit has already ended.');
  const payload = { sessionId: state.sessionId, endedBy: event.userId, endedAt: event.now };
  // Guests still in the lobby are not in the room's channel: each is told on their own socket.
  const lobbyTold: RoomEffect[] = lobbyOf(state).map((entry) => ({
    type: 'send',
    socketId: entry.socketId,
    event: 'session-ended',
    payload,
  }));
  return {
    state: { ...state, ended: true, seats: [], lobby: [] },
    effects: [
      { type: 'session-ended', endedBy: event.userId, at: event.now },
      { type: 'record', event: 'ENDED', userId: event.userId },
      { type: 'broadcast-ended', payload },
      ...lobbyTold,
      { type: 'waiting', patientWaiting: false },
    ],
  };
}

/** The doctor's answer to a guest in the lobby: admitted (they may take a seat) or declined. */
function decide(state: RoomState, event: Extract<RoomEvent, { type: 'admit' | 'decline' }>): RoomTransition {
  if (event.userId !== state.doctorId) return refuse(state, 403, 'forbidden', 'Only the doctor can let guests in.');
  if (state.ended) return refuse(state, 409, 'visit_ended', 'This visit has ended.');
  const entry = lobbyOf(state).find((waiting) => waiting.userId === event.guestId);
  if (!entry) return refuse(state, 404, 'not_found', 'This guest is no longer waiting to be admitted.');
  const lobby = lobbyOf(state).filter((waiting) => waiting.userId !== event.guestId);
  if (event.type === 'decline') {
    const next = withLobby(state, lobby);
    return {
      state: next,
      effects: [
        { type: 'send', socketId: entry.socketId, event: 'declined', payload: { sessionId: state.sessionId, message: DECLINED_MESSAGE } },
        ...lobbyUpdate(next),
      ],
    };
  }
  if (state.seats.length >= event.capacity) return roomFull(state, event.capacity);
  const next: RoomState = { ...withLobby(state, lobby), admitted: [...(state.admitted ?? []), event.guestId] };
  return {
    state: next,
    effects: [{ type: 'send', socketId: entry.socketId, event: 'admitted', payload: { sessionId: state.sessionId } }, ...lobbyUpdate(next)],
  };
}

/** A removed guest leaves the call or the lobby for good and is told why; the others are told they left. */
function remove(state: RoomState, event: Extract<RoomEvent, { type: 'remove' }>): RoomTransition {
  const { guestId } = event;
  const marked: RoomState = {
    ...state,
    removed: [...new Set([...(state.removed ?? []), guestId])],
    admitted: (state.admitted ?? []).filter((id) => id !== guestId),
  };
  const seat = seatOf(marked, guestId);
  const waiting = lobbyOf(marked).find((entry) => entry.userId === guestId);
  const socketId = seat?.socketId ?? waiting?.socketId;
  const told: RoomEffect[] = socketId
    ? [
        { type: 'send', socketId, event: 'removed', payload: { sessionId: state.sessionId, message: REMOVED_MESSAGE } },
        { type: 'evict', socketId },
      ]
    : [];
  if (seat) {
    const departed = depart(marked, seat, 'removed');
    return { state: departed.state, effects: [...told, ...departed.effects] };
  }
  if (waiting) {
    const next = withLobby(
      marked,
      lobbyOf(marked).filter((entry) => entry.userId !== guestId),
    );
    return { state: next, effects: [...told, ...lobbyUpdate(next)] };
  }
  return { state: marked, effects: [] };
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
      if (!seat || seat.socketId !== event.socketId) return leaveLobby(state, event.userId, event.socketId);
      return depart(state, seat, 'left');
    }
    case 'drop':
      return drop(state, event);
    case 'grace-expired': {
      const seat = seatOf(state, event.userId);
      if (!seat || seat.socketId !== null || seat.droppedSocketId !== event.socketId) return { state, effects: [] };
      return depart(state, seat, 'timeout');
    }
    case 'end':
      return end(state, event);
    case 'admit':
    case 'decline':
      return decide(state, event);
    case 'remove':
      return remove(state, event);
  }
}
