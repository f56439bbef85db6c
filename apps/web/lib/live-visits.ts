import type {
  AppointmentPage,
  AppointmentResponse,
  LiveVisitStatus,
  VisitUpdatedEvent,
  WaitingPatient,
  WaitingPositionEvent,
} from '@telehealth/contracts';
import { listOfNames } from './participants';
import { formatDateTime, formatTime } from './time';

/** The last moment (ms) a patient can cancel `appointment` online (the clinic's notice, as the API says). */
export function patientCancelDeadline(appointment: Pick<AppointmentResponse, 'patientCancelClosesAt'>): number {
  return Date.parse(appointment.patientCancelClosesAt);
}

/** The clinic's cancel notice in words: "1 hour", "90 minutes". */
export function cancelNoticeText(appointment: Pick<AppointmentResponse, 'startsAt' | 'patientCancelClosesAt'>): string {
  const minutes = Math.round((Date.parse(appointment.startsAt) - Date.parse(appointment.patientCancelClosesAt)) / 60_000);
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

/**
 * The appointment as `visit-updated` says it is now. The join window keeps its lead before the
 * start (the API's `JOIN_BEFORE_MINUTES`, read off the appointment) and closes at the end.
 */
export function withVisitUpdate(appointment: AppointmentResponse, event: VisitUpdatedEvent): AppointmentResponse {
  const lead = Date.parse(appointment.startsAt) - Date.parse(appointment.joinOpensAt);
  const notice = Date.parse(appointment.startsAt) - Date.parse(appointment.patientCancelClosesAt);
  const startsAt = Date.parse(event.startsAt);
  return {
    ...appointment,
    status: event.status,
    sessionStatus: event.sessionStatus,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    durationMinutes: Math.round((Date.parse(event.endsAt) - startsAt) / 60_000),
    joinOpensAt: new Date(startsAt - lead).toISOString(),
    joinClosesAt: event.endsAt,
    patientCancelClosesAt: new Date(startsAt - notice).toISOString(),
    cancelledAt: event.status === 'CANCELLED' ? (appointment.cancelledAt ?? new Date().toISOString()) : appointment.cancelledAt,
  };
}

/** A page of appointments with `event` applied to its visit; the same page when the visit is not on it. */
export function pageWithVisitUpdate(page: AppointmentPage, event: VisitUpdatedEvent): AppointmentPage {
  if (!page.items.some((a) => a.id === event.appointmentId)) return page;
  return { ...page, items: page.items.map((a) => (a.id === event.appointmentId ? withVisitUpdate(a, event) : a)) };
}

export function isAppointmentPage(data: unknown): data is AppointmentPage {
  return !!data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items);
}

/** Something a list cannot show by patching its row: a new visit, or one that leaves or moves in the list. */
export function needsRefetch(before: AppointmentResponse | undefined, event: VisitUpdatedEvent): boolean {
  return !before || before.status !== event.status || before.startsAt !== event.startsAt || before.endsAt !== event.endsAt;
}

/** "under 1 min", "4 min", "1 h 5 min": how long someone has waited, in whole minutes. */
export function formatWaited(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}

export type Viewer = 'doctor' | 'patient';

const LIVE_LABEL: Record<LiveVisitStatus, string> = {
  scheduled: 'Scheduled',
  'patient-waiting': 'Patient waiting',
  'in-call': 'In call',
  ended: 'Ended',
  cancelled: 'Cancelled',
  missed: 'Missed',
};

/** The badge's words: the patient reads about their own wait, the doctor about the patient's. */
export function liveStatusText(status: LiveVisitStatus, viewer: Viewer, waitedMs: number | null): string {
  if (status !== 'patient-waiting') return LIVE_LABEL[status];
  const label = viewer === 'doctor' ? LIVE_LABEL[status] : 'You are in the waiting room';
  return waitedMs === null ? label : `${label} (for ${formatWaited(waitedMs)})`;
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

function placeInLine(position: number): string {
  return position <= 1 ? 'next' : ordinal(position);
}

/** "You are 2nd in line · expected around 10:40 AM", or "You are next in line · …" for the first. */
export function waitingPositionText(event: Pick<WaitingPositionEvent, 'position' | 'estimatedStartAt'>, timeZone: string): string {
  return `You are ${placeInLine(event.position)} in line · expected around ${formatTime(event.estimatedStartAt, timeZone)}`;
}

/**
 * "You are 2nd in line.": what a screen reader is told when the place changes. The expected time is
 * left out: it moves with every estimate, and each move would be read out again.
 */
export function waitingPlaceText(event: Pick<WaitingPositionEvent, 'position'>): string {
  return `You are ${placeInLine(event.position)} in line.`;
}

/** "Tue, Dec 8, 10:30 AM (Europe/Madrid)": a visit's new time as the person reads it. */
export function movedToText(startsAt: string, timeZone: string): string {
  return `${formatDateTime(startsAt, timeZone)} (${timeZone.replace(/_/g, ' ')})`;
}

/**
 * The sentence a dashboard announces when a visit on it was cancelled or moved by someone
 * (possibly the reader in another tab); null for changes the badge already shows.
 */
export function visitChangeText(
  before: AppointmentResponse | undefined,
  event: VisitUpdatedEvent,
  viewer: Viewer,
  timeZone: string,
): string | null {
  if (!before) return null;
  const other = viewer === 'doctor' ? before.patient.name : before.doctor.name;
  const when = formatDateTime(before.startsAt, timeZone);
  if (event.status === 'CANCELLED' && before.status !== 'CANCELLED') return `The visit with ${other} on ${when} was cancelled.`;
  if (event.status === 'SCHEDULED' && event.startsAt !== before.startsAt) {
    return `The visit with ${other} on ${when} was moved to ${formatDateTime(event.startsAt, timeZone)}.`;
  }
  return null;
}

type WaitingEntry = Pick<WaitingPatient, 'sessionId' | 'patient'>;

/**
 * What the doctor's screen reader is told when the waiting room changes: who arrived and who left,
 * once each; the first list as it stands; null when nobody came or went.
 */
export function waitingRoomChangeText(before: readonly WaitingEntry[] | null, after: readonly WaitingEntry[]): string | null {
  const names = (entries: readonly WaitingEntry[]) => listOfNames(entries.map((w) => w.patient.name));
  if (before === null) return after.length > 0 ? `Waiting now: ${names(after)}.` : null;
  const arrived = after.filter((w) => !before.some((b) => b.sessionId === w.sessionId));
  const left = before.filter((b) => !after.some((w) => w.sessionId === b.sessionId));
  const sentences = [
    arrived.length > 0 ? `${names(arrived)} arrived in the waiting room.` : null,
    left.length > 0 ? `${names(left)} left the waiting room.` : null,
  ].filter((sentence) => sentence !== null);
  return sentences.length > 0 ? sentences.join(' ') : null;
}
