import { decideJoin, JoinAccess } from './decide-join';

const START = new Date('2026-05-01T09:00:00Z');
const END = new Date('2026-05-01T09:30:00Z');
const at = (iso: string) => new Date(iso);

function access(overrides: Partial<JoinAccess> = {}): JoinAccess {
  return {
    user: { id: 'patient-1', role: 'PATIENT' },
    appointment: { doctorId: 'doctor-1', patientId: 'patient-1', startsAt: START, endsAt: END, status: 'SCHEDULED' },
    session: { status: 'WAITING' },
    joinWindowBeforeMinutes: 10,
    now: at('2026-05-01T08:55:00Z'),
    ...overrides,
  };
}

describe(decideJoin.name, () => {
  it('lets the appointment’s patient and doctor in inside the window', () => {
    expect(decideJoin(access())).toEqual({ ok: true, role: 'PATIENT' });
    expect(decideJoin(access({ user: { id: 'doctor-1', role: 'DOCTOR' } }))).toEqual({ ok: true, role: 'DOCTOR' });
  });

  it('refuses anyone else, an admin included', () => {
    expect(decideJoin(access({ user: { id: 'patient-2', role: 'PATIENT' } }))).toMatchObject({ ok: false, code: 403 });
    expect(decideJoin(access({ user: { id: 'admin-1', role: 'ADMIN' } }))).toMatchObject({ ok: false, code: 403 });
  });

  it('refuses before the window opens, saying when it does', () => {
    expect(decideJoin(access({ now: at('2026-05-01T08:49:59Z') }))).toEqual({
      ok: false,
      code: 425,
      error: 'This visit opens for joining 10 minutes before it starts, at 2026-05-01T08:50:00.000Z.',
    });
  });

  it('refuses after the scheduled end, unless the visit is still running', () => {
    expect(decideJoin(access({ now: at('2026-05-01T09:30:00Z') }))).toMatchObject({ ok: false, code: 410 });
    expect(decideJoin(access({ now: at('2026-05-01T09:45:00Z'), session: { status: 'ACTIVE' } }))).toMatchObject({ ok: true });
  });

  it('refuses an ended session and a cancelled visit', () => {
    expect(decideJoin(access({ session: { status: 'ENDED' } }))).toMatchObject({ ok: false, code: 409 });
    expect(decideJoin(access({ appointment: { ...access().appointment, status: 'CANCELLED' } }))).toEqual({
      ok: false,
      code: 409,
      error: 'This visit was cancelled.',
      reason: 'visit_cancelled',
    });
  });
});
