import { Injectable } from '@nestjs/common';
import { APPOINTMENT_WITH_CONTACT_INCLUDE, AppointmentWithContact } from '../appointments/appointment.mapper';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { lockVisitPhase } from '../visits/visit-lock';
import type { ReminderVisit } from './due-reminders';

/**
 * The visit as the reminder rule reads it. `updated_at` is when its current start was set: nothing
 * but a reschedule writes a SCHEDULED appointment's row (a cancel, the end of the call and the
 * no-show sweep all change its status too, and such a visit gets no reminder).
 */
export function toReminderVisit(row: { id: string; sequence: number; startsAt: Date; updatedAt: Date }): ReminderVisit {
  return { appointmentId: row.id, sequence: row.sequence, startsAt: row.startsAt, scheduledAt: row.updatedAt };
}

/** The reads of the reminder sweep: which visits may be due, which reminders are written, and one visit under its lock. */
@Injectable()
export class RemindersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Scheduled visits nobody is in a call of, starting after `now` and at most `horizonMinutes` (the longest lead) later. */
  async candidates(now: Date, horizonMinutes: number): Promise<ReminderVisit[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string; sequence: number; startsAt: Date; updatedAt: Date }>>`
      SELECT a.id::text AS id, a.sequence, a.starts_at AS "startsAt", a.updated_at AS "updatedAt"
        FROM appointments AS a
        JOIN sessions AS s ON s.appointment_id = a.id
       WHERE a.status = 'SCHEDULED'
         AND s.status = 'WAITING'
         AND a.starts_at > ${now}
         AND a.starts_at <= ${now}::timestamptz + ${horizonMinutes} * interval '1 minute'`;
    return rows.map(toReminderVisit);
  }

  /** Which of these dedupe keys the outbox holds already (a reminder written by this or another process). */
  async written(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.prisma.$queryRaw<Array<{ key: string }>>`
      SELECT dedupe_key AS key FROM outbox_messages WHERE dedupe_key = ANY(${keys}::text[])`;
    return new Set(rows.map((row) => row.key));
  }

  /**
   * Locks the visit's row (as every change of it does) and reads it with both emails, when it is
   * still scheduled and nobody is in its call; a cancel or reschedule racing the sweep is seen.
   */
  async lockScheduled(tx: Prisma.TransactionClient, appointmentId: string): Promise<AppointmentWithContact | undefined> {
    const phase = await lockVisitPhase(tx, appointmentId);
    if (phase !== 'scheduled') return undefined;
    const row = await tx.appointment.findUnique({ where: { id: appointmentId }, include: APPOINTMENT_WITH_CONTACT_INCLUDE });
    return row?.status === 'SCHEDULED' ? row : undefined;
  }
}
