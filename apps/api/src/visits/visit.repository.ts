import { Injectable } from '@nestjs/common';
import type { CallMedia, SessionEventType } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

/** A visit as its room and its end need it: the parties, the times, both statuses. */
export interface VisitAccess {
  roomId: string;
  appointmentId: string;
  doctorId: string;
  patientId: string;
  patientName: string;
  reason: string;
  startsAt: Date;
  endsAt: Date;
  status: 'SCHEDULED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
  media: CallMedia;
  sessionId: string;
  sessionStatus: 'WAITING' | 'ACTIVE' | 'ENDED';
}

/** A visit's state as `visit-updated` tells it. */
export interface VisitState {
  appointmentId: string;
  sessionId: string;
  roomId: string;
  doctorId: string;
  patientId: string;
  status: VisitAccess['status'];
  startsAt: Date;
  endsAt: Date;
  sessionStatus: VisitAccess['sessionStatus'];
}

export interface TimelineEntry {
  type: SessionEventType;
  userId: string;
  detail?: Record<string, string>;
}

/** The statuses of one visit, read under its appointment's row lock (see lockVisitPhase). */
export interface LockedVisitRow {
  status: string;
  sessionStatus: string | undefined;
}

/**
 * Locks the appointment's row, then reads the session's status in a statement of its own: under
 * READ COMMITTED that read sees whatever the previous holder of the lock committed.
 */
export async function lockVisitRow(tx: Prisma.TransactionClient, appointmentId: string): Promise<LockedVisitRow | undefined> {
  const appointment = await tx.$queryRaw<
    Array<{ status: string }>
  >`SELECT status::text AS status FROM appointments WHERE id = ${appointmentId}::uuid FOR UPDATE`;
  if (!appointment[0]) return undefined;
  const session = await tx.$queryRaw<
    Array<{ status: string }>
  >`SELECT status::text AS status FROM sessions WHERE appointment_id = ${appointmentId}::uuid`;
  return { status: appointment[0].status, sessionStatus: session[0]?.status };
}

/**
 * The statements of a visit's life: who may enter it, its timeline, its start and its end. The
 * ones on the join path are plain SQL: Prisma's per-query compilation was their largest cost
 * (bench/join.mjs profiles).
 */
@Injectable()
export class VisitRepository {
  constructor(private readonly prisma: PrismaService) {}

  byRoom(roomId: string): Promise<VisitAccess | undefined> {
    return this.access('r.id', roomId);
  }

  bySession(sessionId: string): Promise<VisitAccess | undefined> {
    return this.access('s.id', sessionId);
  }

  byAppointment(appointmentId: string): Promise<VisitAccess | undefined> {
    return this.access('a.id', appointmentId);
  }

  /**
   * Writes the events of one room transition in one statement. Each gets its own millisecond
   * after `at`, so the timeline keeps the order in which they happened.
   */
  async addTimeline(sessionId: string, events: TimelineEntry[], at: Date): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    const tuples = events.map((event, index) => {
      values.push(sessionId, event.userId, event.type, event.detail ? JSON.stringify(event.detail) : null, new Date(at.getTime() + index));
      const n = index * 5;
      return `(gen_random_uuid(), $${n + 1}::uuid, $${n + 2}::uuid, $${n + 3}::"SessionEventType", $${n + 4}::jsonb, $${n + 5})`;
    });
    await this.prisma.sql.query(
      `INSERT INTO session_events (id, session_id, user_id, type, detail, occurred_at) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /**
   * The first time both parties are present; later calls change nothing. One statement that
   * takes the appointment's row lock like every visit transition (see lockVisitPhase). Returns
   * the appointment's id when this call started the visit.
   */
  async markStarted(sessionId: string, at: Date): Promise<string | undefined> {
    const { rows } = await this.prisma.sql.query<{ appointmentId: string }>(
      `WITH visit AS (
         SELECT a.id FROM appointments a JOIN sessions s ON s.appointment_id = a.id
          WHERE s.id = $1 AND a.status = 'SCHEDULED' FOR UPDATE OF a
       )
       UPDATE sessions SET started_at = $2, status = 'ACTIVE'
        WHERE id = $1 AND started_at IS NULL AND status = 'WAITING' AND appointment_id IN (SELECT id FROM visit)
       RETURNING appointment_id AS "appointmentId"`,
      [sessionId, at],
    );
    return rows[0]?.appointmentId;
  }

  async appointmentOfSession(tx: Prisma.TransactionClient, sessionId: string): Promise<string | undefined> {
    const session = await tx.session.findUnique({ where: { id: sessionId }, select: { appointmentId: true } });
    return session?.appointmentId;
  }

  /** Writes the end: the session ended by `endedById`, its appointment completed. Under the visit's lock. */
  async writeEnded(
    tx: Prisma.TransactionClient,
    visit: { sessionId: string; appointmentId: string },
    endedById: string,
    at: Date,
  ): Promise<void> {
    await tx.session.update({ where: { id: visit.sessionId }, data: { status: 'ENDED', endedAt: at, endedById } });
    await tx.appointment.update({ where: { id: visit.appointmentId }, data: { status: 'COMPLETED' } });
  }

  /**
   * One person's latest video entry and latest screen-share entry of a visit (a JOINED counts for
   * both: a join starts with the camera on and no screen), for MediaTimeline's first comparison.
   */
  async latestMedia(
    sessionId: string,
    userId: string,
  ): Promise<{ videoEvent: SessionEventType | null; videoCause: string | null; screenEvent: SessionEventType | null }> {
    // On a tie the media entry wins: a media-state is only accepted after the join's entries are written.
    const { rows } = await this.prisma.sql.query<{
      videoEvent: SessionEventType | null;
      videoCause: string | null;
      screenEvent: SessionEventType | null;
    }>(
      `SELECT v.type::text AS "videoEvent", v.detail->>'cause' AS "videoCause", s.type::text AS "screenEvent"
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (
           SELECT type, detail FROM session_events
            WHERE session_id = $1 AND user_id = $2 AND type IN ('JOINED', 'VIDEO_OFF', 'VIDEO_ON')
            ORDER BY occurred_at DESC, (type = 'JOINED') ASC LIMIT 1
         ) v ON true
         LEFT JOIN LATERAL (
           SELECT type FROM session_events
            WHERE session_id = $1 AND user_id = $2 AND type IN ('JOINED', 'SCREEN_SHARE_STARTED', 'SCREEN_SHARE_STOPPED')
            ORDER BY occurred_at DESC, (type = 'JOINED') ASC LIMIT 1
         ) s ON true`,
      [sessionId, userId],
    );
    return rows[0]!;
  }

  /** What `visit-updated` tells: the visit's state now, and whose it is. */
  async stateOf(appointmentId: string): Promise<VisitState | undefined> {
    const { rows } = await this.prisma.sql.query<VisitState>(
      `SELECT a.id AS "appointmentId", s.id AS "sessionId", r.id AS "roomId", a.doctor_id AS "doctorId", a.patient_id AS "patientId",
              a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt", s.status AS "sessionStatus"
         FROM appointments a
         JOIN sessions s ON s.appointment_id = a.id
         JOIN rooms r ON r.appointment_id = a.id
        WHERE a.id = $1`,
      [appointmentId],
    );
    return rows[0];
  }

  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  private async access(by: 'r.id' | 's.id' | 'a.id', id: string): Promise<VisitAccess | undefined> {
    const { rows } = await this.prisma.sql.query<VisitAccess>(
      `SELECT r.id AS "roomId", a.id AS "appointmentId", a.doctor_id AS "doctorId", a.patient_id AS "patientId",
              p.name AS "patientName", a.reason, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.status, a.media,
              s.id AS "sessionId", s.status AS "sessionStatus"
         FROM rooms r
         JOIN appointments a ON a.id = r.appointment_id
         JOIN sessions s ON s.appointment_id = a.id
         JOIN users p ON p.id = a.patient_id
        WHERE ${by} = $1`,
      [id],
    );
    return rows[0];
  }
}
