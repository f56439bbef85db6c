// The benchmarks' database, their rows (inserted with SQL, thousands at once) and access tokens.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './common.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const jwt = require('jsonwebtoken');

export const JWT_SECRET = 'bench-jwt-secret-not-for-production-0123456789';
const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (already migrated, e.g. the jest run's) when set;
 * otherwise a fresh `telehealth_bench` database, migrated by the API's own migrator.
 */
export async function benchDatabase() {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return given;
  const name = process.env.BENCH_DATABASE_NAME ?? 'telehealth_bench';
  const server = new Client({ connectionString: SERVER_URL });
  await server.connect();
  try {
    await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await server.query(`CREATE DATABASE "${name}"`);
  } finally {
    await server.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  execFileSync(process.execPath, [path.join(ROOT, 'apps/api/dist/cli/migrate.js')], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 60_000,
  });
  return url.toString();
}

export async function withDb(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The API's access token, signed as apps/api/src/auth/token.service.ts signs it. `visit` makes it
 * a visit-link session's token (the `vl` claim: appointment, session, link), as a guest holds.
 */
export function token(userId, role, visit) {
  const claims = visit ? { role, vl: { a: visit.appointmentId, s: visit.sessionId, l: visit.linkId } } : { role };
  return jwt.sign(claims, JWT_SECRET, {
    algorithm: 'HS256',
    subject: userId,
    issuer: 'telehealth-api',
    audience: 'telehealth',
    expiresIn: 8 * 3600,
  });
}

const GUEST_ROLES = ['INTERPRETER', 'CAREGIVER', 'CLINICIAN', 'OTHER'];

/**
 * `n` visits open for joining now (started 5 minutes ago, 3 hours long), each with its own
 * doctor and patient (a doctor cannot have two overlapping visits), room and session; and
 * `guests` guests per visit, invited by its doctor as VisitGuestsService.invite does (a GUEST
 * users row without a password, a visit_guests row with the same id, a visit link of their own)
 * and holding that link's session token. Guests' links are never redeemed: their hashes are
 * placeholders, and the token is signed here with the link's id.
 */
export async function createRooms(url, n, { guests = 0 } = {}) {
  const tag = randomUUID().slice(0, 8);
  return withDb(url, async (db) => {
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE bench_rooms ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS doctor_id, gen_random_uuid() AS patient_id, gen_random_uuid() AS appointment_id,
              gen_random_uuid() AS session_id, 'bench-' || $1 || '-' || i || '-' || substr(md5(random()::text), 1, 16) AS room_id
       FROM generate_series(1, $2::int) AS i`,
      [tag, n],
    );
    await db.query(
      `INSERT INTO users (id, email, name, role, password_hash, updated_at)
       SELECT doctor_id, 'doctor-' || $1 || '-' || i || '@bench.test', 'Dr. Bench ' || i, 'DOCTOR'::"Role", 'not-a-hash', now() FROM bench_rooms
       UNION ALL
       SELECT patient_id, 'patient-' || $1 || '-' || i || '@bench.test', 'Patient Bench ' || i, 'PATIENT'::"Role", 'not-a-hash', now() FROM bench_rooms`,
      [tag],
    );
    await db.query(
      `INSERT INTO appointments (id, doctor_id, patient_id, starts_at, ends_at, reason, updated_at)
       SELECT appointment_id, doctor_id, patient_id, now() - interval '5 minutes', now() + interval '3 hours', 'Benchmark visit', now() FROM bench_rooms`,
    );
    await db.query(`INSERT INTO rooms (id, appointment_id) SELECT room_id, appointment_id FROM bench_rooms`);
    await db.query(`INSERT INTO sessions (id, appointment_id) SELECT session_id, appointment_id FROM bench_rooms`);
    const guestRows = guests > 0 ? await insertGuests(db, tag, guests) : [];
    const { rows } = await db.query(`SELECT * FROM bench_rooms ORDER BY i`);
    await db.query('COMMIT');
    const guestsOf = new Map();
    for (const row of guestRows) guestsOf.set(row.i, [...(guestsOf.get(row.i) ?? []), row]);
    return rows.map((row) => ({
      roomId: row.room_id,
      sessionId: row.session_id,
      doctor: { id: row.doctor_id, token: token(row.doctor_id, 'DOCTOR') },
      patient: { id: row.patient_id, token: token(row.patient_id, 'PATIENT') },
      guests: (guestsOf.get(row.i) ?? []).map((guest) => ({
        id: guest.guest_id,
        token: token(guest.guest_id, 'GUEST', { appointmentId: row.appointment_id, sessionId: row.session_id, linkId: guest.link_id }),
      })),
    }));
  });
}

/** The guests of every visit in bench_rooms (in the caller's transaction), in the order they were invited. */
async function insertGuests(db, tag, perVisit) {
  await db.query(
    `CREATE TEMP TABLE bench_guests ON COMMIT DROP AS
     SELECT r.i, r.appointment_id, r.doctor_id, k, gen_random_uuid() AS guest_id, gen_random_uuid() AS link_id,
            ($2::text[])[1 + (k - 1) % array_length($2::text[], 1)] AS guest_role
     FROM bench_rooms r CROSS JOIN generate_series(1, $1::int) AS k`,
    [perVisit, GUEST_ROLES],
  );
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, updated_at)
     SELECT guest_id, 'guest-' || guest_id || '@guests.invalid', 'Guest Bench ' || $1 || '-' || i || '-' || k, 'GUEST'::"Role", NULL, now()
     FROM bench_guests`,
    [tag],
  );
  await db.query(
    `INSERT INTO visit_guests (id, appointment_id, role, invited_by)
     SELECT guest_id, appointment_id, guest_role::"GuestRole", doctor_id FROM bench_guests`,
  );
  await db.query(
    `INSERT INTO visit_links (id, appointment_id, user_id, token_hash, code_hash, redeemable_until)
     SELECT link_id, appointment_id, guest_id, 'bench-token-' || link_id, 'bench-code-' || link_id, now() + interval '3 hours'
     FROM bench_guests`,
  );
  const { rows } = await db.query(`SELECT i, guest_id, link_id FROM bench_guests ORDER BY i, k`);
  return rows;
}
