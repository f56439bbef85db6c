import { INSTANT_VISIT_MINUTES, type CallMedia, type CreateRoomInput, type Language, type PatientSummary } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { ApiError, toApiError } from './api-client';
import { visitRefusalText } from './live-visits';

/** Who an instant visit is for: a patient on file, a new one by name (email optional), or nobody named yet. */
export type InstantPatientMode = 'existing' | 'new' | 'unnamed';

/** What the doctor has put in the instant visit's form. */
export interface InstantVisitDraft {
  mode: InstantPatientMode;
  /** The patient on file chosen in the search (mode `existing`). */
  patient: PatientSummary | null;
  /** A new patient's name, email (may stay empty) and language (mode `new`). */
  name: string;
  email: string;
  language: Language;
  media: CallMedia;
  durationMinutes: number;
  /** Optional: empty sends none. */
  reason: string;
}

/** The form's fields by the API's names for them (`POST /api/rooms`), in the form's order. */
export type InstantVisitField = 'patient_id' | 'patient.name' | 'patient.email' | 'patient.language' | 'reason';
export type InstantVisitProblems = Partial<Record<InstantVisitField, string>>;

/** A fresh form: no patient chosen, a video call of the usual instant length, the doctor's language for a new patient. */
export function emptyInstantVisitDraft(language: Language): InstantVisitDraft {
  return {
    mode: 'existing',
    patient: null,
    name: '',
    email: '',
    language,
    media: 'video',
    durationMinutes: INSTANT_VISIT_MINUTES,
    reason: '',
  };
}

// Enough to catch a slip before asking the API, which checks the address properly.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The request the form sends, or what is wrong with it on its fields. A new patient is written down in
 * the doctor's time zone (as the booking form does) unless the API is told otherwise later on their profile.
 */
export function instantVisitRequest(
  t: Translator<'schedule'>,
  draft: InstantVisitDraft,
  timeZone: string,
): { request: CreateRoomInput } | { problems: InstantVisitProblems } {
  const reason = draft.reason.trim();
  const common = { media: draft.media, duration_minutes: draft.durationMinutes, ...(reason ? { reason } : {}) };
  switch (draft.mode) {
    case 'existing':
      return draft.patient
        ? { request: { ...common, patient_id: draft.patient.id } }
        : { problems: { patient_id: t('instant.choosePatient') } };
    case 'new': {
      const name = draft.name.trim();
      const email = draft.email.trim();
      const problems: InstantVisitProblems = {};
      if (!name) problems['patient.name'] = t('instant.enterName');
      if (email && !LOOKS_LIKE_EMAIL.test(email)) problems['patient.email'] = t('form.emailLooksWrong');
      if (Object.keys(problems).length > 0) return { problems };
      return {
        request: { ...common, patient: { name, ...(email ? { email } : {}), time_zone: timeZone, language: draft.language } },
      };
    }
    case 'unnamed':
      return { request: common };
  }
}

/**
 * Where a refused instant visit's problem goes: a problem about one of the form's fields on that field,
 * anything else as the form's summary; every word from the catalogue. A visit of the doctor's that
 * already holds this moment is said as such (the API's `slot_taken`).
 */
export function instantVisitRefusal(
  t: Translator<'schedule'>,
  common: Translator<'common'>,
  error: unknown,
): { fields: InstantVisitProblems; summary: string | null } {
  const refusal = toApiError(error);
  if (refusal instanceof ApiError && refusal.reason === 'slot_taken') return { fields: {}, summary: t('instant.errors.busyNow') };
  const problem = refusal instanceof ApiError ? refusal.fieldProblem : null;
  if (!problem) return { fields: {}, summary: visitRefusalText(t, common, error, 'book') };
  switch (problem.field) {
    case 'patient_id':
      return { fields: { patient_id: t('form.patientNotFound') }, summary: null };
    case 'patient':
      return { fields: { patient_id: t('form.invalidPatient') }, summary: null };
    case 'patient.name':
      return { fields: { 'patient.name': t('form.invalidPatientName') }, summary: null };
    case 'patient.email':
      return { fields: { 'patient.email': t('form.emailLooksWrong') }, summary: null };
    case 'patient.language':
      return { fields: { 'patient.language': t('form.invalidPatientLanguage') }, summary: null };
    case 'patient.time_zone':
      return { fields: {}, summary: t('form.invalidPatientTimeZone') };
    case 'duration_minutes':
      return { fields: {}, summary: t('form.invalidDuration') };
    case 'reason':
      return { fields: { reason: t('form.invalidReason') }, summary: null };
    default:
      return { fields: {}, summary: t('errors.invalid') };
  }
}

/**
 * Where the API emails the new visit's link and code: the new patient's address, or the address on
 * file of the patient chosen; none for a patient without one (the API's placeholder addresses, under
 * `.invalid`, receive nothing) or nobody named.
 */
export function emailedTo(draft: InstantVisitDraft): string | null {
  const address = draft.mode === 'existing' ? (draft.patient?.email ?? '') : draft.mode === 'new' ? draft.email.trim() : '';
  return address && !address.toLowerCase().endsWith('.invalid') ? address : null;
}

/** Where a visit code is typed: the `/join` page of the site the link points at (this page's own when the link is odd). */
export function joinPageOf(link: string): string {
  try {
    return `${new URL(link).origin}/join`;
  } catch {
    return '/join';
  }
}
