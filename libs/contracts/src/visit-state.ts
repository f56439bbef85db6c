import type { AppointmentStatus, SessionStatus } from './appointments';
import type { ErrorReason } from './error';

/**
 * The life of a visit, stated once: the appointment's status and its session's status are
 * two columns, but together they are one state machine. REST (cancel, reschedule, end,
 * notes), the signaling gateway (join, start, end) and the web app (which buttons to offer)
 * all ask it, so none of them can allow what another refuses.
 *
 *   scheduled ──start (both present)──▶ in-call ──end──▶ ended
 *      │  ╰──end (a call left open, the window open)──────▲
 *      ├──cancel──▶ cancelled
 *      ╰──mark-missed (window over, never started)──▶ missed
 *
 * Someone waiting in the room does not change the phase: a visit whose patient waits may
 * still be cancelled or moved (they are told), but once both were present it has begun.
 */
export type VisitPhase = 'scheduled' | 'in-call' | 'ended' | 'cancelled' | 'missed';

/** `invite-guest`: the doctor brings a guest (interpreter, caregiver, …) into a visit that can still be joined. */
export type VisitAction = 'cancel' | 'reschedule' | 'join' | 'start' | 'end' | 'mark-missed' | 'write-notes' | 'invite-guest';

export function visitPhase(visit: { status: AppointmentStatus; sessionStatus: SessionStatus }): VisitPhase {
  if (visit.status === 'CANCELLED') return 'cancelled';
  if (visit.status === 'NO_SHOW') return 'missed';
  if (visit.sessionStatus === 'ENDED' || visit.status === 'COMPLETED') return 'ended';
  if (visit.sessionStatus === 'ACTIVE') return 'in-call';
  return 'scheduled';
}

const ALLOWED: Record<VisitPhase, readonly VisitAction[]> = {
  scheduled: ['cancel', 'reschedule', 'join', 'start', 'end', 'mark-missed', 'invite-guest'],
  'in-call': ['join', 'end', 'invite-guest'],
  ended: ['write-notes'],
  cancelled: [],
  missed: [],
};

/** Why an action is refused in a phase, in words a doctor or patient understands. */
const REFUSAL: Record<VisitPhase, Partial<Record<VisitAction, string>> & { default: string }> = {
  scheduled: { 'write-notes': 'Notes can be written once the visit has ended.', default: 'This visit has not begun yet.' },
  'in-call': {
    cancel: 'This visit is in progress and can no longer be cancelled; the doctor ends it from the call.',
    reschedule: 'This visit is in progress and can no longer be rescheduled.',
    'write-notes': 'Notes can be written once the visit has ended.',
    default: 'This visit is in progress.',
  },
  ended: {
    join: 'This visit has ended; it can no longer be joined.',
    end: 'This visit has already ended.',
    'invite-guest': 'This visit has ended; no one can be invited to it any more.',
    default: 'This visit has ended and can no longer be changed.',
  },
  cancelled: {
    end: 'This visit was cancelled; there is no call to end.',
    'invite-guest': 'This visit was cancelled; no one can be invited to it.',
    default: 'This visit was cancelled.',
  },
  missed: {
    end: 'This visit was marked as missed; there is no call to end.',
    'invite-guest': 'This visit was missed and is over; no one can be invited to it.',
    default: 'This visit was missed (no one joined in time) and can no longer be changed.',
  },
};

/** The machine-readable reason of a refusal in each phase (see ERROR_REASONS). */
export const REFUSAL_REASON: Record<VisitPhase, ErrorReason> = {
  scheduled: 'visit_not_started',
  'in-call': 'visit_in_progress',
  ended: 'visit_ended',
  cancelled: 'visit_cancelled',
  missed: 'visit_missed',
};

export function isVisitActionAllowed(phase: VisitPhase, action: VisitAction): boolean {
  return ALLOWED[phase].includes(action);
}

/** Whether the action may happen in this phase; a refusal is a 409 with a sentence. */
export function decideVisitAction(
  phase: VisitPhase,
  action: VisitAction,
): { ok: true } | { ok: false; code: 409; error: string; reason: ErrorReason } {
  if (isVisitActionAllowed(phase, action)) return { ok: true };
  return { ok: false, code: 409, error: REFUSAL[phase][action] ?? REFUSAL[phase].default, reason: REFUSAL_REASON[phase] };
}
