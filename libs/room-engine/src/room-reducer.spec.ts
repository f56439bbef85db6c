import type { Participant } from '@telehealth/contracts';
import { applyRoomEvent, RoomEffect, RoomEvent } from './room-reducer';
import { emptyRoom, RoomState } from './room-state';

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

const join = (who: Participant, socketId: string): RoomEvent => ({ type: 'join', participant: who, socketId, now: NOW });
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

  it('refuses a third person and anyone after the session ended', () => {
    const full = joined([patient(), 'p1'], [doctor(), 'd1']);
    const stranger: Participant = { userId: 'x', name: 'X', role: 'PATIENT' };
    expect(applyRoomEvent(full, join(stranger, 'x1')).error).toMatchObject({ code: 409, reason: 'room_full' });
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
