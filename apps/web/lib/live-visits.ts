import type { AppointmentPage, AppointmentResponse, LiveVisitStatus, VisitUpdatedEvent, WaitingPatient } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { ApiError, refusalText, toApiError } from './api-client';
import type { FieldProblem } from './form-errors';
import { formatDateTime } from './time';
import { withVisitUpdate } from './visit-update';

/** The last moment (ms) a patient can cancel `appointment` online (the clinic's notice, as the API says). */
export function patientCancelDeadline(appointment: Pick<AppointmentResponse, 'patientCancelClosesAt'>): number {
  return Date.parse(appointment.patientCancelClosesAt);
}

/** The clinic's cancel notice in words: "1 hour", "90 minutes". */
export function cancelNoticeText(
  t: Translator<'schedule'>,
  appointment: Pick<AppointmentResponse, 'startsAt' | 'patientCancelClosesAt'>,
): string {
  const minutes = Math.round((Date.parse(appointment.startsAt) - Date.parse(appointment.patientCancelClosesAt)) / 60_000);
  if (minutes % 60 !== 0) return t('notice.minutes', { minutes });
  return t('notice.hours', { hours: minutes / 60 });
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
export function formatWaited(t: Translator<'schedule'>, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('waited.underMinute');
  if (minutes < 60) return t('waited.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? t('waited.hoursMinutes', { hours, minutes: rest }) : t('waited.hours', { hours });
}

export type Viewer = 'doctor' | 'patient';

const LIVE_LABEL = {
  scheduled: 'status.scheduled',
  'patient-waiting': 'status.patientWaiting',
  'in-call': 'status.inCall',
  ended: 'status.ended',
  cancelled: 'status.cancelled',
  missed: 'status.missed',
} as const satisfies Record<LiveVisitStatus, string>;

/** The badge's words: the patient reads about their own wait, the doctor about the patient's. */
export function liveStatusText(t: Translator<'schedule'>, status: LiveVisitStatus, viewer: Viewer, waitedMs: number | null): string {
  if (status !== 'patient-waiting') return t(LIVE_LABEL[status]);
  if (waitedMs === null) return viewer === 'doctor' ? t('status.patientWaiting') : t('status.youAreWaiting');
  const waited = formatWaited(t, waitedMs);
  return viewer === 'doctor' ? t('status.patientWaitingFor', { waited }) : t('status.youAreWaitingFor', { waited });
}

/**
 * The sentence a dashboard announces when a visit on it was cancelled or moved by someone
 * (possibly the reader in another tab); null for changes the badge already shows.
 */
export function visitChangeText(
  t: Translator<'schedule'>,
  before: AppointmentResponse | undefined,
  event: VisitUpdatedEvent,
  viewer: Viewer,
  timeZone: string,
): string | null {
  if (!before) return null;
  const name = viewer === 'doctor' ? before.patient.name : before.doctor.name;
  const when = formatDateTime(before.startsAt, timeZone);
  if (event.status === 'CANCELLED' && before.status !== 'CANCELLED') return t('change.cancelled', { name, when });
  if (event.status === 'SCHEDULED' && event.startsAt !== before.startsAt) {
    return t('change.moved', { name, when, newWhen: formatDateTime(event.startsAt, timeZone) });
  }
  return null;
}

/** "Sam Patel", "Sam Patel and Ana Ruiz", "Sam Patel, Ana Ruiz and Leo Park", in the translator's language. */
export function namesText(t: Translator<'schedule'>, names: readonly string[]): string {
  const [first = '', ...rest] = names;
  if (rest.length === 0) return first;
  if (rest.length === 1) return t('names.two', { first, second: rest[0]! });
  return t('names.more', { first, rest: namesText(t, rest) });
}

type WaitingEntry = Pick<WaitingPatient, 'sessionId' | 'patient'>;

/**
 * What the doctor's screen reader is told when the waiting room changes: who arrived and who left,
 * once each; the first list as it stands; null when nobody came or went.
 */
export function waitingRoomChangeText(
  t: Translator<'schedule'>,
  before: readonly WaitingEntry[] | null,
  after: readonly WaitingEntry[],
): string | null {
  const names = (entries: readonly WaitingEntry[]) =>
    namesText(
      t,
      entries.map((w) => w.patient.name),
    );
  if (before === null) return after.length > 0 ? t('room.waitingNow', { names: names(after) }) : null;
  const arrived = after.filter((w) => !before.some((b) => b.sessionId === w.sessionId));
  const left = before.filter((b) => !after.some((w) => w.sessionId === b.sessionId));
  const sentences = [
    arrived.length > 0 ? t('room.arrived', { names: names(arrived), count: arrived.length }) : null,
    left.length > 0 ? t('room.left', { names: names(left), count: left.length }) : null,
  ].filter((sentence) => sentence !== null);
  return sentences.length > 0 ? sentences.join(' ') : null;
}

/** What was being done when the API refused: some refusals read differently for each. */
export type VisitAction = 'cancel' | 'reschedule' | 'book' | 'other';

/** What a refusal means for changing a visit, in the schedule's words; null for one every screen words alike. */
function scheduleRefusalText(t: Translator<'schedule'>, refusal: ApiError, action: VisitAction, notice?: string): string | null {
  switch (refusal.reason) {
    case 'visit_in_progress':
      if (action === 'cancel') return t('errors.inProgressCancel');
      return action === 'reschedule' ? t('errors.inProgressReschedule') : null;
    case 'visit_ended':
      return t('errors.ended');
    case 'visit_missed':
      return t('errors.missed');
    case 'too_late':
      return notice ? t('errors.tooLateToCancel', { notice }) : t('errors.tooLate');
    case 'conflict':
      return action === 'book' ? t('errors.emailNotBookable') : null;
    case 'not_in_room':
      return t('errors.notInRoom');
    case 'validation_failed':
      return isStartInPast(refusal.fieldProblem) ? t('errors.startInPast') : null;
    default:
      return null;
  }
}

/**
 * Why the API refused something about a visit, in the reader's language, by the refusal's reason
 * (never the API's English sentence): what a refusal means for changing a visit in the schedule's
 * words, any other in the common words (`common`, lib/api-client `refusalText`). `notice` is the
 * clinic's cancel notice in words, for a patient's cancel that came too late.
 */
export function visitRefusalText(
  t: Translator<'schedule'>,
  common: Translator<'common'>,
  error: unknown,
  action: VisitAction = 'other',
  notice?: string,
): string {
  const refusal = toApiError(error);
  const own = refusal instanceof ApiError ? scheduleRefusalText(t, refusal, action, notice) : null;
  return own ?? refusalText(error, common);
}

function isStartInPast(problem: FieldProblem | null): boolean {
  return problem?.field === 'startsAt' && /in the past/.test(problem.problem);
}

/** The booking form's fields, by the API's names for them. */
export type BookingField = 'patientId' | 'patient.name' | 'patient.email' | 'patient.timeZone' | 'patient.language' | 'startsAt' | 'reason';

/**
 * Where a refused booking's problem goes: a problem about one of the form's fields on that field,
 * anything else as the form's summary; every word from the catalogue.
 */
export function bookingRefusal(
  t: Translator<'schedule'>,
  common: Translator<'common'>,
  error: unknown,
): { fields: Partial<Record<BookingField, string>>; summary: string | null } {
  const refusal = toApiError(error);
  const problem = refusal instanceof ApiError ? refusal.fieldProblem : null;
  if (!problem) return { fields: {}, summary: visitRefusalText(t, common, error, 'book') };
  switch (problem.field) {
    case 'startsAt':
      return { fields: { startsAt: isStartInPast(problem) ? t('errors.startInPast') : t('errors.invalid') }, summary: null };
    case 'patientId':
      return { fields: { patientId: t('form.patientNotFound') }, summary: null };
    case 'patient':
      return { fields: { patientId: t('form.invalidPatient') }, summary: null };
    case 'patient.email':
      return { fields: { 'patient.email': t('form.emailLooksWrong') }, summary: null };
    case 'patient.name':
      return { fields: { 'patient.name': t('form.invalidPatientName') }, summary: null };
    case 'patient.timeZone':
      return { fields: { 'patient.timeZone': t('form.invalidPatientTimeZone') }, summary: null };
    case 'patient.language':
      return { fields: { 'patient.language': t('form.invalidPatientLanguage') }, summary: null };
    case 'reason':
      return { fields: { reason: t('form.invalidReason') }, summary: null };
    case 'durationMinutes':
    case 'endsAt':
      return { fields: {}, summary: t('form.invalidDuration') };
    default:
      return { fields: {}, summary: t('errors.invalid') };
  }
}
