import { Injectable } from '@nestjs/common';
import type { ListSessionsQuery } from '@telehealth/contracts';
import type { ListScope } from '../access/access-policy';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { CALL_EVENT_TYPES, CallEvent } from './call-event';
import type { CallStatsSample } from './connection-facts';
import { NoteRow, ParticipantRow, SESSION_INCLUDE, sessionDetailInclude, SessionDetailRow, SessionRow } from './session.mapper';

const AUTHOR = { author: { select: { name: true } } } as const;

/** The visits a history list shows: the caller's own, as doctor or patient; an admin's, the clinic's. */
function inScope(scope: ListScope): Prisma.SessionWhereInput {
  if (scope.party === 'any') return {};
  if (scope.party === 'none') return { id: { in: [] } };
  return { appointment: scope.party === 'doctor' ? { doctorId: scope.userId } : { patientId: scope.userId } };
}

/**
 * A visit belongs in the history once it ended, its appointment is over, or it was completed or missed;
 * a cancelled one once its scheduled start has passed (until then it stays among the upcoming visits,
 * marked cancelled, as the appointment list's `upcoming` scope has it).
 */
function inHistory(now: Date): Prisma.SessionWhereInput {
  return {
    OR: [
      { status: 'ENDED' },
      { appointment: { status: { in: ['COMPLETED', 'NO_SHOW'] } } },
      { appointment: { status: 'CANCELLED', startsAt: { lte: now } } },
      { appointment: { endsAt: { lte: now } } },
    ],
  };
}

/** Sessions (the visit as it happened) with their timeline, chat and the doctor's versioned notes. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async history(scope: ListScope, query: ListSessionsQuery, now: Date): Promise<{ total: number; rows: SessionRow[] }> {
    const filters: Prisma.SessionWhereInput[] = [inScope(scope), inHistory(now)];
    if (query.from || query.to) {
      filters.push({
        appointment: { startsAt: { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined } },
      });
    }
    if (query.withUserId) {
      filters.push({ appointment: { OR: [{ doctorId: query.withUserId }, { patientId: query.withUserId }] } });
    }
    const where: Prisma.SessionWhereInput = { AND: filters };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.session.count({ where }),
      this.prisma.session.findMany({
        where,
        include: SESSION_INCLUDE,
        orderBy: [{ appointment: { startsAt: 'desc' } }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    return { total, rows };
  }

  /** The whole visit; the latest notes only when `withNotes` (its doctor). */
  detail(id: string, withNotes: boolean): Promise<SessionDetailRow | null> {
    return this.prisma.session.findUnique({ where: { id }, include: sessionDetailInclude(withNotes) });
  }

  /**
   * Who the visit was for (its doctor, its patient, then every guest invited, removed ones too) and
   * when each first joined and last left, from the whole timeline (not the report's newest events):
   * one statement. Someone still in the call when the visit ended left at its end.
   */
  async participants(sessionId: string): Promise<ParticipantRow[]> {
    const { rows } = await this.prisma.sql.query<ParticipantRow>(
      `WITH visit AS (
         SELECT s.id, s.ended_at, a.id AS appointment_id, a.doctor_id, a.patient_id
           FROM sessions s JOIN appointments a ON a.id = s.appointment_id
          WHERE s.id = $1
       ), people AS (
         SELECT doctor_id AS id, NULL::text AS guest_role, 0 AS rank, NULL::timestamptz AS invited_at FROM visit
         UNION ALL SELECT patient_id, NULL, 1, NULL FROM visit
         UNION ALL SELECT g.id, g.role::text, 2, g.created_at FROM visit_guests g JOIN visit ON g.appointment_id = visit.appointment_id
       ), moves AS (
         SELECT e.user_id,
                min(e.occurred_at) FILTER (WHERE e.type = 'JOINED') AS first_joined,
                max(e.occurred_at) FILTER (WHERE e.type = 'LEFT') AS last_left,
                max(e.occurred_at) FILTER (WHERE e.type IN ('JOINED', 'RECONNECTED')) AS last_in
           FROM session_events e
          WHERE e.session_id = $1 AND e.type IN ('JOINED', 'RECONNECTED', 'LEFT')
          GROUP BY e.user_id
       )
       SELECT u.id AS "userId", u.name, u.role::text AS role, p.guest_role AS "guestRole",
              m.first_joined AS "firstJoinedAt",
              CASE WHEN m.first_joined IS NULL THEN NULL
                   WHEN m.last_left IS NOT NULL AND m.last_left >= m.last_in THEN m.last_left
                   ELSE visit.ended_at END AS "lastLeftAt"
         FROM people p
         JOIN users u ON u.id = p.id
         CROSS JOIN visit
         LEFT JOIN moves m ON m.user_id = p.id
        ORDER BY p.rank, p.invited_at, u.id`,
      [sessionId],
    );
    return rows;
  }

  /** The browsers' connection samples of the visit (a few thousand at most: one per pair every ten seconds). */
  async callStatsSamples(sessionId: string): Promise<CallStatsSample[]> {
    const { rows } = await this.prisma.sql.query<CallStatsSample>(
      `SELECT user_id AS "userId", peer_id AS "peerId", path, rtt_ms AS "rttMs", loss_pct AS "lossPct", reconnects, sampled_at AS "sampledAt"
         FROM call_stats_samples WHERE session_id = $1`,
      [sessionId],
    );
    return rows;
  }

  /** Every timeline entry the call's facts are computed from, oldest first (the report loads only the newest entries otherwise). */
  async callEvents(sessionId: string): Promise<CallEvent[]> {
    const { rows } = await this.prisma.sql.query<CallEvent & { detail: Record<string, unknown> | null }>(
      `SELECT e.type::text AS type, e.user_id AS "userId", u.name AS "userName", e.occurred_at AS at, e.detail
         FROM session_events e LEFT JOIN users u ON u.id = e.user_id
        WHERE e.session_id = $1 AND e.type::text = ANY($2::text[])
        ORDER BY e.occurred_at`,
      [sessionId, CALL_EVENT_TYPES],
    );
    return rows.map((row) => ({ ...row, detail: row.detail && stringValues(row.detail) }));
  }

  async status(id: string): Promise<string | undefined> {
    return (await this.prisma.session.findUnique({ where: { id }, select: { status: true } }))?.status;
  }

  /** Every version of the notes, newest first. */
  notes(sessionId: string): Promise<NoteRow[]> {
    return this.prisma.note.findMany({ where: { sessionId }, orderBy: { version: 'desc' }, include: AUTHOR });
  }

  async latestNotesVersion(sessionId: string): Promise<number> {
    const latest = await this.prisma.note.aggregate({ where: { sessionId }, _max: { version: true } });
    return latest._max.version ?? 0;
  }

  /** A new version; the (session, version) unique constraint refuses a second save of the same one. */
  async addNotes(note: { sessionId: string; authorId: string; version: number; body: string }): Promise<void> {
    await this.prisma.note.create({ data: note });
  }
}

function stringValues(detail: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}
