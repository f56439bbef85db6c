import { decideVisitAction, VisitAction, visitPhase, VisitPhase } from '@telehealth/contracts';
import { ApiError } from '../common/api-error';
import type { Prisma } from '../generated/prisma/client';

/**
 * Every change of a visit's state (cancel, reschedule, start, end) first locks its appointment
 * row, then reads both statuses: two changes of one visit run one after the other, and each
 * is decided by the state machine on what the other left (a cancel racing the moment both
 * parties arrive cannot cancel a call that has begun, nor can an end complete a cancelled visit).
 *
 * The session is read in a statement of its own after the lock: under READ COMMITTED it then
 * sees whatever the previous holder of the lock committed.
 */
export async function lockVisitPhase(tx: Prisma.TransactionClient, appointmentId: string): Promise<VisitPhase | undefined> {
  const appointment = await tx.$queryRaw<
    Array<{ status: string }>
  >`SELECT status::text AS status FROM appointments WHERE id = ${appointmentId}::uuid FOR UPDATE`;
  if (!appointment[0]) return undefined;
  const session = await tx.$queryRaw<
    Array<{ status: string }>
  >`SELECT status::text AS status FROM sessions WHERE appointment_id = ${appointmentId}::uuid`;
  return visitPhase({ status: appointment[0].status as never, sessionStatus: (session[0]?.status ?? 'WAITING') as never });
}

/** Locks the visit and throws the state machine's 409 when the action is not allowed in its phase now. */
export async function lockVisitFor(tx: Prisma.TransactionClient, appointmentId: string, action: VisitAction): Promise<VisitPhase> {
  const phase = await lockVisitPhase(tx, appointmentId);
  if (!phase) throw ApiError.notFound('No appointment with this id was found.');
  const decision = decideVisitAction(phase, action);
  if (!decision.ok) throw ApiError.conflict(decision.error);
  return phase;
}
