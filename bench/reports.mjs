// Benchmark 8: the signaling relay and the health check while large PDF reports render. One API
// process; the relay workload of bench/relay.mjs (spread starts) runs alternately alone and with
// `concurrentReports` downloads of a long visit's report kept in flight through its timed window;
// both runs poll GET /api/health every `healthEveryMs`. Reports render in worker threads at the
// lowest CPU priority (apps/api/src/sessions/report/report.worker.ts): the loop that relays calls and
// answers health checks must not wait for a PDF layout, and on a core shared with the renders it
// must not lose the core to them either. Paired per round: relay p99 with reports ÷ without.
import { performance } from 'node:perf_hooks';
import {
  announce,
  hardDeadline,
  ms,
  parseArgs,
  pinSelf,
  ratio,
  sleep,
  summarize,
  table,
  threadCpuSeconds,
  writeResult,
} from './lib/common.mjs';
import { benchDatabase, createRooms, token, withDb } from './lib/fixtures.mjs';
import { compareServers, p99Ratio } from './lib/relay-compare.mjs';
import { startApi } from './lib/servers.mjs';

const args = parseArgs(
  {
    rooms: 300,
    rounds: 3,
    modes: ['spread'],
    spreadMs: 5000,
    gapMs: 25,
    warmUpRooms: 'all',
    settleMs: 3000,
    deadlineMs: 120_000,
    // A long visit: 650 chat lines of about three report lines each (the report spec's long visit), 40 pages or so.
    reportMessages: 650,
    concurrentReports: 4,
    healthEveryMs: 20,
    // Reports downloaded one after another, untimed, to measure the API's event-loop CPU per report.
    loopCpuReports: 10,
    maxMinutes: 12,
  },
  { rooms: 5, rounds: 1, spreadMs: 300, warmUpRooms: 0, settleMs: 200, pauseMs: 100, reportMessages: 40, loopCpuReports: 2, maxMinutes: 2 },
);
hardDeadline(args.maxMinutes * 60_000, 'reports');
pinSelf(1);

const LINE =
  'The knee still hurts on the stairs, mostly in the morning; ibuprofen helps for a few hours, then it comes back. ' +
  'Swelling is less than last week, but kneeling is still hard and I could not finish the physiotherapy exercises twice. ' +
  'Should I keep the brace on at night, and is it fine to go back to cycling to work next Monday?';

/** An ended visit two hours ago with `messages` chat lines, a timeline and a note: its doctor and session. */
async function longEndedVisit(databaseUrl, messages) {
  return withDb(databaseUrl, async (db) => {
    await db.query('BEGIN');
    const {
      rows: [visit],
    } = await db.query(
      `WITH doctor AS (
         INSERT INTO users (id, email, name, role, password_hash, updated_at)
         VALUES (gen_random_uuid(), 'report-doctor-' || gen_random_uuid() || '@bench.test', 'Dr. Report Bench', 'DOCTOR', 'not-a-hash', now()) RETURNING id
       ), patient AS (
         INSERT INTO users (id, email, name, role, password_hash, updated_at)
         VALUES (gen_random_uuid(), 'report-patient-' || gen_random_uuid() || '@bench.test', 'Patient Report Bench', 'PATIENT', 'not-a-hash', now()) RETURNING id
       )
       SELECT doctor.id AS doctor_id, patient.id AS patient_id, gen_random_uuid() AS appointment_id, gen_random_uuid() AS session_id,
              date_trunc('minute', now()) - interval '2 hours' AS starts_at
       FROM doctor, patient`,
    );
    const { doctor_id: doctorId, patient_id: patientId, appointment_id: appointmentId, session_id: sessionId, starts_at: startsAt } = visit;
    await db.query(
      `INSERT INTO appointments (id, doctor_id, patient_id, starts_at, ends_at, reason, status, updated_at)
       VALUES ($1, $2, $3, $4, $4::timestamptz + interval '30 minutes', 'Knee pain follow-up', 'COMPLETED', now())`,
      [appointmentId, doctorId, patientId, startsAt],
    );
    await db.query(`INSERT INTO rooms (id, appointment_id) VALUES ($1, $2)`, [`report-${appointmentId}`, appointmentId]);
    await db.query(
      `INSERT INTO sessions (id, appointment_id, status, started_at, ended_at, ended_by_id)
       VALUES ($1, $2, 'ENDED', $3::timestamptz + interval '1 minute', $3::timestamptz + interval '20 minutes', $4)`,
      [sessionId, appointmentId, startsAt, doctorId],
    );
    await db.query(
      `INSERT INTO session_events (id, session_id, user_id, type, occurred_at)
       SELECT gen_random_uuid(), $1, u, t::"SessionEventType", $3::timestamptz + k * interval '1 minute'
       FROM (VALUES (1, $2::uuid, 'JOINED'), (2, $2::uuid, 'WAITING'), (3, $4::uuid, 'JOINED'), (4, $4::uuid, 'PEER_JOINED'), (20, $4::uuid, 'ENDED')) AS v(k, u, t)`,
      [sessionId, patientId, startsAt, doctorId],
    );
    await db.query(
      `INSERT INTO chat_messages (id, session_id, sender_id, body, sent_at)
       SELECT gen_random_uuid(), $1, CASE WHEN k % 2 = 0 THEN $3::uuid ELSE $2::uuid END, k || '. ' || $5, $4::timestamptz + interval '2 minutes' + k * interval '1 second'
       FROM generate_series(1, $6::int) k`,
      [sessionId, patientId, doctorId, startsAt, LINE, messages],
    );
    await db.query(
      `INSERT INTO notes (id, session_id, author_id, version, body)
       VALUES (gen_random_uuid(), $1, $2, 1, 'Assessment: patellofemoral pain. Plan: physiotherapy twice a week, review in four weeks.')`,
      [sessionId, doctorId],
    );
    await db.query('COMMIT');
    return { doctorToken: token(doctorId, 'DOCTOR'), sessionId };
  });
}

const databaseUrl = await benchDatabase();
const rooms = await createRooms(databaseUrl, args.rooms);
const report = await longEndedVisit(databaseUrl, args.reportMessages);
const api = await startApi({ databaseUrl });

/** GET /api/health every `healthEveryMs` until stopped: each answer's latency and status. */
function pollHealth(isStopped) {
  const latencies = [];
  let failed = 0;
  const done = (async () => {
    while (!isStopped()) {
      const started = performance.now();
      const response = await fetch(`${api.url}/api/health`).catch(() => undefined);
      await response?.arrayBuffer();
      if (response?.status === 200) latencies.push(performance.now() - started);
      else failed += 1;
      await sleep(args.healthEveryMs);
    }
  })();
  return { done, latencies, failed: () => failed };
}

/** One report download: its time when it is a PDF, else undefined. */
async function downloadReport() {
  const started = performance.now();
  const response = await fetch(`${api.url}/api/sessions/${report.sessionId}/report.pdf`, {
    headers: { Authorization: `Bearer ${report.doctorToken}` },
  });
  const body = Buffer.from(await response.arrayBuffer());
  return response.status === 200 && body.subarray(0, 5).toString() === '%PDF-'
    ? { ms: performance.now() - started, bytes: body.length }
    : undefined;
}

/**
 * The CPU the API's main thread (its event loop, which relays every call) spends per report: what a
 * report costs the calls, whatever the workers do: reports one after another on the otherwise idle API.
 */
async function loopCpuPerReport(reports) {
  const before = threadCpuSeconds(api.pid);
  for (let i = 0; i < reports; i += 1) if (!(await downloadReport())) throw new Error('a report did not render');
  return { reports, loopMs: ((threadCpuSeconds(api.pid) - before) * 1000) / reports };
}

/** Beside a timed window: health checks, and `reports` downloads kept in flight (a new one as each ends). */
function alongside(reports) {
  return () => {
    let stopped = false;
    const health = pollHealth(() => stopped);
    const rendered = [];
    let failedReports = 0;
    const downloaders = Array.from({ length: reports }, async () => {
      while (!stopped) {
        const result = await downloadReport().catch(() => undefined);
        if (result) rendered.push(result);
        else failedReports += 1;
      }
    });
    return {
      async stop() {
        stopped = true;
        await Promise.all([health.done, ...downloaders]);
        return {
          health: summarize(health.latencies),
          healthFailed: health.failed(),
          reports: rendered.length,
          reportMs: summarize(rendered.map((r) => r.ms)),
          reportBytes: rendered[0]?.bytes,
          failedReports,
        };
      },
    };
  };
}

try {
  // The report once before anything is timed: starts a worker and checks the fixture renders.
  const first = await downloadReport();
  if (!first) throw new Error('the long visit report did not render');
  const loopCpu = await loopCpuPerReport(args.loopCpuReports);
  const target = { kind: 'socketio', urlA: api.url, server: [api], config: { announcesPeers: true } };
  const targets = [
    { ...target, key: 'alone', label: 'relay alone', alongside: alongside(0) },
    {
      ...target,
      key: 'reports',
      label: `relay, ${args.concurrentReports} reports rendering`,
      alongside: alongside(args.concurrentReports),
    },
  ];
  const { runs, summary } = await compareServers({ ...args, targets, roomList: rooms });
  const of = (mode, key) => runs.filter((run) => run.mode === mode && run.key === key).map((run) => run.result.alongside);
  const pooledHealth = (mode, key) => {
    const all = of(mode, key);
    return {
      p99: Math.max(...all.map((a) => a.health.p99)),
      max: Math.max(...all.map((a) => a.health.max)),
      failed: all.reduce((s, a) => s + a.healthFailed, 0),
    };
  };
  const verdict = Object.fromEntries(
    args.modes.map((mode) => {
      const health = pooledHealth(mode, 'reports');
      const rendered = of(mode, 'reports');
      return [
        mode,
        {
          vsAlone: p99Ratio(summary[mode], 'reports', 'alone'),
          // The worst round's health p99 with reports rendering (target < 50 ms), and without.
          healthP99: health.p99,
          healthMax: health.max,
          healthFailed: health.failed,
          healthP99Alone: pooledHealth(mode, 'alone').p99,
          reportsRendered: rendered.reduce((s, a) => s + a.reports, 0),
          reportsFailed: rendered.reduce((s, a) => s + a.failedReports, 0),
          reportMsMedian: summarize(rendered.map((a) => a.reportMs.p50)).p50,
        },
      ];
    }),
  );
  const rows = args.modes.flatMap((mode) =>
    targets.map(({ key, label }) => {
      const s = summary[mode][key];
      const health = pooledHealth(mode, key);
      const v = verdict[mode];
      return [
        mode,
        label,
        ms(s.pooled.p50),
        ms(s.pooled.p99),
        ms(s.pooled.max),
        `${s.received}/${s.expected}`,
        `${ms(health.p99)} / ${ms(health.max)}${health.failed ? ` (${health.failed} failed)` : ''}`,
        key === 'reports'
          ? `${v.reportsRendered} (${ms(v.reportMsMedian)} ms each${v.reportsFailed ? `, ${v.reportsFailed} failed` : ''})`
          : '',
        key === 'reports' ? ratio(v.vsAlone?.median) : '',
      ];
    }),
  );
  const text = table(
    [
      'run',
      'what ran',
      'relay p50 ms',
      'relay p99 ms',
      'relay max ms',
      'delivered',
      'health p99 / max ms (worst round)',
      'reports rendered',
      'relay p99 ÷ alone',
    ],
    rows,
  );
  console.log(
    `\nRelay and health while reports render: ${args.rooms} rooms, ${args.rounds} rounds; each report is a visit of ` +
      `${args.reportMessages} chat lines (${Math.round(first.bytes / 1000)} KB PDF, ${ms(first.ms)} ms alone); ` +
      `the API's event loop spent ${ms(loopCpu.loopMs)} ms of CPU per report (${args.loopCpuReports} downloaded one by one)\n${text}`,
  );
  announce(writeResult('reports', { args: { ...args }, summary, verdict, runs, firstReport: first, loopCpu, table: text }));
} finally {
  await api.stop();
}
process.exit(0);
