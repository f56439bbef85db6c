// Benchmark 6: REST latency, one request at a time: a doctor's appointment list with
// 10,000 appointments in the database, and the session report PDF.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { announce, hardDeadline, ms, parseArgs, pinSelf, ROOT, summarize, table, writeResult } from './lib/common.mjs';
import { benchDatabase, token, withDb } from './lib/fixtures.mjs';
import { startApi } from './lib/servers.mjs';

const args = parseArgs(
  { appointments: 10_000, reports: 50, requests: 300, warmUp: 30, maxMinutes: 4 },
  { appointments: 100, reports: 3, requests: 5, warmUp: 2, maxMinutes: 1 },
);
hardDeadline(args.maxMinutes * 60_000, 'api');
pinSelf(1);

const databaseUrl = await benchDatabase();

/** One doctor with `n` appointments, half past (completed), half upcoming; `reports` ended visits with a timeline, chat and notes. */
async function doctorWithAppointments(n, reports) {
  return withDb(databaseUrl, async (db) => {
    await db.query('BEGIN');
    const {
      rows: [doctor],
    } = await db.query(
      `INSERT INTO users (id, email, name, role, password_hash, time_zone, updated_at)
       VALUES (gen_random_uuid(), 'busy-' || gen_random_uuid() || '@bench.test', 'Dr. Busy Bench', 'DOCTOR'::"Role", 'not-a-hash', 'Europe/Berlin', now()) RETURNING id`,
    );
    const { rows: patients } = await db.query(
      `INSERT INTO users (id, email, name, role, password_hash, updated_at)
       SELECT gen_random_uuid(), 'pt-' || gen_random_uuid() || '@bench.test', 'Patient ' || i, 'PATIENT'::"Role", 'not-a-hash', now() FROM generate_series(1, 100) i RETURNING id`,
    );
    const half = Math.floor(n / 2);
    await db.query(
      `CREATE TEMP TABLE busy ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS id, gen_random_uuid() AS session_id,
              (date_trunc('hour', now()) + (CASE WHEN i <= $2 THEN -i - 1 ELSE i - $2 + 1 END) * interval '1 hour') AS starts_at,
              (ARRAY[${patients.map((p) => `'${p.id}'::uuid`).join(',')}])[1 + i % 100] AS patient_id
       FROM generate_series(1, $1::int) i`,
      [n, half],
    );
    await db.query(
      `INSERT INTO appointments (id, doctor_id, patient_id, starts_at, ends_at, reason, status, updated_at)
       SELECT id, $1, patient_id, starts_at, starts_at + interval '30 minutes', 'Follow-up visit ' || i,
              (CASE WHEN starts_at < now() THEN 'COMPLETED' ELSE 'SCHEDULED' END)::"AppointmentStatus", now() FROM busy`,
      [doctor.id],
    );
    await db.query(`INSERT INTO rooms (id, appointment_id) SELECT 'busy-' || id, id FROM busy`);
    await db.query(
      `INSERT INTO sessions (id, appointment_id, status, started_at, ended_at, ended_by_id)
       SELECT session_id, id, (CASE WHEN starts_at < now() THEN 'ENDED' ELSE 'WAITING' END)::"SessionStatus",
              CASE WHEN starts_at < now() THEN starts_at END, CASE WHEN starts_at < now() THEN starts_at + interval '25 minutes' END,
              CASE WHEN starts_at < now() THEN $1::uuid END FROM busy`,
      [doctor.id],
    );
    const { rows: ended } = await db.query(`SELECT session_id, patient_id, starts_at FROM busy WHERE i <= $1 ORDER BY i LIMIT $2`, [
      half,
      reports,
    ]);
    for (const visit of ended) {
      await db.query(
        `INSERT INTO session_events (id, session_id, user_id, type, occurred_at)
         SELECT gen_random_uuid(), $1, u, t::"SessionEventType", $3::timestamptz + k * interval '1 minute'
         FROM (VALUES (1, $2::uuid, 'JOINED'), (2, $2::uuid, 'WAITING'), (3, $4::uuid, 'JOINED'), (4, $4::uuid, 'PEER_JOINED'), (5, $2::uuid, 'RECONNECTED'), (6, $4::uuid, 'ENDED')) AS v(k, u, t)`,
        [visit.session_id, visit.patient_id, visit.starts_at, doctor.id],
      );
      await db.query(
        `INSERT INTO chat_messages (id, session_id, sender_id, body, sent_at)
         SELECT gen_random_uuid(), $1, CASE WHEN k % 2 = 0 THEN $2::uuid ELSE $3::uuid END,
                'Message ' || k || ': the cough is better in the morning, worse at night after the medication.', $4::timestamptz + k * interval '30 seconds'
         FROM generate_series(1, 20) k`,
        [visit.session_id, visit.patient_id, doctor.id, visit.starts_at],
      );
      await db.query(
        `INSERT INTO notes (id, session_id, author_id, version, body)
         VALUES (gen_random_uuid(), $1, $2, 1, 'Assessment: viral bronchitis. Plan: fluids, rest, review in one week if not improving.')`,
        [visit.session_id, doctor.id],
      );
    }
    await db.query('COMMIT');
    return { doctorId: doctor.id, sessions: ended.map((row) => row.session_id) };
  });
}

async function timed(url, auth, count, check) {
  const latencies = [];
  let failures = 0;
  let sample;
  for (let i = 0; i < count; i += 1) {
    const target = typeof url === 'function' ? url(i) : url;
    const t0 = performance.now();
    const response = await fetch(target, { headers: { Authorization: `Bearer ${auth}` } });
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - t0;
    if (check(response, body)) latencies.push(elapsed);
    else {
      failures += 1;
      sample ??= `${response.status} ${body.toString('utf8', 0, 200)}`;
    }
  }
  return { latencies, failures, sample };
}

const fixture = await doctorWithAppointments(args.appointments, args.reports);
const api = await startApi({ databaseUrl });
const doctorToken = token(fixture.doctorId, 'DOCTOR');
const results = {};
try {
  const listOk = (response, body) => response.status === 200 && JSON.parse(body.toString()).items.length > 0;
  for (const [name, query] of [
    ['list upcoming', ''],
    ['list past', '?scope=past'],
  ]) {
    const url = `${api.url}/api/appointments${query}`;
    await timed(url, doctorToken, args.warmUp, listOk);
    const run = await timed(url, doctorToken, args.requests, listOk);
    results[name] = { ...summarize(run.latencies), failures: run.failures, sample: run.sample };
  }

  // The report is being written: measure it where it answers with a PDF, else say so.
  const reportSource = fs.existsSync(path.join(ROOT, 'apps/api/src/sessions/report'));
  const reportUrl = (i) => `${api.url}/api/sessions/${fixture.sessions[i % fixture.sessions.length]}/report.pdf`;
  const pdfOk = (response, body) => response.status === 200 && body.subarray(0, 5).toString() === '%PDF-';
  const probe = await timed(reportUrl, doctorToken, 1, pdfOk);
  if (probe.failures === 0) {
    await timed(reportUrl, doctorToken, args.warmUp, pdfOk);
    const run = await timed(reportUrl, doctorToken, args.requests, pdfOk);
    results['report.pdf'] = { ...summarize(run.latencies), failures: run.failures, sample: run.sample };
  } else {
    results['report.pdf'] = {
      available: false,
      reason: `not available yet (${reportSource ? 'apps/api/src/sessions/report exists but ' : ''}GET report.pdf answered ${probe.sample})`,
    };
  }

  const rows = Object.entries(results).map(([name, s]) =>
    s.available === false
      ? [name, '-', '-', '-', '-', s.reason]
      : [name, `${s.count}/${args.requests}`, ms(s.p50), ms(s.p99), ms(s.max), s.failures ? `${s.failures} failed: ${s.sample}` : ''],
  );
  const text = table(['request', 'ok', 'p50 ms', 'p99 ms', 'max ms', 'note'], rows);
  console.log(`\nREST, one request at a time; the doctor has ${args.appointments} appointments\n${text}`);
  announce(writeResult('api', { args: { ...args }, results, table: text }));
} finally {
  await api.stop();
}
process.exit(0);
