// Benchmark 4: the relay workload with the patient on one API process and the doctor on
// another, sharing Redis (the streams adapter carries room traffic between them), as a
// ratio to one API process, alternated. Every API process is pinned to core 0.
import { announce, hardDeadline, ms, parseArgs, pinSelf, ratio, table, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms, REDIS_URL } from './lib/fixtures.mjs';
import { compareServers, p99Ratio } from './lib/relay-compare.mjs';
import { startApi } from './lib/servers.mjs';

const args = parseArgs(
  { rooms: 500, rounds: 3, spreadMs: 5000, gapMs: 25, modes: ['spread', 'burst'], warmUpRooms: 100, maxMinutes: 8 },
  { rooms: 5, rounds: 1, spreadMs: 300, warmUpRooms: 0, pauseMs: 100, modes: ['spread'], maxMinutes: 2 },
);
hardDeadline(args.maxMinutes * 60_000, 'cross-node');
pinSelf(1);

const databaseUrl = await benchDatabase();
const rooms = await createRooms(databaseUrl, args.rooms);
const [single, redisSingle, nodeA, nodeB] = await Promise.all([
  startApi({ databaseUrl }),
  startApi({ databaseUrl, redisUrl: REDIS_URL }),
  startApi({ databaseUrl, redisUrl: REDIS_URL }),
  startApi({ databaseUrl, redisUrl: REDIS_URL }),
]);
try {
  const targets = [
    { key: 'single', label: 'one process', kind: 'socketio', urlA: single.url, server: [single] },
    { key: 'singleRedis', label: 'one process + Redis', kind: 'socketio', urlA: redisSingle.url, server: [redisSingle] },
    { key: 'cross', label: 'two processes + Redis', kind: 'socketio', urlA: nodeA.url, urlB: nodeB.url, server: [nodeA, nodeB] },
  ];
  const { runs, summary } = await compareServers({ ...args, targets, roomList: rooms });
  const verdict = {};
  const rows = [];
  for (const mode of args.modes) {
    verdict[mode] = { vsSingle: p99Ratio(summary[mode], 'cross', 'single'), vsSingleRedis: p99Ratio(summary[mode], 'cross', 'singleRedis') };
    for (const target of targets) {
      const s = summary[mode][target.key];
      rows.push([
        mode,
        s.label,
        ms(s.pooled.p50),
        ms(s.pooled.p99),
        ms(s.pooled.max),
        Math.round(s.throughput),
        `${s.received}/${s.expected}`,
        `${Math.round(s.serverCpu * 100)}%`,
        target.key === 'cross' ? `${ratio(verdict[mode].vsSingle.median)} one process, ${ratio(verdict[mode].vsSingleRedis.median)} one + Redis` : '',
      ]);
    }
  }
  const text = table(['run', 'servers', 'p50 ms', 'p99 ms', 'max ms', 'msg/s', 'delivered', 'CPU servers', 'cross-node p99 ÷'], rows);
  console.log(`\nCross-node: ${args.rooms} rooms, patient on node A, doctor on node B, ${args.rounds} rounds\n${text}`);
  announce(writeResult('cross-node', { args: { ...args }, summary, verdict, runs, table: text }));
} finally {
  await Promise.all([single, redisSingle, nodeA, nodeB].map((s) => s.stop()));
}
process.exit(0);
