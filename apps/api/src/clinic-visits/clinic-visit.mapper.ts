import type { ClinicVisit, ClinicVisitDetail } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { CallFacts } from '../sessions/call-facts';
import { durationSeconds, ParticipantRow, toTimelineEntries, toVisitParticipant } from '../sessions/session.mapper';
import { clinicVisitPhase } from './clinic-visit-phase';

const NAME = { select: { id: true, name: true } } as const;
const PARTY = { select: { id: true, name: true, timeZone: true } } as const;

/**
 * What an admin's visit rows load: who and when, never the reason, the notes or the chat (selected,
 * not included, so clinical content is not even read).
 */
export const CLINIC_VISIT_SELECT = {
  id: true,
  status: true,
  startedAt: true,
  endedAt: true,
  endedBy: NAME,
  appointment: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      cancelledAt: true,
      doctor: PARTY,
      patient: PARTY,
      _count: { select: { guests: true } },
    },
  },
} satisfies Prisma.SessionSelect;

export type ClinicVisitRow = Prisma.SessionGetPayload<{ select: typeof CLINIC_VISIT_SELECT }>;

/**
 * The detail adds the timeline, less the doctor's messages to the waiting room: their text is the
 * doctor's words to the patient, like the chat, and is not the admin's to read.
 */
export const CLINIC_VISIT_DETAIL_SELECT = {
  ...CLINIC_VISIT_SELECT,
  events: {
    where: { type: { not: 'WAITING_MESSAGE' } },
    orderBy: { occurredAt: 'asc' },
    include: { user: { select: { name: true, role: true, guestOf: { select: { role: true } } } } },
  },
} satisfies Prisma.SessionSelect;

export type ClinicVisitDetailRow = Prisma.SessionGetPayload<{ select: typeof CLINIC_VISIT_DETAIL_SELECT }>;

export function toClinicVisit(row: ClinicVisitRow, now: Date): ClinicVisit {
  const { appointment } = row;
  return {
    id: row.id,
    appointmentId: appointment.id,
    phase: clinicVisitPhase(
      { appointmentStatus: appointment.status, startsAt: appointment.startsAt, endsAt: appointment.endsAt, sessionStatus: row.status },
      now,
    ),
    status: row.status,
    appointmentStatus: appointment.status,
    doctor: appointment.doctor,
    patient: appointment.patient,
    guests: appointment._count.guests,
    scheduledStart: appointment.startsAt.toISOString(),
    scheduledEnd: appointment.endsAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    durationSeconds: durationSeconds(row.startedAt, row.endedAt),
    endedBy: row.endedBy,
    cancelledAt: appointment.cancelledAt?.toISOString() ?? null,
  };
}

export function toClinicVisitDetail(
  row: ClinicVisitDetailRow,
  participants: ParticipantRow[],
  call: CallFacts,
  now: Date,
): ClinicVisitDetail {
  return {
    ...toClinicVisit(row, now),
    participants: participants.map(toVisitParticipant),
    timeline: toTimelineEntries(row.events),
    ...call,
  };
}
