import { decideJoin, JoinTiming } from './decide-join';

const START = new Date('2026-05-01T09:00:00Z');
const END = new Date('2026-05-01T09:30:00Z');
const at = (iso: string) => new Date(iso);

function timing(overrides: Partial<JoinTiming> = {}): JoinTiming {
  return {
    appointment: { startsAt: START, endsAt: END, status: 'SCHEDULED' },
    session: { status: 'WAITING' },
    joinWindowBeforeMinutes: 10,
    now: at('2026-05-01T08:55:00Z'),
    ...overrides,
  };
}

describe(decideJoin.name, () => {
  it('lets a party in inside the window', () => {
    expect(decideJoin(timing())).toEqual({ ok: true });
  });

  it('refuses before the window opens, saying when it does', () => {
    expect(decideJoin(timing({ now: at('2026-05-01T08:49:59Z') }))).toEqual({
      ok: false,
      code: 425,
      reason: 'too_early',
      error: 'This visit opens for joining 10 minutes before it starts, at 2026-05-01T08:50:00.000Z.',
    });
  });

  it('refuses after the scheduled end, unless the visit is still running', () => {
    expect(decideJoin(timing({ now: at('2026-05-01T09:30:00Z') }))).toMatchObject({ ok: false, code: 410, reason: 'too_late' });
    expect(decideJoin(timing({ now: at('2026-05-01T09:45:00Z'), session: { status: 'ACTIVE' } }))).toEqual({ ok: true });
  });

  it('refuses a missed visit as a matter of time', () => {
    expect(decideJoin(timing({ appointment: { ...timing().appointment, status: 'NO_SHOW' } }))).toMatchObject({
      ok: false,
      code: 410,
      reason: 'too_late',
    });
  });

  it('refuses an ended session and a cancelled visit', () => {
    expect(decideJoin(timing({ session: { status: 'ENDED' } }))).toMatchObject({ ok: false, code: 409, reason: 'visit_ended' });
    expect(decideJoin(timing({ appointment: { ...timing().appointment, status: 'CANCELLED' } }))).toEqual({
      ok: false,
      code: 409,
      error: 'This visit was cancelled.',
      reason: 'visit_cancelled',
    });
  });
});
