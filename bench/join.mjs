// Benchmark 3: join-room acknowledgement latency (database-checked authorization, room
// state, timeline and audit rows, chat history) at a steady 500 joins/s on one API process.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { announce, hardDeadline, ms, parseArgs, pinSelf, sleep, summarize, table, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms } from './lib/fixtures.mjs';
import { startApi } from './lib/servers.mjs';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');

const args = parseArgs({ joins: 2500, rate: 500, warmUpJoins: 500, maxMinutes: 4 }, { joins: 10, warmUpJoins: 4, maxMinutes: 1 });
hardDeadline(args.maxMinutes * 60_000, 'join');
pinSelf(1);

const databaseUrl = await benchDatabase();
const roomCount = Math.ceil((args.joins + args.warmUpJoins) / 2);
const rooms = await createRooms(databaseUrl, roomCount);
const api = await startApi({ databaseUrl });

function connect(token) {
  return new Promise((resolve, reject) => {
    const socket = io(`${api.url}/signaling`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 20_000,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const sockets = [];
try {
  // Every party's socket is open before timing: this measures the join, not the handshake.
  const parties = rooms.flatMap((room) => [
    { roomId: room.roomId, token: room.patient.token },
    { roomId: room.roomId, token: room.doctor.token },
  ]);
  for (let i = 0; i < parties.length; i += 50) {
    const batch = await Promise.all(parties.slice(i, i + 50).map((party) => connect(party.token)));
    batch.forEach((socket, k) => ((parties[i + k].socket = socket), sockets.push(socket)));
  }

  /** Joins at a fixed rate (patient, then the doctor of the same room), whatever the answers' latency. */
  async function paced(list) {
    const latencies = [];
    let errors = 0;
    const samples = [];
    const start = performance.now();
    await Promise.all(
      list.map(async (party, i) => {
        const due = start + (i * 1000) / args.rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const sentAt = performance.now();
        const ack = await party.socket
          .timeout(10_000)
          .emitWithAck('join-room', { roomId: party.roomId })
          .catch((error) => ({ ok: false, error: error.message }));
        if (ack?.ok) latencies.push(performance.now() - sentAt);
        else {
          errors += 1;
          if (samples.length < 5) samples.push(JSON.stringify(ack));
        }
      }),
    );
    return { latencies, errors, samples, seconds: (performance.now() - start) / 1000 };
  }

  await paced(parties.slice(0, args.warmUpJoins));
  await sleep(500);
  const before = api.stats();
  const run = await paced(parties.slice(args.warmUpJoins, args.warmUpJoins + args.joins));
  const after = api.stats();
  const stats = summarize(run.latencies);
  const serverCpu = (after.cpuSeconds - before.cpuSeconds) / run.seconds;
  const text = table(
    ['joins', 'rate /s', 'ok', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server CPU'],
    [
      [
        args.joins,
        args.rate,
        `${stats.count}/${args.joins}`,
        ms(stats.p50),
        ms(stats.p95),
        ms(stats.p99),
        ms(stats.max),
        `${Math.round(serverCpu * 100)}%`,
      ],
    ],
  );
  console.log(`\nJoin latency (join-room acknowledgement)\n${text}`);
  announce(writeResult('join', { args: { ...args }, stats, errors: run.errors, errorSamples: run.samples, serverCpu, table: text }));
} finally {
  for (const socket of sockets) socket.close();
  await api.stop();
}
process.exit(0);
