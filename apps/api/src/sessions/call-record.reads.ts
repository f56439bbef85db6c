import type { SqlPool } from '../prisma/sql-pool';
import { CALL_EVENT_TYPES, CallEvent } from './call-event';
import type { CallStatsSample } from './connection-facts';
import type { ParticipantRow } from './session.mapper';

// A visit's people and its call as recorded, in plain SQL on any pool: the visit's detail reads them on
// the API's pool, a report worker thread on its own.

/**
 * Who the visit was for (its doctor, its patient, then every guest invited, removed ones too) and
 * when each first joined and last left, from the whole timeline (not the report's newest events):
 * one statement. Someone still in the call when the visit ended left at its end.
 */
export async function readParticipants(sql: SqlPool, sessionId: string): Promise<ParticipantRow[]> {
  const { rows } = await sql.query<ParticipantRow>(
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
export async function readCallStatsSamples(sql: SqlPool, sessionId: string): Promise<CallStatsSample[]> {
  const { rows } = await sql.query<CallStatsSample>(
    `SELECT user_id AS "userId", peer_id AS "peerId", path, rtt_ms AS "rttMs", loss_pct AS "lossPct", reconnects, sampled_at AS "sampledAt"
       FROM call_stats_samples WHERE session_id = $1`,
    [sessionId],
  );
  return rows;
}

/** Every timeline entry the call's facts are computed from, oldest first (the report loads only the newest entries otherwise). */
export async function readCallEvents(sql: SqlPool, sessionId: string): Promise<CallEvent[]> {
  const { rows } = await sql.query<CallEvent & { detail: Record<string, unknown> | null }>(
    `SELECT e.type::text AS type, e.user_id AS "userId", u.name AS "userName", e.occurred_at AS at, e.detail
       FROM session_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.session_id = $1 AND e.type::text = ANY($2::text[])
      ORDER BY e.occurred_at`,
    [sessionId, CALL_EVENT_TYPES],
  );
  return rows.map((row) => ({ ...row, detail: row.detail && stringValues(row.detail) }));
}

function stringValues(detail: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}
