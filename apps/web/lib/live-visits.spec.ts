import type { AppointmentResponse, VisitUpdatedEvent } from '@telehealth/contracts';
import { translator } from '@/i18n/translator';
import { ApiError } from './api-client';
import {
  bookingRefusal,
  cancelNoticeText,
  liveStatusText,
  namesText,
  needsRefetch,
  visitChangeText,
  visitRefusalText,
  waitingRoomChangeText,
} from './live-visits';
import { withVisitUpdate } from './visit-update';

const t = translator('schedule');
const es = translator('schedule', 'es');
const ar = translator('schedule', 'ar');
const common = translator('common');
const commonEs = translator('common', 'es');
const commonAr = translator('common', 'ar');

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
    media: 'video',
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
  const sut = (...args: Parameters<typeof liveStatusText> extends [unknown, ...infer Rest] ? Rest : never) => liveStatusText(t, ...args);

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

  it('speaks Spanish and Arabic, with Arabic plurals', () => {
    expect(liveStatusText(es, 'patient-waiting', 'patient', 4 * 60_000)).toBe('Usted está en la sala de espera (desde hace 4 minutos)');
    expect(liveStatusText(ar, 'patient-waiting', 'doctor', 2 * 60_000)).toBe('المريض ينتظر (منذ دقيقتين)');
    expect(liveStatusText(ar, 'cancelled', 'doctor', null)).toBe('ملغاة');
  });
});

describe(cancelNoticeText.name, () => {
  it("says the clinic's notice in hours or minutes", () => {
    const notice = (minutes: number) => ({
      startsAt: '2026-12-08T10:00:00.000Z',
      patientCancelClosesAt: new Date(Date.parse('2026-12-08T10:00:00.000Z') - minutes * 60_000).toISOString(),
    });
    expect([60, 120, 90].map((m) => cancelNoticeText(t, notice(m)))).toEqual(['1 hour', '2 hours', '90 minutes']);
    expect(cancelNoticeText(es, notice(120))).toBe('2 horas');
    expect(cancelNoticeText(ar, notice(120))).toBe('ساعتين');
  });
});

describe(waitingRoomChangeText.name, () => {
  const sut = (...args: Parameters<typeof waitingRoomChangeText> extends [unknown, ...infer Rest] ? Rest : never) =>
    waitingRoomChangeText(t, ...args);
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

  it('agrees the verb with the number of people in Spanish', () => {
    expect(waitingRoomChangeText(es, [tom], [ana, leo])).toBe(
      'Ana Ruiz y Leo Park llegaron a la sala de espera. Tom Becker salió de la sala de espera.',
    );
  });
});

describe(namesText.name, () => {
  it('lists names in the reader’s language', () => {
    expect(namesText(t, ['Sam Patel', 'Ana Ruiz', 'Leo Park'])).toBe('Sam Patel, Ana Ruiz and Leo Park');
    expect(namesText(ar, ['سامي', 'آنا'])).toBe('سامي وآنا');
    expect(namesText(t, [])).toBe('');
  });
});

describe(visitChangeText.name, () => {
  it('tells the doctor which visit was cancelled or moved, and stays quiet otherwise', () => {
    expect(visitChangeText(t, appointment(), update({ status: 'CANCELLED' }), 'doctor', 'Europe/Berlin')).toBe(
      'The visit with Tom Becker on Tue, Dec 8, 10:30 AM was cancelled.',
    );
    expect(visitChangeText(t, appointment(), update({ startsAt: '2026-12-08T11:00:00.000Z' }), 'patient', 'Europe/Berlin')).toBe(
      'The visit with Dr. Lena Hart on Tue, Dec 8, 10:30 AM was moved to Tue, Dec 8, 12:00 PM.',
    );
    expect(visitChangeText(t, appointment(), update({ sessionStatus: 'ACTIVE' }), 'doctor', 'Europe/Berlin')).toBeNull();
  });

  it('says it in Spanish', () => {
    expect(visitChangeText(es, appointment(), update({ status: 'CANCELLED' }), 'doctor', 'Europe/Berlin')).toMatch(
      /^Se canceló la consulta con Tom Becker prevista para el .+\.$/,
    );
  });
});

describe(visitRefusalText.name, () => {
  it('words what a refusal means for changing a visit, never with the API’s sentence', () => {
    expect(visitRefusalText(t, common, new ApiError('late', 409, 'too_late'), 'cancel', '1 hour')).toBe(
      'This visit starts in less than 1 hour and can no longer be cancelled online: please call or contact the clinic to cancel it.',
    );
    expect(visitRefusalText(t, common, new ApiError('in progress', 409, 'visit_in_progress'), 'reschedule')).toBe(
      'This visit is in progress and can no longer be rescheduled.',
    );
    expect(visitRefusalText(es, commonEs, new ApiError('Visit ended.', 409, 'visit_ended'))).toBe(
      'Esta consulta ha finalizado y ya no se puede modificar.',
    );
  });

  it('says any other refusal, or an error that is none, in the common words', () => {
    const slot = new ApiError('This time overlaps another scheduled visit of the doctor; choose another time.', 409, 'slot_taken');
    expect(visitRefusalText(t, common, slot, 'reschedule')).toBe('That time is already taken. Choose another one.');
    expect(visitRefusalText(es, commonEs, slot, 'reschedule')).toBe(commonEs('errors.reasons.slot_taken'));
    expect(visitRefusalText(ar, commonAr, new ApiError('in progress', 409, 'visit_in_progress'))).toBe(
      commonAr('errors.reasons.visit_in_progress'),
    );
    expect(visitRefusalText(ar, commonAr, new Error('boom'))).toBe('حدث خطأ ما. يرجى المحاولة مرة أخرى.');
  });
});

describe(bookingRefusal.name, () => {
  it('puts a problem about a field on that field, in words', () => {
    const past = new ApiError('The start time must not be in the past.', 400, 'validation_failed', {
      field: 'startsAt',
      problem: 'must not be in the past.',
    });
    expect(bookingRefusal(t, common, past)).toEqual({ fields: { startsAt: 'The start time must not be in the past.' }, summary: null });
    expect(bookingRefusal(es, commonEs, past).fields.startsAt).toBe('La hora de inicio no puede estar en el pasado.');
    const email = new ApiError('x', 400, 'validation_failed', { field: 'patient.email', problem: 'must be an email address' });
    expect(bookingRefusal(t, common, email).fields['patient.email']).toBe('The patient’s email address should look like name@example.com.');
  });

  it('sums up any other refusal', () => {
    expect(bookingRefusal(t, common, new ApiError('x', 409, 'conflict'))).toEqual({
      fields: {},
      summary: 'This email address cannot be booked: ask the patient for an email address of their own.',
    });
    expect(bookingRefusal(es, commonEs, new ApiError('x', 403, 'forbidden')).summary).toBe('No tiene acceso a esto.');
  });
});
