import { Injectable } from '@nestjs/common';
import type { CallMedia, ListAppointmentsQuery } from '@telehealth/contracts';
import type { ListScope } from '../access/access-policy';
import type { Prisma } from '../generated/prisma/client';
import { retryOnDeadlock } from '../prisma/database-errors';
import { PrismaService } from '../prisma/prisma.service';
import {
  APPOINTMENT_INCLUDE,
  APPOINTMENT_WITH_CONTACT_INCLUDE,
  AppointmentRow,
  AppointmentView,
  AppointmentWithContact,
} from './appointment.mapper';

/** A row of the list query: the total, and a visit's columns (all null when the page is past the end). */
type ListRow = AppointmentView & { total: number };

export interface NewAppointment {
  doctorId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  roomId: string;
  media?: CallMedia;
}

/** Runs inside a change's transaction before it writes (the visit's row lock and state check). */
export type VisitLock = (tx: Prisma.TransactionClient) => Promise<unknown>;

/**
 * Runs inside a change's transaction after it wrote (the visit link and the email): what the change
 * causes commits with it or not at all.
 */
export type AfterWrite = (tx: Prisma.TransactionClient, row: AppointmentWithContact) => Promise<void>;

/** The patient's id, found or invited in the booking's transaction. */
export type PatientOf = (tx: Prisma.TransactionClient) => Promise<string>;

/** The list's filter over `appointments a`, with the user's id as `$1` (still bound, and typed, for an admin and for nobody's). */
function scopeSql(scope: ListScope): string {
  if (scope.party === 'any') return '$1::uuid IS NOT NULL';
  if (scope.party === 'none') return '$1::uuid IS NULL';
  return scope.party === 'doctor' ? 'a.doctor_id = $1' : 'a.patient_id = $1';
}

/** Appointments with their room and session: created together, listed, rescheduled, cancelled, missed. */
@Injectable()
export class AppointmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One transaction: the patient (found or invited), the appointment with its room and session
   * (nested writes), then `after`. Retried whole on a deadlock (see retryOnDeadlock).
   */
  create(appointment: NewAppointment, patientOf: PatientOf, after: AfterWrite): Promise<AppointmentWithContact> {
    const { roomId, ...data } = appointment;
    return retryOnDeadlock(() =>
      this.prisma.$transaction(async (tx) => {
        const patientId = await patientOf(tx);
        const row = await tx.appointment.create({
          data: { ...data, patientId, room: { create: { id: roomId } }, session: { create: {} } },
          include: APPOINTMENT_WITH_CONTACT_INCLUDE,
        });
        await after(tx, row);
        return row;
      }),
    );
  }

  /** The appointment with its patient's email (for its calendar file and invitation). */
  findWithContact(id: string): Promise<AppointmentWithContact | null> {
    return this.prisma.appointment.findUnique({ where: { id }, include: APPOINTMENT_WITH_CONTACT_INCLUDE });
  }

  findById(id: string): Promise<AppointmentRow | null> {
    return this.prisma.appointment.findUnique({ where: { id }, include: APPOINTMENT_INCLUDE });
  }

  findBySession(sessionId: string): Promise<AppointmentRow | null> {
    return this.prisma.appointment.findFirst({ where: { session: { id: sessionId } }, include: APPOINTMENT_INCLUDE });
  }

  /**
   * One page of the visits in scope and their total, in one statement of plain SQL: the doctor's
   * dashboard asks for this on every visit, and a clinic's doctor has thousands of visits
   * (Prisma's count + findMany with relations was four round trips and 40 ms at 10,000).
   */
  async page(scope: ListScope, query: ListAppointmentsQuery, now: Date): Promise<{ rows: AppointmentView[]; total: number }> {
    // A cancelled visit stays upcoming, marked cancelled, until its start passes (then it is history, as in sessions.repository).
    const upcoming = `((a.status = 'SCHEDULED' AND a.ends_at > $2) OR (a.status = 'CANCELLED' AND a.starts_at > $2))`;
    const filter = `${scopeSql(scope)} AND ${query.scope === 'upcoming' ? upcoming : `NOT ${upcoming}`}`;
    const order = query.scope === 'upcoming' ? 'a.starts_at ASC, a.id ASC' : 'a.starts_at DESC, a.id ASC';
    const { rows } = await this.prisma.sql.query<ListRow>(
      `SELECT t.total, page.*
         FROM (SELECT count(*)::int AS total FROM appointments a WHERE ${filter}) t
         LEFT JOIN LATERAL (
           SELECT a.id, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.reason, a.status, a.media, a.cancelled_at AS "cancelledAt", a.created_at AS "createdAt",
                  json_build_object('id', d.id, 'name', d.name, 'timeZone', d.time_zone) AS doctor,
                  json_build_object('id', p.id, 'name', p.name, 'timeZone', p.time_zone) AS patient,
                  json_build_object('id', r.id) AS room,
                  json_build_object('id', s.id, 'status', s.status) AS session
             FROM (SELECT * FROM appointments a WHERE ${filter} ORDER BY ${order} LIMIT $3 OFFSET $4) a
             JOIN users d ON d.id = a.doctor_id
             JOIN users p ON p.id = a.patient_id
             JOIN rooms r ON r.appointment_id = a.id
             JOIN sessions s ON s.appointment_id = a.id
            ORDER BY ${order}
         ) page ON true`,
      ['userId' in scope ? scope.userId : '00000000-0000-0000-0000-000000000000', now, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { rows: rows.filter((row) => row.id !== null), total: rows[0]?.total ?? 0 };
  }

  /** Moves the visit and raises its calendar SEQUENCE, under the visit's lock, then `after`; one transaction. */
  reschedule(id: string, slot: { startsAt: Date; endsAt: Date }, lock: VisitLock, after: AfterWrite): Promise<AppointmentWithContact> {
    return this.change(id, { ...slot, sequence: { increment: 1 } }, lock, after);
  }

  /** Cancels the visit and raises its calendar SEQUENCE, under the visit's lock, then `after`; one transaction. */
  cancel(id: string, cancelledBy: string, lock: VisitLock, after: AfterWrite): Promise<AppointmentWithContact> {
    return this.change(id, { status: 'CANCELLED', cancelledAt: new Date(), cancelledBy, sequence: { increment: 1 } }, lock, after);
  }

  /** The visit's start, read in the caller's transaction (under the visit's lock: the start a concurrent reschedule left). */
  async startsAt(tx: Prisma.TransactionClient, id: string): Promise<Date> {
    const row = await tx.appointment.findUniqueOrThrow({ where: { id }, select: { startsAt: true } });
    return row.startsAt;
  }

  private change(id: string, data: Prisma.AppointmentUpdateInput, lock: VisitLock, after: AfterWrite): Promise<AppointmentWithContact> {
    return retryOnDeadlock(() =>
      this.prisma.$transaction(async (tx) => {
        await lock(tx);
        const row = await tx.appointment.update({ where: { id }, data, include: APPOINTMENT_WITH_CONTACT_INCLUDE });
        await after(tx, row);
        return row;
      }),
    );
  }

  /**
   * Marks a scheduled visit NO_SHOW once its join window closed (its end passed) and its session
   * never started (doctor and patient were never together). One conditional UPDATE decides, so
   * several API nodes may sweep at once: each appointment is marked exactly once.
   */
  async markNoShows(): Promise<string[]> {
    const marked = await this.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE appointments AS a
         SET status = 'NO_SHOW', updated_at = now()
       WHERE a.status = 'SCHEDULED'
         AND a.ends_at < now()
         AND NOT EXISTS (
           SELECT 1 FROM sessions AS s
            WHERE s.appointment_id = a.id AND (s.started_at IS NOT NULL OR s.status <> 'WAITING')
         )
      RETURNING a.id::text AS id`;
    return marked.map((row) => row.id);
  }
}
