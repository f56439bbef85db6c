import type { AppointmentStatus, SessionStatus } from './appointments';

/**
 * `visit-updated` (server → client, namespace /signaling): a visit changed. Sent to every
 * connected socket of its doctor and its patient, in a room or not: cancelled, rescheduled,
 * the patient started or stopped waiting, the call started or ended, the visit was missed.
 */
export interface VisitUpdatedEvent {
  appointmentId: string;
  sessionId: string;
  status: AppointmentStatus;
  startsAt: string;
  endsAt: string;
  sessionStatus: SessionStatus;
  /** Since when the patient waits alone in the visit's room (ISO), or null. */
  patientWaitingSince: string | null;
}

/** What the doctor's list and the patient's dashboard show of a visit, live. */
export type LiveVisitStatus = 'scheduled' | 'patient-waiting' | 'in-call' | 'ended' | 'cancelled' | 'missed';

/** The one rule from a visit's state to its live status (the web shows it; the API sends what it needs). */
export function liveVisitStatus(visit: {
  status: AppointmentStatus;
  sessionStatus: SessionStatus;
  patientWaitingSince?: string | null;
}): LiveVisitStatus {
  if (visit.status === 'CANCELLED') return 'cancelled';
  if (visit.status === 'NO_SHOW') return 'missed';
  if (visit.status === 'COMPLETED' || visit.sessionStatus === 'ENDED') return 'ended';
  if (visit.sessionStatus === 'ACTIVE') return 'in-call';
  return visit.patientWaitingSince ? 'patient-waiting' : 'scheduled';
}

/** What a doctor can send a waiting patient with one click; free text is allowed too. */
export const WAITING_MESSAGE_PRESETS = [
  'Running about 10 minutes late',
  'Running about 20 minutes late',
  "I'll be with you shortly",
] as const;
export const MAX_WAITING_MESSAGE_LENGTH = 200;

/** `waiting-message` (server → the waiting patient). */
export interface WaitingMessageEvent {
  text: string;
  sentAt: string;
}

/**
 * `waiting-position` (server → each patient waiting for the same doctor): their place in the
 * doctor's queue and when the visit is expected to start (see `estimateWaitingQueue`).
 */
export interface WaitingPositionEvent {
  appointmentId: string;
  /** 1 for the next patient the doctor sees. */
  position: number;
  /** How many patients wait for this doctor now. */
  waiting: number;
  estimatedStartAt: string;
}

export interface QueuedVisit {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
  /** When the patient started waiting (ISO). */
  since: string;
}

/**
 * The doctor's waiting patients in the order the doctor sees them (their scheduled start, then who
 * came first), each with an estimated start: the later of the visit's own start and the moment
 * the visits before it end, each taking its scheduled length from when it starts. The doctor is
 * taken to be free `now` (a call in progress is not known here, so the estimate can be early).
 */
export function estimateWaitingQueue(waiting: readonly QueuedVisit[], now: Date): WaitingPositionEvent[] {
  const queue = [...waiting].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.since.localeCompare(b.since));
  let freeAt = now.getTime();
  return queue.map((visit, index) => {
    const start = Math.max(freeAt, Date.parse(visit.startsAt));
    freeAt = start + (Date.parse(visit.endsAt) - Date.parse(visit.startsAt));
    return {
      appointmentId: visit.appointmentId,
      position: index + 1,
      waiting: queue.length,
      estimatedStartAt: new Date(start).toISOString(),
    };
  });
}
