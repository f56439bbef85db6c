import type { SessionResponse, SessionTimelineEntry } from '@telehealth/contracts';
import { recordName } from './participants';
import { formatDuration } from './time';

export type VisitOutcome = 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'ENDED' | 'IN_PROGRESS' | 'NOT_HELD';

const OUTCOME_LABEL: Record<VisitOutcome, string> = {
  COMPLETED: 'Completed',
  NO_SHOW: 'No-show',
  CANCELLED: 'Cancelled',
  ENDED: 'Ended',
  IN_PROGRESS: 'In progress',
  NOT_HELD: 'Did not take place',
};

/** What became of a visit, from the appointment's status and the session's (the history's one word for it). */
export function visitOutcome(visit: Pick<SessionResponse, 'appointmentStatus' | 'status'>): { outcome: VisitOutcome; label: string } {
  let outcome: VisitOutcome;
  if (visit.appointmentStatus !== 'SCHEDULED') outcome = visit.appointmentStatus;
  else if (visit.status === 'ENDED') outcome = 'ENDED';
  else if (visit.status === 'ACTIVE') outcome = 'IN_PROGRESS';
  else outcome = 'NOT_HELD';
  return { outcome, label: OUTCOME_LABEL[outcome] };
}

/** The person on the other side of the visit for `viewerId`. */
export function otherParty(visit: Pick<SessionResponse, 'doctor' | 'patient'>, viewerId: string): { id: string; name: string } {
  return visit.doctor.id === viewerId ? visit.patient : visit.doctor;
}

/** Wording for the other party's role, seen from the viewer's side. */
export function otherRoleLabel(viewerIsDoctor: boolean): string {
  return viewerIsDoctor ? 'Patient' : 'Doctor';
}

/**
 * The timeline as sentences, the way the PDF report words them, so the page and the report agree.
 * Names come from the event, else from the visit's doctor and patient.
 */
export function timelineSentences(
  timeline: SessionTimelineEntry[],
  visit: Pick<SessionResponse, 'doctor' | 'patient'>,
): Array<{ at: string; text: string; type: SessionTimelineEntry['type'] }> {
  const guests = new Map<string, string>();
  for (const event of timeline) {
    if (event.userId && event.userName && (event.userRole === 'GUEST' || event.guestRole)) {
      guests.set(event.userId, recordName({ name: event.userName, role: event.userRole, guestRole: event.guestRole }));
    }
  }
  // Guests are named with their part ("Ana Ruiz (interpreter)"); the doctor and the patient as always.
  const nameOf = (userId: string | null, fallback: string | null = null) =>
    (userId ? guests.get(userId) : undefined) ??
    fallback ??
    (userId === visit.doctor.id ? visit.doctor.name : userId === visit.patient.id ? visit.patient.name : 'Someone');
  const otherOf = (userId: string | null) => (userId === visit.doctor.id ? visit.patient.name : visit.doctor.name);
  const waitingSince = new Map<string, number>();

  return timeline.map((event) => {
    const name = nameOf(event.userId, event.userName);
    const key = event.userId ?? '';
    const at = Date.parse(event.at);
    let text: string;
    switch (event.type) {
      case 'JOINED':
        text = `${name} joined`;
        break;
      case 'WAITING':
        waitingSince.set(key, at);
        text = `${name} waited for ${otherOf(event.userId)}`;
        break;
      case 'PEER_JOINED': {
        const peer = event.detail?.peer ? nameOf(event.detail.peer) : otherOf(event.userId);
        const waited = [...waitingSince.entries()].map(
          ([userId, since]) => `${nameOf(userId)} had waited ${formatDuration((at - since) / 1000)}`,
        );
        waitingSince.clear();
        text = `${name} and ${peer} were connected${waited.length ? ` (${waited.join(', ')})` : ''}`;
        break;
      }
      case 'RECONNECTED':
        text = `${name} reconnected after a connection drop`;
        break;
      case 'LEFT':
        waitingSince.delete(key);
        text = event.detail?.reason === 'timeout' ? `${name} lost the connection and did not come back in time` : `${name} left the visit`;
        break;
      case 'ENDED':
        waitingSince.clear();
        text = `${name} ended the visit`;
        break;
      case 'WAITING_MESSAGE':
        text = `${name} told the waiting room: “${event.detail?.text ?? ''}”`;
        break;
    }
    return { at: event.at, text, type: event.type };
  });
}
