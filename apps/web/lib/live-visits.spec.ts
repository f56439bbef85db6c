import type { AppointmentResponse, VisitUpdatedEvent } from '@telehealth/contracts';
import {
  liveStatusText,
  needsRefetch,
  ordinal,
  visitChangeText,
  waitingPlaceText,
  waitingPositionText,
  waitingRoomChangeText,
  withVisitUpdate,
} from './live-visits';

function appointment(overrides: Partial<AppointmentResponse> = {}): AppointmentResponse {
  return {
    id: 'a1',
    doctor: { id: 'd1', name: 'Dr. Lena Hart', timeZone: 'Europe/Berlin' },
    patient: { id: 'p1', name: 'Tom Becker', timeZone: 'Europe/London' },
    startsAt: '2026-12-08T09:30:00.000Z',
    endsAt: '2026-12-08T10:00:00.000Z',
    durationMinutes: 30,
    reason: 'Cough',
    status: 'SCHEDULED',
    roomId: 'r1',
    sessionId: 's1',
    sessionStatus: 'WAITING',
    joinOpensAt: '2026-12-08T09:20:00.000Z',
    joinClosesAt: '2026-12-08T10:00:00.000Z',
    patientCancelClosesAt: '2026-12-08T08:30:00.000Z',
    cancelledAt: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

function update(overrides: Partial<VisitUpdatedEvent> = {}): VisitUpdatedEvent {
  return {
    appointmentId: 'a1',
    sessionId: 's1',
    status: 'SCHEDULED',
    startsAt: '2026-12-08T09:30:00.000Z',
    endsAt: '2026-12-08T10:00:00.000Z',
    sessionStatus: 'WAITING',
    patientWaitingSince: null,
    ...overrides,
  };
}

describe(withVisitUpdate.name, () => {
  const sut = withVisitUpdate;

  it('moves the join window and the cancel deadline with a new start, keeping their leads', () => {
    const moved = sut(appointment(), update({ startsAt: '2026-12-09T14:00:00.000Z', endsAt: '2026-12-09T14:45:00.000Z' }));
    expect(moved).toMatchObject({
      startsAt: '2026-12-09T14:00:00.000Z',
      joinOpensAt: '2026-12-09T13:50:00.000Z',
      joinClosesAt: '2026-12-09T14:45:00.000Z',
      patientCancelClosesAt: '2026-12-09T13:00:00.000Z',
      durationMinutes: 45,
    });
  });

  it('marks a cancelled visit with when it was cancelled', () => {
    const cancelled = sut(appointment(), update({ status: 'CANCELLED' }));
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancelledAt).not.toBeNull();
  });
});

describe(needsRefetch.name, () => {
  it('asks again for a visit the list does not have, or one that leaves or moves in it', () => {
    expect(needsRefetch(undefined, update())).toBe(true);
    expect(needsRefetch(appointment(), update({ status: 'CANCELLED' }))).toBe(true);
    expect(needsRefetch(appointment(), update({ startsAt: '2026-12-08T11:00:00.000Z' }))).toBe(true);
  });

  it('does not for a patient who starts waiting', () => {
    expect(needsRefetch(appointment(), update({ patientWaitingSince: '2026-12-08T09:25:00.000Z' }))).toBe(false);
  });
});

describe(liveStatusText.name, () => {
  const sut = liveStatusText;

  it('says for how long the patient has waited, to the doctor and to the patient', () => {
    expect(sut('patient-waiting', 'doctor', 4 * 60_000 + 10_000)).toBe('Patient waiting (for 4 min)');
    expect(sut('patient-waiting', 'doctor', 20_000)).toBe('Patient waiting (for under 1 min)');
    expect(sut('patient-waiting', 'patient', 65 * 60_000)).toBe('You are in the waiting room (for 1 h 5 min)');
  });

  it('names every other status in words', () => {
    expect(['scheduled', 'in-call', 'ended', 'cancelled', 'missed'].map((s) => sut(s as never, 'doctor', null))).toEqual([
      'Scheduled',
      'In call',
      'Ended',
      'Cancelled',
      'Missed',
    ]);
  });
});

describe(waitingPositionText.name, () => {
  it('says the place in line and the expected start in the reader’s zone', () => {
    expect(waitingPositionText({ position: 2, estimatedStartAt: '2026-12-08T09:40:00.000Z' }, 'Europe/Madrid')).toBe(
      'You are 2nd in line · expected around 10:40 AM',
    );
    expect(waitingPositionText({ position: 1, estimatedStartAt: '2026-12-08T09:40:00.000Z' }, 'Europe/Madrid')).toMatch(/^You are next/);
  });

  it('spells ordinals the English way', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});

describe(waitingPlaceText.name, () => {
  it('says only the place in line, so a new estimate of the time is not read out again', () => {
    expect(waitingPlaceText({ position: 3 })).toBe('You are 3rd in line.');
    expect(waitingPlaceText({ position: 1 })).toBe('You are next in line.');
  });
});

describe(waitingRoomChangeText.name, () => {
  const sut = waitingRoomChangeText;
  const tom = { sessionId: 's1', patient: { id: 'p1', name: 'Tom Becker' } };
  const ana = { sessionId: 's2', patient: { id: 'p2', name: 'Ana Ruiz' } };
  const leo = { sessionId: 's3', patient: { id: 'p3', name: 'Leo Park' } };

  it('says who waits when the list first arrives, and nothing for an empty room', () => {
    expect(sut(null, [tom, ana])).toBe('Waiting now: Tom Becker and Ana Ruiz.');
    expect(sut(null, [])).toBeNull();
  });

  it('names who arrived and who left, once each', () => {
    expect(sut([tom], [tom, ana])).toBe('Ana Ruiz arrived in the waiting room.');
    expect(sut([tom, ana], [ana])).toBe('Tom Becker left the waiting room.');
    expect(sut([tom], [ana, leo])).toBe('Ana Ruiz and Leo Park arrived in the waiting room. Tom Becker left the waiting room.');
  });

  it('stays quiet when the same people still wait (their waiting times are not news)', () => {
    expect(sut([tom, ana], [ana, tom])).toBeNull();
  });
});

describe(visitChangeText.name, () => {
  it('tells the doctor which visit was cancelled or moved, and stays quiet otherwise', () => {
    expect(visitChangeText(appointment(), update({ status: 'CANCELLED' }), 'doctor', 'Europe/Berlin')).toBe(
      'The visit with Tom Becker on Tue, Dec 8, 10:30 AM was cancelled.',
    );
    expect(visitChangeText(appointment(), update({ startsAt: '2026-12-08T11:00:00.000Z' }), 'patient', 'Europe/Berlin')).toBe(
      'The visit with Dr. Lena Hart on Tue, Dec 8, 10:30 AM was moved to Tue, Dec 8, 12:00 PM.',
    );
    expect(visitChangeText(appointment(), update({ sessionStatus: 'ACTIVE' }), 'doctor', 'Europe/Berlin')).toBeNull();
  });
});
