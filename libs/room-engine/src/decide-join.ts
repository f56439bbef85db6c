import { decideVisitAction, isInsideJoinWindow, joinWindow, visitPhase } from '@telehealth/contracts';
import type { AckError } from '@telehealth/contracts';

/** A visit as the join rule sees it: its times and statuses. Who the caller is, is the access policy's question. */
export interface JoinTiming {
  appointment: {
    startsAt: Date;
    endsAt: Date;
    status: 'SCHEDULED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
  };
  session: { status: 'WAITING' | 'ACTIVE' | 'ENDED' };
  joinWindowBeforeMinutes: number;
  now: Date;
}

/**
 * Whether a party of a visit (the access policy decides who is one) may enter its room now:
 * never a cancelled visit or an ended session, and only inside the join window. A visit that
 * is running when its scheduled end passes stays open to its parties, so a call that overruns
 * can still be rejoined after a dropped connection.
 */
export function decideJoin(timing: JoinTiming): { ok: true } | AckError {
  const { appointment, session, now } = timing;
  const phase = visitPhase({ status: appointment.status, sessionStatus: session.status });
  // A missed visit is a matter of time (410 below), like any visit whose window closed.
  if (phase !== 'missed') {
    const allowed = decideVisitAction(phase, 'join');
    if (!allowed.ok) return allowed;
  }
  const window = joinWindow(appointment, timing.joinWindowBeforeMinutes);
  if (now < window.opensAt) {
    return {
      ok: false,
      code: 425,
      reason: 'too_early',
      error: `This visit opens for joining ${timing.joinWindowBeforeMinutes} minutes before it starts, at ${window.opensAt.toISOString()}.`,
    };
  }
  const running = session.status === 'ACTIVE';
  if (!running && (appointment.status === 'NO_SHOW' || !isInsideJoinWindow(window, now))) {
    return { ok: false, code: 410, reason: 'too_late', error: 'The time of this visit is over; ask the clinic for a new appointment.' };
  }
  return { ok: true };
}
