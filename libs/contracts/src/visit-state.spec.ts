import { decideVisitAction, isVisitActionAllowed, visitPhase } from './visit-state';

describe(visitPhase.name, () => {
  it('reads one phase from the two statuses', () => {
    expect(visitPhase({ status: 'SCHEDULED', sessionStatus: 'WAITING' })).toBe('scheduled');
    expect(visitPhase({ status: 'SCHEDULED', sessionStatus: 'ACTIVE' })).toBe('in-call');
    expect(visitPhase({ status: 'COMPLETED', sessionStatus: 'ENDED' })).toBe('ended');
    expect(visitPhase({ status: 'CANCELLED', sessionStatus: 'WAITING' })).toBe('cancelled');
    expect(visitPhase({ status: 'NO_SHOW', sessionStatus: 'WAITING' })).toBe('missed');
  });
});

describe(decideVisitAction.name, () => {
  it('refuses to cancel or reschedule a visit in progress, with a sentence', () => {
    expect(decideVisitAction('in-call', 'cancel')).toEqual({
      ok: false,
      code: 409,
      error: expect.stringContaining('in progress'),
      reason: 'visit_in_progress',
    });
    expect(decideVisitAction('in-call', 'reschedule')).toMatchObject({ ok: false, code: 409 });
  });

  it('lets a visit in progress be rejoined and ended, and an ended one get notes', () => {
    expect(decideVisitAction('in-call', 'join')).toEqual({ ok: true });
    expect(decideVisitAction('in-call', 'end')).toEqual({ ok: true });
    expect(decideVisitAction('ended', 'write-notes')).toEqual({ ok: true });
  });

  it('allows nothing once a visit is cancelled or missed', () => {
    for (const action of ['cancel', 'reschedule', 'join', 'start', 'end', 'mark-missed', 'write-notes', 'invite-guest'] as const) {
      expect(isVisitActionAllowed('cancelled', action)).toBe(false);
      expect(isVisitActionAllowed('missed', action)).toBe(false);
    }
  });
});
