import { decideVisitAction, isInsideJoinWindow, joinWindow, visitPhase } from '@telehealth/contracts';
import type { AckError, Role } from '@telehealth/contracts';

export interface JoinAccess {
  user: { id: string; role: Role };
  appointment: {
    doctorId: string;
    patientId: string;
    startsAt: Date;
    endsAt: Date;
    status: 'SCHEDULED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
  };
  session: { status: 'WAITING' | 'ACTIVE' | 'ENDED' };
  joinWindowBeforeMinutes: number;
  now: Date;
}

/**
 * Whether a user may enter a visit's room now: only the appointment's doctor and patient,
 * never a cancelled visit or an ended session, and only inside the join window. A visit
 * that is running when its scheduled end passes stays open to its two parties, so a call
 * that overruns can still be rejoined after a dropped connection.
 */
export function decideJoin(access: JoinAccess): { ok: true; role: 'DOCTOR' | 'PATIENT' } | AckError {
  const { user, appointment, session, now } = access;
  const role = user.id === appointment.doctorId ? 'DOCTOR' : user.id === appointment.patientId ? 'PATIENT' : undefined;
  if (!role) return { ok: false, code: 403, error: 'This visit is not yours: only its doctor and patient may join.' };
  const phase = visitPhase({ status: appointment.status, sessionStatus: session.status });
  // A missed visit is a matter of time (410 below), like any visit whose window closed.
  if (phase !== 'missed') {
    const allowed = decideVisitAction(phase, 'join');
    if (!allowed.ok) return allowed;
  }
  const window = joinWindow(appointment, access.joinWindowBeforeMinutes);
  if (now < window.opensAt) {
    return {
      ok: false,
      code: 425,
      error: `This visit opens for joining ${access.joinWindowBeforeMinutes} minutes before it starts, at ${window.opensAt.toISOString()}.`,
    };
  }
  const running = session.status === 'ACTIVE';
  if (!running && (appointment.status === 'NO_SHOW' || !isInsideJoinWindow(window, now))) {
    return { ok: false, code: 410, error: 'The time of this visit is over; ask the clinic for a new appointment.' };
  }
  return { ok: true, role };
}
