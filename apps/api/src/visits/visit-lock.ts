import { AppointmentStatus, decideVisitAction, SessionStatus, VisitAction, visitPhase, VisitPhase } from '@telehealth/contracts';
import { ApiError } from '../common/api-error';
import type { Prisma } from '../generated/prisma/client';
import { lockVisitRow } from './visit.repository';

/**
 * Every change of a visit's state (cancel, reschedule, start, end) first locks its appointment
 * row, then reads both statuses: two changes of one visit run one after the other, and each
 * is decided by the state machine on what the other left (a cancel racing the moment both
 * parties arrive cannot cancel a call that has begun, nor can an end complete a cancelled visit).
 */
export async function lockVisitPhase(tx: Prisma.TransactionClient, appointmentId: string): Promise<VisitPhase | undefined> {
  const row = await lockVisitRow(tx, appointmentId);
  if (!row) return undefined;
  return visitPhase({ status: row.status as AppointmentStatus, sessionStatus: (row.sessionStatus ?? 'WAITING') as SessionStatus });
}

/** Locks the visit and throws the state machine's 409 when the action is not allowed in its phase now. */
export async function lockVisitFor(tx: Prisma.TransactionClient, appointmentId: string, action: VisitAction): Promise<VisitPhase> {
  const phase = await lockVisitPhase(tx, appointmentId);
  if (!phase) throw ApiError.notFound('No appointment with this id was found.');
  const decision = decideVisitAction(phase, action);
  if (!decision.ok) throw ApiError.conflict(decision.error, decision.reason);
  return phase;
}
