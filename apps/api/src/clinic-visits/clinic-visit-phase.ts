import type { AppointmentStatus, ClinicVisitPhase, SessionStatus } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';

/** What the phase of a visit is read from: its appointment's status and end, its session's status. */
export interface PhaseFacts {
  appointmentStatus: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  sessionStatus: SessionStatus;
}

/** Statuses that say the visit is over whatever its time: it was held, or it was missed. */
const OVER: readonly AppointmentStatus[] = ['COMPLETED', 'NO_SHOW'];

/**
 * Where a visit stands for the clinic: in progress while its call is open (also past its scheduled
 * end: a call left open is still open); past once it ended or was missed, or its time is over;
 * upcoming otherwise: booked and the call not started yet, or cancelled before its start (the
 * schedule shows it, marked cancelled, where it would have been, until its start passes: as the
 * doctors' and patients' lists have it, sessions.repository `inHistory`).
 */
export function clinicVisitPhase(visit: PhaseFacts, now: Date): ClinicVisitPhase {
  if (visit.sessionStatus === 'ACTIVE') return 'in-progress';
  const cancelledAndBegun = visit.appointmentStatus === 'CANCELLED' && visit.startsAt <= now;
  if (visit.sessionStatus === 'ENDED' || OVER.includes(visit.appointmentStatus) || visit.endsAt <= now || cancelledAndBegun) return 'past';
  return 'upcoming';
}

/** The same rule as a filter on sessions, so a page holds exactly the visits of one phase. */
export function phaseWhere(phase: ClinicVisitPhase, now: Date): Prisma.SessionWhereInput {
  switch (phase) {
    case 'in-progress':
      return { status: 'ACTIVE' };
    case 'past':
      return {
        status: { not: 'ACTIVE' },
        OR: [
          { status: 'ENDED' },
          { appointment: { status: { in: [...OVER] } } },
          { appointment: { endsAt: { lte: now } } },
          { appointment: { status: 'CANCELLED', startsAt: { lte: now } } },
        ],
      };
    case 'upcoming':
      return {
        status: 'WAITING',
        appointment: { status: { notIn: [...OVER] }, endsAt: { gt: now }, NOT: { status: 'CANCELLED', startsAt: { lte: now } } },
      };
  }
}
