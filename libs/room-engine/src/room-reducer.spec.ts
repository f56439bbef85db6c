import type { Participant } from '@telehealth/contracts';
import { applyRoomEvent, RoomEffect, RoomEvent } from './room-reducer';
import { emptyRoom, isPoliteTowards, ROOM_CAPACITY, RoomState, seatOf } from './room-state';

const NOW = '2026-05-01T09:00:00.000Z';
const doctor = (): Participant => ({ userId: 'doctor-1', name: 'Dr. Ada Moss', role: 'DOCTOR' });
const patient = (): Participant => ({ userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' });
const room = (): RoomState =>
  emptyRoom({ roomId: 'room-1', sessionId: 'session-1', appointmentId: 'appt-1', doctorId: 'doctor-1', patientId: 'patient-1' });

function run(state: RoomState, ...events: RoomEvent[]): { state: RoomState; effects: RoomEffect[] } {
  let effects: RoomEffect[] = [];
  for (const event of events) {
    const transition = applyRoomEvent(state, event);
    if (transition.error) throw new Error(transition.error.error);
    state = transition.state;
    effects = transition.effects;
  }
  return { state, effects };
}

const join = (who: Participant, socketId: string): RoomEvent => ({
  type: 'join',
  participant: who,
  socketId,
  now: NOW,
  capacity: ROOM_CAPACITY,
});
const guest = (id: string, name = `Guest ${id}`): Participant => ({ userId: id, name, role: 'GUEST', guestRole: 'INTERPRETER' });
const admit = (guestId: string, userId = 'doctor-1'): RoomEvent => ({ type: 'admit', userId, guestId, now: NOW, capacity: ROOM_CAPACITY });
const joined = (...entries: Array<[Participant, string]>) => run(room(), ...entries.map(([who, socketId]) => join(who, socketId))).state;

const sends = (effects: RoomEffect[]) => effects.filter((effect) => effect.type === 'send');
const records = (effects: RoomEffect[]) =>
  effects.filter((effect) => effect.type === 'record').map((effect) => (effect as { event: string }).event);
const waiting = (effects: RoomEffect[]) =>
  (effects.find((effect) => effect.type === 'waiting') as { patientWaiting: boolean } | undefined)?.patientWaiting;

describe(applyRoomEvent.name, () => {
  it('puts a patient who arrives first in the waiting room', () => {
    const sut = applyRoomEvent(room(), join(patient(), 'p1'));
    expect(sends(sut.effects)).toEqual([
      { type: 'send', socketId: 'p1', event: 'waiting-for-peer', payload: { sessionId: 'session-1', since: NOW } },
    ]);
    expect(records(sut.effects)).toEqual(['JOINED', 'WAITING']);
    expect(waiting(sut.effects)).toBe(true);
  });

  it('introduces the doctor and the waiting patient to each other with opposite politeness, and starts the session once', () => {
    const sut = applyRoomEvent(joined([patient(), 'p1']), join(doctor(), 'd1'));
    expect(sends(sut.effects)).toEqual([
      { type: 'send', socketId: 'd1', event: 'peer-joined', payload: { peer: patient(), polite: false, resumed: false } },
      { type: 'send', socketId: 'p1', event: 'peer-joined', payload: { peer: doctor(), polite: true, resumed: false } },
    ]);
    expect(sut.effects).toContainEqual({ type: 'session-started', at: NOW });
    expect(waiting(sut.effects)).toBe(false);

    const again = run(sut.state, { type: 'leave', userId: 'doctor-1', socketId: 'd1', now: NOW }, join(doctor(), 'd2'));
    expect(again.effects.some((effect) => effect.type === 'session-started')).toBe(false);
  });

  it('lets the doctor wait without ringing anyone', () => {
    const sut = applyRoomEvent(room(), join(doctor(), 'd1'));
    expect(sends(sut.effects).map((effect) => effect.event)).toEqual(['waiting-for-peer']);
    expect(waiting(sut.effects)).toBe(false);
  });

  it('refuses a fifth person and anyone after the session ended', () => {
    const four = run(
      room(),
      join(patient(), 'p1'),
      join(doctor(), 'd1'),
      join(guest('g1'), 'g1s'),
      admit('g1'),
      join(guest('g1'), 'g1s'),
      join(guest('g2'), 'g2s'),
      admit('g2'),
      join(guest('g2'), 'g2s'),
    ).state;
    expect(four.seats).toHaveLength(4);
    const fifth = applyRoomEvent({ ...four, admitted: [...(four.admitted ?? []), 'g3'] }, join(guest('g3'), 'g3s'));
    expect(fifth.error).toEqual({
      ok: false,
      code: 409,
      reason: 'room_full',
      error: 'This visit is full: at most 4 people can be in it at once.',
    });
    const full = joined([patient(), 'p1'], [doctor(), 'd1']);
    const ended = run(full, { type: 'end', userId: 'doctor-1', now: NOW }).state;
    expect(applyRoomEvent(ended, join(patient(), 'p2')).error).toEqual({
      ok: false,
      code: 409,
      reason: 'visit_ended',
      error: 'This visit has ended; it can no longer be joined.',
    });
  });

  it('lets only the doctor end the visit, telling the whole room and clearing the waiting room', () => {
    const full = joined([patient(), 'p1'], [doctor(), 'd1']);
    expect(applyRoomEvent(full, { type: 'end', userId: 'patient-1', now: NOW }).error).toMatchObject({ code: 403, reason: 'forbidden' });
    const sut = applyRoomEvent(full, { type: 'end', userId: 'doctor-1', now: NOW });
    expect(sut.state).toMatchObject({ ended: true, seats: [] });
    expect(sut.effects).toContainEqual({ type: 'broadcast-ended', payload: { sessionId: 'session-1', endedBy: 'doctor-1', endedAt: NOW } });
    expect(sut.effects).toContainEqual({ type: 'session-ended', endedBy: 'doctor-1', at: NOW });
    expect(records(sut.effects)).toEqual(['ENDED']);
    expect(applyRoomEvent(sut.state, { type: 'end', userId: 'doctor-1', now: NOW }).error).toMatchObject({
      code: 409,
      reason: 'visit_ended',
    });
  });

  it('tells the peer who left, and a patient left alone waits again', () => {
    const sut = applyRoomEvent(joined([patient(), 'p1'], [doctor(), 'd1']), {
      type: 'leave',
      userId: 'doctor-1',
      socketId: 'd1',
      now: NOW,
    });
    expect(sends(sut.effects)).toEqual([{ type: 'send', socketId: 'p1', event: 'peer-left', payload: { peer: doctor() } }]);
    expect(records(sut.effects)).toEqual(['LEFT']);
    expect(waiting(sut.effects)).toBe(true);
  });

  it('keeps a dropped seat for the grace and tells the peer it is reconnecting', () => {
    const sut = applyRoomEvent(joined([patient(), 'p1'], [doctor(), 'd1']), {
      type: 'drop',
      userId: 'patient-1',
      socketId: 'p1',
      now: NOW,
      graceSeconds: 30,
    });
    expect(sut.state.seats.find((seat) => seat.userId === 'patient-1')).toMatchObject({ socketId: null, droppedSocketId: 'p1' });
    expect(sut.effects).toContainEqual({ type: 'start-grace', userId: 'patient-1', socketId: 'p1', seconds: 30 });
    expect(sends(sut.effects)).toEqual([
      { type: 'send', socketId: 'd1', event: 'peer-reconnecting', payload: { peer: patient(), graceSeconds: 30 } },
    ]);
  });

  it('resumes a recovered socket inside the grace with an ICE restart, not a new negotiation', () => {
    const dropped = run(joined([patient(), 'p1'], [doctor(), 'd1']), {
      type: 'drop',
      userId: 'patient-1',
      socketId: 'p1',
      now: NOW,
      graceSeconds: 30,
    }).state;
    const sut = applyRoomEvent(dropped, { type: 'recover', userId: 'patient-1', socketId: 'p1', now: NOW });
    expect(sends(sut.effects).map((effect) => [effect.socketId, effect.event, (effect.payload as { resumed: boolean }).resumed])).toEqual([
      ['p1', 'peer-joined', true],
      ['d1', 'peer-joined', true],
    ]);
    expect(records(sut.effects)).toEqual(['RECONNECTED']);
  });

  it('gives a rejoin from a new socket inside the grace its seat back, with a fresh negotiation', () => {
    const dropped = run(joined([patient(), 'p1'], [doctor(), 'd1']), {
      type: 'drop',
      userId: 'patient-1',
      socketId: 'p1',
      now: NOW,
      graceSeconds: 30,
    }).state;
    const sut = applyRoomEvent(dropped, join(patient(), 'p2'));
    expect(records(sut.effects)).toEqual(['RECONNECTED', 'PEER_JOINED']);
    expect(sends(sut.effects).every((effect) => (effect.payload as { resumed: boolean }).resumed === false)).toBe(true);
    expect(applyRoomEvent(sut.state, { type: 'grace-expired', userId: 'patient-1', socketId: 'p1', now: NOW }).effects).toEqual([]);
  });

  it('gives the seat up when the grace expires, and tells the peer', () => {
    const dropped = run(joined([patient(), 'p1'], [doctor(), 'd1']), {
      type: 'drop',
      userId: 'patient-1',
      socketId: 'p1',
      now: NOW,
      graceSeconds: 30,
    }).state;
    const sut = applyRoomEvent(dropped, { type: 'grace-expired', userId: 'patient-1', socketId: 'p1', now: NOW });
    expect(sut.state.seats.map((seat) => seat.userId)).toEqual(['doctor-1']);
    expect(sends(sut.effects)).toEqual([{ type: 'send', socketId: 'd1', event: 'peer-left', payload: { peer: patient() } }]);
    expect(sut.effects).toContainEqual({ type: 'record', event: 'LEFT', userId: 'patient-1', detail: { reason: 'timeout' } });
  });

  it('moves a user who opens the visit in a second tab to the new socket and evicts the old one', () => {
    const sut = applyRoomEvent(joined([patient(), 'p1'], [doctor(), 'd1']), join(patient(), 'p2'));
    expect(sut.effects[0]).toEqual({ type: 'evict', socketId: 'p1' });
    expect(sut.state.seats.find((seat) => seat.userId === 'patient-1')?.socketId).toBe('p2');
    // The evicted socket's late disconnect changes nothing.
    expect(applyRoomEvent(sut.state, { type: 'drop', userId: 'patient-1', socketId: 'p1', now: NOW, graceSeconds: 30 }).effects).toEqual(
      [],
    );
  });

  it('refuses to recover a seat that was already given up', () => {
    const left = run(
      joined([patient(), 'p1']),
      { type: 'drop', userId: 'patient-1', socketId: 'p1', now: NOW, graceSeconds: 1 },
      { type: 'grace-expired', userId: 'patient-1', socketId: 'p1', now: NOW },
    ).state;
    expect(applyRoomEvent(left, { type: 'recover', userId: 'patient-1', socketId: 'p1', now: NOW }).error).toMatchObject({
      code: 409,
      reason: 'not_in_room',
    });
  });
});

describe('guests in the room', () => {
  const ana = guest('guest-a', 'Ana Ruiz');
  const call = () => joined([patient(), 'p1'], [doctor(), 'd1']);

  it('decides politeness per pair, the same both ways and across reconnects', () => {
    const people = [doctor(), patient(), guest('guest-a'), guest('guest-b')];
    for (const a of people) {
      for (const b of people) {
        if (a !== b) expect(isPoliteTowards(a, b)).toBe(!isPoliteTowards(b, a));
      }
    }
    expect(isPoliteTowards(doctor(), ana)).toBe(false);
    expect(isPoliteTowards(patient(), ana)).toBe(false);
    expect(isPoliteTowards(guest('guest-b'), guest('guest-a'))).toBe(true);
  });

  it('puts a guest in the lobby and tells the doctor, without seating or introducing them', () => {
    const sut = applyRoomEvent(call(), join(ana, 'a1'));
    expect(sut.inLobby).toBe(true);
    expect(sut.state.seats.map((seat) => seat.userId)).toEqual(['patient-1', 'doctor-1']);
    expect(sends(sut.effects)).toEqual([
      {
        type: 'send',
        socketId: 'd1',
        event: 'lobby-updated',
        payload: { waiting: [{ guestId: 'guest-a', name: 'Ana Ruiz', guestRole: 'INTERPRETER', since: NOW }] },
      },
    ]);
    expect(records(sut.effects)).toEqual([]);
  });

  it('lets only the doctor admit; the admitted guest is told, then seated and introduced to everyone', () => {
    const waiting = run(call(), join(ana, 'a1')).state;
    expect(applyRoomEvent(waiting, admit('guest-a', 'patient-1')).error).toMatchObject({ code: 403, reason: 'forbidden' });
    const admitted = applyRoomEvent(waiting, admit('guest-a'));
    expect(sends(admitted.effects)).toEqual([
      { type: 'send', socketId: 'a1', event: 'admitted', payload: { sessionId: 'session-1' } },
      { type: 'send', socketId: 'd1', event: 'lobby-updated', payload: { waiting: [] } },
    ]);
    const seated = applyRoomEvent(admitted.state, join(ana, 'a1'));
    expect(seated.inLobby).toBeUndefined();
    // Join order: the newcomer meets each present person, pair by pair, with opposite politeness.
    expect(
      sends(seated.effects).map((effect) => [
        effect.socketId,
        (effect.payload as { peer: Participant }).peer.userId,
        (effect.payload as { polite: boolean }).polite,
      ]),
    ).toEqual([
      ['a1', 'patient-1', true],
      ['p1', 'guest-a', false],
      ['a1', 'doctor-1', true],
      ['d1', 'guest-a', false],
    ]);
    expect(records(seated.effects)).toEqual(['JOINED', 'PEER_JOINED', 'PEER_JOINED']);
  });

  it('declines a guest: they are told and leave the lobby; admitting someone not waiting is refused', () => {
    const waiting = run(call(), join(ana, 'a1')).state;
    const declined = applyRoomEvent(waiting, { type: 'decline', userId: 'doctor-1', guestId: 'guest-a', now: NOW });
    expect(sends(declined.effects)[0]).toEqual({
      type: 'send',
      socketId: 'a1',
      event: 'declined',
      payload: { sessionId: 'session-1', message: 'The doctor did not admit you to this visit.' },
    });
    expect(declined.state.lobby).toEqual([]);
    expect(applyRoomEvent(declined.state, admit('guest-a')).error).toMatchObject({ code: 404, reason: 'not_found' });
  });

  it('forgets a lobby guest whose socket goes away, and tells the doctor', () => {
    const waiting = run(call(), join(ana, 'a1')).state;
    const gone = applyRoomEvent(waiting, { type: 'drop', userId: 'guest-a', socketId: 'a1', now: NOW, graceSeconds: 30 });
    expect(gone.state.lobby).toEqual([]);
    expect(sends(gone.effects)).toEqual([{ type: 'send', socketId: 'd1', event: 'lobby-updated', payload: { waiting: [] } }]);
  });

  it('seats an admitted guest again after a reconnect without asking the doctor', () => {
    const inCall = run(call(), join(ana, 'a1'), admit('guest-a'), join(ana, 'a1')).state;
    const away = run(inCall, { type: 'drop', userId: 'guest-a', socketId: 'a1', now: NOW, graceSeconds: 30 });
    expect(sends(away.effects).map((effect) => [effect.socketId, effect.event])).toEqual([
      ['p1', 'peer-reconnecting'],
      ['d1', 'peer-reconnecting'],
    ]);
    const back = applyRoomEvent(away.state, join(ana, 'a2'));
    expect(back.inLobby).toBeUndefined();
    expect(records(back.effects)[0]).toBe('RECONNECTED');
  });

  it('keeps the grace per seat: one person expiring leaves the others in the call', () => {
    const inCall = run(call(), join(ana, 'a1'), admit('guest-a'), join(ana, 'a1')).state;
    const dropped = run(
      inCall,
      { type: 'drop', userId: 'guest-a', socketId: 'a1', now: NOW, graceSeconds: 30 },
      { type: 'drop', userId: 'patient-1', socketId: 'p1', now: NOW, graceSeconds: 30 },
    ).state;
    const sut = applyRoomEvent(dropped, { type: 'grace-expired', userId: 'guest-a', socketId: 'a1', now: NOW });
    expect(sut.state.seats.map((seat) => [seat.userId, seat.socketId])).toEqual([
      ['patient-1', null],
      ['doctor-1', 'd1'],
    ]);
    expect(sends(sut.effects)).toEqual([{ type: 'send', socketId: 'd1', event: 'peer-left', payload: { peer: ana } }]);
  });

  it('tells everyone else when a guest leaves, and the call goes on', () => {
    const inCall = run(call(), join(ana, 'a1'), admit('guest-a'), join(ana, 'a1')).state;
    const sut = applyRoomEvent(inCall, { type: 'leave', userId: 'guest-a', socketId: 'a1', now: NOW });
    expect(sends(sut.effects).map((effect) => [effect.socketId, effect.event])).toEqual([
      ['p1', 'peer-left'],
      ['d1', 'peer-left'],
    ]);
    expect(waiting(sut.effects)).toBe(false);
  });

  it('removes a guest for good: told and evicted, the others told they left, never seated again', () => {
    const inCall = run(call(), join(ana, 'a1'), admit('guest-a'), join(ana, 'a1')).state;
    const sut = applyRoomEvent(inCall, { type: 'remove', guestId: 'guest-a', now: NOW });
    expect(sut.effects.slice(0, 2)).toEqual([
      {
        type: 'send',
        socketId: 'a1',
        event: 'removed',
        payload: { sessionId: 'session-1', message: 'The doctor removed you from this visit.' },
      },
      { type: 'evict', socketId: 'a1' },
    ]);
    expect(
      sends(sut.effects)
        .filter((effect) => effect.event === 'peer-left')
        .map((effect) => effect.socketId),
    ).toEqual(['p1', 'd1']);
    expect(sut.effects).toContainEqual({ type: 'record', event: 'LEFT', userId: 'guest-a', detail: { reason: 'removed' } });
    expect(applyRoomEvent(sut.state, join(ana, 'a2')).error).toMatchObject({ code: 403, reason: 'guest_removed' });
  });

  it('ends the visit for the lobby too', () => {
    const waiting = run(call(), join(ana, 'a1')).state;
    const sut = applyRoomEvent(waiting, { type: 'end', userId: 'doctor-1', now: NOW });
    expect(sends(sut.effects)).toEqual([
      { type: 'send', socketId: 'a1', event: 'session-ended', payload: { sessionId: 'session-1', endedBy: 'doctor-1', endedAt: NOW } },
    ]);
    expect(sut.state.lobby).toEqual([]);
  });

  it('refuses to admit past the capacity', () => {
    const two = run(room(), join(patient(), 'p1'), join(doctor(), 'd1'), join(ana, 'a1')).state;
    expect(applyRoomEvent(two, { type: 'admit', userId: 'doctor-1', guestId: 'guest-a', now: NOW, capacity: 2 }).error).toMatchObject({
      code: 409,
      reason: 'room_full',
    });
  });

  it('starts the visit only when doctor and patient are together, not doctor and guest', () => {
    const sut = run(room(), join(doctor(), 'd1'), join(ana, 'a1'), admit('guest-a'), join(ana, 'a1'));
    expect(sut.effects.some((effect) => effect.type === 'session-started')).toBe(false);
    expect(applyRoomEvent(sut.state, join(patient(), 'p1')).effects).toContainEqual({ type: 'session-started', at: NOW });
  });
});

describe('resuming after a dropped socket', () => {
  const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  it('resumes only the pairs whose other side kept its page: someone who reloaded meanwhile negotiates afresh', () => {
    const ana = guest('guest-a');
    const inCall = run(
      room(),
      join(patient(), 'p1'),
      join(doctor(), 'd1'),
      join(ana, 'a1'),
      { type: 'admit', userId: 'doctor-1', guestId: 'guest-a', now: NOW, capacity: 4 },
      join(ana, 'a1'),
    ).state;
    const dropAt = later(NOW, 1000);
    const dropped = run(inCall, { type: 'drop', userId: 'patient-1', socketId: 'p1', now: dropAt, graceSeconds: 30 }).state;
    // The interpreter reloads while the patient is away: a new page, with new peer connections.
    const reloaded = run(dropped, { type: 'join', participant: ana, socketId: 'a2', now: later(NOW, 2000), capacity: 4 }).state;
    const sut = applyRoomEvent(reloaded, { type: 'recover', userId: 'patient-1', socketId: 'p1', now: later(NOW, 3000) });
    const resumedWith = Object.fromEntries(
      sends(sut.effects)
        .filter((effect) => effect.socketId === 'p1')
        .map((effect) => {
          const payload = effect.payload as { peer: Participant; resumed: boolean };
          return [payload.peer.userId, payload.resumed];
        }),
    );
    expect(resumedWith).toEqual({ 'doctor-1': true, 'guest-a': false });
    expect(seatOf(sut.state, 'patient-1')?.droppedAt).toBeUndefined();
  });
});
