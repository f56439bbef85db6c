// Benchmark 4: the relay workload with the patient on one API process and the doctor on
// another, sharing Redis (the streams adapter carries room traffic between them), as a
// ratio to one API process, alternated. Every API process is pinned to core 0 but node B, on core 1 (--nodeBCore).
import { announce, hardDeadline, parseArgs, pinSelf, ratio, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms, REDIS_URL } from './lib/fixtures.mjs';
import { compareServers, comparisonTable, p99Ratio } from './lib/relay-compare.mjs';
import { startApi } from './lib/servers.mjs';

const args = parseArgs(
  // Node B on its own core (issue 18's headline placement): on this 2-core machine that is core 1,
  // beside the load generator; nodeBCore=0 puts it beside node A instead (see BENCHMARKS.md).
  {
    rooms: 500,
    rounds: 3,
    spreadMs: 5000,
    gapMs: 25,
    modes: ['spread', 'burst'],
    warmUpRooms: 'all',
    settleMs: 3000,
    maxMinutes: 10,
    nodeBCore: 1,
  },
  { rooms: 5, rounds: 1, spreadMs: 300, warmUpRooms: 0, settleMs: 200, pauseMs: 100, modes: ['spread'], maxMinutes: 2 },
);
hardDeadline(args.maxMinutes * 60_000, 'cross-node');
pinSelf(1);

const databaseUrl = await benchDatabase();
const rooms = await createRooms(databaseUrl, args.rooms);
// Separate Redis databases: every process reads every entry of its adapter stream, so with one
// stream the idle "one + Redis" process would decode the cross-node traffic (and the reverse) on
// the same core as the servers being measured.
const redisDb = (db) => `${REDIS_URL.replace(/\/\d*$/, '')}/${db}`;
const [single, redisSingle, nodeA, nodeB] = await Promise.all([
  startApi({ databaseUrl }),
  startApi({ databaseUrl, redisUrl: redisDb(1) }),
  startApi({ databaseUrl, redisUrl: redisDb(2) }),
  startApi({ databaseUrl, redisUrl: redisDb(2), core: args.nodeBCore }),
]);
try {
  const targets = [
    { key: 'single', label: 'one process', kind: 'socketio', urlA: single.url, server: [single] },
    { key: 'singleRedis', label: 'one process + Redis', kind: 'socketio', urlA: redisSingle.url, server: [redisSingle] },
    { key: 'cross', label: 'two processes + Redis', kind: 'socketio', urlA: nodeA.url, urlB: nodeB.url, server: [nodeA, nodeB] },
  ];
  const { runs, summary } = await compareServers({ ...args, targets, roomList: rooms });
  const verdict = Object.fromEntries(
    args.modes.map((mode) => [
      mode,
      { vsSingle: p99Ratio(summary[mode], 'cross', 'single'), vsSingleRedis: p99Ratio(summary[mode], 'cross', 'singleRedis') },
    ]),
  );
  const text = comparisonTable(summary, args.modes, targets, {
    serverHeader: 'servers',
    ratioHeader: 'cross-node p99 ÷',
    ratioCell: (mode, key) =>
      key === 'cross'
        ? `${ratio(verdict[mode].vsSingle.median)} one process, ${ratio(verdict[mode].vsSingleRedis.median)} one + Redis`
        : '',
  });
  const placement = `node A and the one-process servers on core 0, node B on core ${args.nodeBCore}, the load generator on core 1`;
  console.log(`\nCross-node: ${args.rooms} rooms, patient on node A, doctor on node B, ${args.rounds} rounds; ${placement}\n${text}`);
  announce(writeResult('cross-node', { args: { ...args }, placement, summary, verdict, runs, table: text }));
} finally {
  await Promise.all([single, redisSingle, nodeA, nodeB].map((s) => s.stop()));
}
process.exit(0);
