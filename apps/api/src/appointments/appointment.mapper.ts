import { AppointmentResponse, joinWindow } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';

const PARTY = { select: { id: true, name: true, timeZone: true } } as const;

/** What every appointment query includes, so one mapper serves them all. */
export const APPOINTMENT_INCLUDE = {
  doctor: PARTY,
  patient: PARTY,
  room: { select: { id: true } },
  session: { select: { id: true, status: true } },
} satisfies Prisma.AppointmentInclude;

export type AppointmentRow = Prisma.AppointmentGetPayload<{ include: typeof APPOINTMENT_INCLUDE }>;

/** The same with both emails: what a change's email and calendar file need (never in a response). */
export const APPOINTMENT_WITH_CONTACT_INCLUDE = {
  ...APPOINTMENT_INCLUDE,
  doctor: { select: { id: true, name: true, timeZone: true, email: true, language: true } },
  patient: { select: { id: true, name: true, timeZone: true, email: true, language: true } },
} satisfies Prisma.AppointmentInclude;

export type AppointmentWithContact = Prisma.AppointmentGetPayload<{ include: typeof APPOINTMENT_WITH_CONTACT_INCLUDE }>;

/** What the response is made of: a Prisma row, or a row of the list's plain SQL. */
export type AppointmentView = Pick<
  AppointmentRow,
  'id' | 'doctor' | 'patient' | 'startsAt' | 'endsAt' | 'reason' | 'status' | 'media' | 'room' | 'session' | 'cancelledAt' | 'createdAt'
>;

/** The clinic's settings a response is computed with: the join window's lead and the patient's cancel notice. */
export interface AppointmentRules {
  joinBeforeMinutes: number;
  patientCancelNoticeMinutes: number;
}

/**
 * Who the response is for. A guest of the visit (an interpreter, a caregiver: see access-policy.ts)
 * gets an empty `reason`: why the patient comes is health data the patient gave the doctor, not
 * whoever the doctor brings in to help with the call. Empty rather than a placeholder sentence, so
 * that a client in any language simply leaves the line out.
 */
export type AppointmentViewer = 'DOCTOR' | 'PATIENT' | 'ADMIN' | 'GUEST';

export function toAppointmentResponse(row: AppointmentView, rules: AppointmentRules, viewer?: AppointmentViewer): AppointmentResponse {
  if (!row.room || !row.session) throw new Error(`appointment ${row.id} has no room or session`);
  const window = joinWindow(row, rules.joinBeforeMinutes);
  return {
    id: row.id,
    // Field by field: a row with the patient's email must not put it in a response.
    doctor: { id: row.doctor.id, name: row.doctor.name, timeZone: row.doctor.timeZone },
    patient: { id: row.patient.id, name: row.patient.name, timeZone: row.patient.timeZone },
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    durationMinutes: Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60_000),
    reason: viewer === 'GUEST' ? '' : row.reason,
    status: row.status,
    media: row.media,
    roomId: row.room.id,
    sessionId: row.session.id,
    sessionStatus: row.session.status,
    joinOpensAt: window.opensAt.toISOString(),
    joinClosesAt: window.closesAt.toISOString(),
    patientCancelClosesAt: new Date(row.startsAt.getTime() - rules.patientCancelNoticeMinutes * 60_000).toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
