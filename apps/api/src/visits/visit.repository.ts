import { Injectable } from '@nestjs/common';
import type { CallMedia, SessionEventType } from '@telehealth/contracts';
import { GroupCommit, inKeyOrder } from '../common/group-commit';
import type { Prisma } from '../generated/prisma/client';
import { isRowLevelError } from '../prisma/database-errors';
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

/** The events of one room transition, as one write. */
interface TimelineWrite {
  sessionId: string;
  events: TimelineEntry[];
  at: Date;
}

const ACCESS_COLUMNS = `r.id AS "roomId", a.id AS "appointmentId", a.doctor_id AS "doctorId", a.patient_id AS "patientId",
       p.name AS "patientName", a.reason, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.status, a.media,
       s.id AS "sessionId", s.status AS "sessionStatus"`;
const ACCESS_FROM = `rooms r
  JOIN appointments a ON a.id = r.appointment_id
  JOIN sessions s ON s.appointment_id = a.id
  JOIN users p ON p.id = a.patient_id`;

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
 * (bench/join.mjs profiles). They also go in groups (GroupCommit): each PostgreSQL round trip
 * costs the API 100 µs or more of CPU in its writev alone, so in a burst of joins the visits,
 * the timelines and the states are read and written a group at a time, not a join at a time.
 */
@Injectable()
export class VisitRepository {
  // Reads are by key: a failed statement fails its whole group (no row of it can be at fault alone).
  private readonly roomReads = new GroupCommit(
    (roomIds: string[]) => this.accessByRooms(roomIds),
    2,
    500,
    () => false,
  );
  // One at a time: each read starts after the previous one answered, so the later `visit-updated` tells the newer state.
  private readonly stateReads = new GroupCommit(
    (appointmentIds: string[]) => this.statesOf(appointmentIds),
    1,
    500,
    () => false,
  );
  private readonly timelineWrites = new GroupCommit((writes: TimelineWrite[]) => this.insertTimelines(writes), 2, 500, isRowLevelError);

  constructor(private readonly prisma: PrismaService) {}

  byRoom(roomId: string): Promise<VisitAccess | undefined> {
    return this.roomReads.add(roomId);
  }

  bySession(sessionId: string): Promise<VisitAccess | undefined> {
    return this.access('s.id', sessionId);
  }

  byAppointment(appointmentId: string): Promise<VisitAccess | undefined> {
    return this.access('a.id', appointmentId);
  }

  /**
   * Writes the events of one room transition together (in one statement with the transitions
   * that arrive meanwhile). Each gets its own millisecond after `at`, so the timeline keeps the
   * order in which they happened. Resolves once they are stored.
   */
  async addTimeline(sessionId: string, events: TimelineEntry[], at: Date): Promise<void> {
    if (events.length === 0) return;
    await this.timelineWrites.add({ sessionId, events, at });
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

  /** What `visit-updated` tells: the visit's state now (read when asked, after the change committed), and whose it is. */
  stateOf(appointmentId: string): Promise<VisitState | undefined> {
    return this.stateReads.add(appointmentId);
  }

  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  private async access(by: 's.id' | 'a.id', id: string): Promise<VisitAccess | undefined> {
    const { rows } = await this.prisma.sql.query<VisitAccess>(`SELECT ${ACCESS_COLUMNS} FROM ${ACCESS_FROM} WHERE ${by} = $1`, [id]);
    return rows[0];
  }

  private async accessByRooms(roomIds: string[]): Promise<Array<VisitAccess | undefined>> {
    const { rows } = await this.prisma.sql.query<VisitAccess>(`SELECT ${ACCESS_COLUMNS} FROM ${ACCESS_FROM} WHERE r.id = ANY($1::text[])`, [
      [...new Set(roomIds)],
    ]);
    return inKeyOrder(roomIds, rows, (row) => row.roomId);
  }

  private async statesOf(appointmentIds: string[]): Promise<Array<VisitState | undefined>> {
    const { rows } = await this.prisma.sql.query<VisitState>(
      `SELECT a.id AS "appointmentId", s.id AS "sessionId", r.id AS "roomId", a.doctor_id AS "doctorId", a.patient_id AS "patientId",
              a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt", s.status AS "sessionStatus"
         FROM appointments a
         JOIN sessions s ON s.appointment_id = a.id
         JOIN rooms r ON r.appointment_id = a.id
        WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(appointmentIds)]],
    );
    return inKeyOrder(appointmentIds, rows, (row) => row.appointmentId);
  }

  /** The transitions' events in one statement, each transition's in the order they happened. */
  private async insertTimelines(writes: TimelineWrite[]): Promise<void[]> {
    const rows = writes.flatMap(({ sessionId, events, at }) =>
      events.map((event, index) => ({
        session_id: sessionId,
        user_id: event.userId,
        type: event.type,
        detail: event.detail ?? null,
        occurred_at: new Date(at.getTime() + index).toISOString(),
      })),
    );
    await this.prisma.sql.query(
      `INSERT INTO session_events (id, session_id, user_id, type, detail, occurred_at)
       SELECT gen_random_uuid(), e.session_id, e.user_id, e.type, e.detail, e.occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS e(session_id uuid, user_id uuid, type "SessionEventType", detail jsonb, occurred_at timestamptz)`,
      [JSON.stringify(rows)],
    );
    return writes.map(() => undefined);
  }
}
