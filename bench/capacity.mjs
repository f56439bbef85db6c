// Benchmark 2: authenticated sockets in steps on one API process. Every room (two joined
// sockets) heartbeats: one relayed ICE candidate every few seconds, alternating sides.
// At each step: server RSS per socket, server CPU, relay p99 of the heartbeats. Then the same
// steps against the bare Socket.IO relay: what Socket.IO itself costs per socket on this machine.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { announce, hardDeadline, ms, parseArgs, pinSelf, sleep, summarize, table, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms } from './lib/fixtures.mjs';
import { startApi, startBareRelay } from './lib/servers.mjs';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');

const args = parseArgs(
  {
    // The issue asks for 20,000 sockets; a process here may hold at most 20,000 open files (hard
    // limit, not raisable without CAP_SYS_RESOURCE, which this machine's root lacks), and the API
    // and this load generator each need a few dozen besides their sockets: 19,500 is the most.
    steps: [1000, 5000, 10000, 15000, 19500],
    // --servers=gateway skips the bare Socket.IO steps (an A/B of the gateway alone).
    servers: ['gateway', 'bare'],
    heartbeatMs: 5000,
    windowMs: 10_000,
    settleMs: 2000,
    p99LimitMs: 50,
    stepTimeoutS: 150,
    maxMinutes: 16,
  },
  { steps: [20, 50], heartbeatMs: 500, windowMs: 1500, settleMs: 300, stepTimeoutS: 30, maxMinutes: 1.5 },
);
hardDeadline(args.maxMinutes * 60_000, 'capacity');
pinSelf(1);

const databaseUrl = await benchDatabase();
const warmUpRooms = args.smoke ? 2 : 20;
const rooms = await createRooms(databaseUrl, Math.ceil(Math.max(...args.steps) / 2) + warmUpRooms);

const pending = new Map();
let nextId = 1;
let window = null; // { latencies, sent } while measuring
const candidate = (id) => `candidate:${id} 1 udp 2122260223 10.0.0.1 50000 typ host generation 0`;

let server; // the server being measured

/** The server's live heap after a full collection (bench/lib/gc-probe.cjs), in bytes. */
async function liveHeap() {
  const heap = await server.collectGarbage();
  return heap ? heap.heapUsed + heap.external : NaN;
}
function connect(token) {
  return new Promise((resolve, reject) => {
    const socket = io(`${server.url}/signaling`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
async function pool(items, concurrency, deadline, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && Date.now() < deadline) await work(items[next++]);
    }),
  );
  return next >= items.length;
}

let live = []; // { doctor, patient, timer }
let errors = 0;
const errorSamples = [];
const note = (what) => {
  errors += 1;
  if (errorSamples.length < 5) errorSamples.push(what);
};

async function openRoom(spec) {
  const patient = await connect(spec.patient.token);
  const doctor = await connect(spec.doctor.token);
  for (const socket of [patient, doctor]) {
    socket.on('ice-candidate', (event) => {
      const text = event.candidate.candidate;
      const id = text.slice(10, text.indexOf(' ', 10));
      const sentAt = pending.get(id);
      if (sentAt === undefined) return;
      pending.delete(id);
      window?.latencies.push(performance.now() - sentAt);
    });
  }
  for (const socket of [patient, doctor]) {
    const ack = await socket
      .timeout(30_000)
      .emitWithAck('join-room', { roomId: spec.roomId })
      .catch((error) => ({ ok: false, error: error.message }));
    if (!ack?.ok) note(`join: ${JSON.stringify(ack)}`);
  }
  return { patient, doctor };
}
function heartbeat(room) {
  let side = 0;
  const beat = () => {
    const socket = side++ % 2 ? room.doctor : room.patient;
    const id = String(nextId++);
    pending.set(id, performance.now());
    if (window) window.sent += 1;
    socket.emit(
      'ice-candidate',
      { candidate: { candidate: candidate(id), sdpMid: '0', sdpMLineIndex: 0 } },
      (ack) => ack?.ok || note(`heartbeat: ${JSON.stringify(ack)}`),
    );
  };
  room.timer = setTimeout(() => {
    beat();
    room.timer = setInterval(beat, args.heartbeatMs);
  }, Math.random() * args.heartbeatMs);
}

function closeRoom(room) {
  clearTimeout(room.timer);
  clearInterval(room.timer);
  room.patient.close();
  room.doctor.close();
}
const closeAll = () => {
  live.forEach(closeRoom);
  live = [];
};

/** Opens the rooms of every step on `server` and measures each; returns the steps and the idle baseline. */
async function measureSteps(label) {
  const steps = [];
  // Warm-up: a few rooms join, talk and leave; then the baseline RSS of an idle, warm process.
  const warm = await Promise.all(rooms.slice(0, warmUpRooms).map(openRoom));
  for (const room of warm) heartbeat(room);
  await sleep(Math.min(3000, args.heartbeatMs * 2));
  warm.forEach(closeRoom);
  await sleep(args.smoke ? 300 : 3000);
  const baselineHeap = await liveHeap();
  await sleep(500);
  const baseline = server.stats();
  let used = warmUpRooms;

  for (const target of args.steps) {
    const wanted = Math.ceil(target / 2) - live.length;
    const specs = rooms.slice(used, used + wanted);
    used += wanted;
    const t0 = Date.now();
    const complete = await pool(specs, 50, t0 + args.stepTimeoutS * 1000, async (spec) => {
      try {
        const room = await openRoom(spec);
        live.push(room);
        heartbeat(room);
      } catch (error) {
        note(`connect: ${error.message}`);
      }
    });
    const rampSeconds = (Date.now() - t0) / 1000;
    // The ramp's garbage (thousands of handshakes and joins in seconds) would otherwise be collected
    // inside the window, a major collection of a heap of hundreds of MB on one core: the window is for
    // the sockets held, not for how fast they came (the relay benchmarks settle the same way). The
    // settle after it lets the server catch up with the heartbeats that queued during the collection.
    await server.collectGarbage();
    await sleep(args.settleMs);
    pending.clear();
    window = { latencies: [], sent: 0 };
    const before = server.stats();
    const cpuBefore = process.cpuUsage();
    const w0 = performance.now();
    await sleep(args.windowMs);
    const seconds = (performance.now() - w0) / 1000;
    const after = server.stats();
    const cpu = process.cpuUsage(cpuBefore);
    const measured = window;
    window = null;
    // After the latency window: a full collection pauses the server.
    const heap = await liveHeap();
    const sockets = live.length * 2;
    const stats = summarize(measured.latencies);
    const step = {
      sockets,
      complete,
      rampSeconds,
      joinsPerSecond: (wanted * 2) / rampSeconds,
      heartbeatsSent: measured.sent,
      heartbeatsReceived: stats.count,
      heartbeatsPerSecond: stats.count / seconds,
      p50: stats.p50,
      p99: stats.p99,
      max: stats.max,
      rssMb: after.rss / 2 ** 20,
      rssPerSocketKb: (after.rss - baseline.rss) / sockets / 1024,
      liveHeapPerSocketKb: (heap - baselineHeap) / sockets / 1024,
      serverCpu: (after.cpuSeconds - before.cpuSeconds) / seconds,
      loadgenCpu: (cpu.user + cpu.system) / 1e6 / seconds,
    };
    steps.push(step);
    console.error(
      `${label}: ${sockets} sockets (ramp ${rampSeconds.toFixed(0)} s): heartbeat p50 ${stats.p50.toFixed(1)} p99 ${stats.p99.toFixed(1)} ms, ` +
        `${step.rssMb.toFixed(0)} MB RSS = ${step.rssPerSocketKb.toFixed(1)} KB/socket (live heap ${step.liveHeapPerSocketKb.toFixed(1)}), CPU ${Math.round(step.serverCpu * 100)}%`,
    );
    if (!complete) break;
  }
  return { steps, baseline };
}

try {
  server = await startApi({ databaseUrl });
  const { steps, baseline } = await measureSteps('our gateway');
  closeAll();
  await server.stop();
  server = undefined;
  let bare = { steps: [], baseline: { rss: NaN } };
  if (args.servers.includes('bare')) {
    server = await startBareRelay();
    bare = await measureSteps('bare Socket.IO');
    closeAll();
  }
  const limit = steps.find((step) => !(step.p99 <= args.p99LimitMs));
  const bareAt = (sockets) => bare.steps.find((step) => step.sockets === sockets);
  const text = table(
    [
      'sockets',
      'heartbeats/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server RSS MB',
      'RSS KB/socket',
      'live heap KB/socket',
      'server CPU',
      'join+connect /s',
      'bare Socket.IO: p99 ms, RSS KB/socket, live heap KB/socket',
    ],
    steps.map((s) => [
      s.sockets,
      Math.round(s.heartbeatsPerSecond),
      ms(s.p50),
      ms(s.p99),
      ms(s.max),
      Math.round(s.rssMb),
      s.rssPerSocketKb.toFixed(1),
      s.liveHeapPerSocketKb.toFixed(1),
      `${Math.round(s.serverCpu * 100)}%`,
      Math.round(s.joinsPerSecond),
      bareAt(s.sockets)
        ? `${ms(bareAt(s.sockets).p99)}, ${bareAt(s.sockets).rssPerSocketKb.toFixed(1)}, ${bareAt(s.sockets).liveHeapPerSocketKb.toFixed(1)}`
        : 'n/a',
    ]),
  );
  const verdict = limit
    ? `p99 passes ${args.p99LimitMs} ms at ${limit.sockets} sockets`
    : `p99 stays under ${args.p99LimitMs} ms up to ${steps.at(-1)?.sockets} sockets`;
  console.log(`\nCapacity: one API process, baseline RSS ${Math.round(baseline.rss / 2 ** 20)} MB; ${verdict}\n${text}`);
  announce(
    writeResult('capacity', {
      args: { ...args },
      baselineRssMb: baseline.rss / 2 ** 20,
      steps,
      bare: { baselineRssMb: bare.baseline.rss / 2 ** 20, steps: bare.steps },
      verdict,
      errors,
      errorSamples,
      table: text,
    }),
  );
} finally {
  closeAll();
  await server?.stop();
}
process.exit(0);
