// Runs the relay workload against several servers in turn (A B C A B C ...), one fresh
// load-generator process per run, and summarizes latencies, throughput and CPU per server.
import { median, ms, runLoadgen, sleep, summarize, table } from './common.mjs';

const LOADGEN = 'bench/loadgen/relay-loadgen.mjs';

/**
 * targets: [{ key, label, kind, urlA, urlB, server: [handles whose CPU to sample] }]
 * Returns { runs, summary[mode][key] }.
 */
export async function compareServers({
  targets,
  roomList: rooms,
  modes,
  rounds,
  spreadMs,
  gapMs,
  warmUpRooms,
  settleMs,
  pauseMs = 1000,
  log = console.error,
  deadlineMs = 150_000,
}) {
  const runs = [];
  const run = async (target, mode, round, roomList) => {
    const before = target.server.map((s) => s.stats());
    const startedAt = Date.now();
    const result = await runLoadgen(
      LOADGEN,
      {
        kind: target.kind,
        urlA: target.urlA,
        urlB: target.urlB,
        rooms: roomList,
        mode,
        spreadMs,
        gapMs,
        settleMs,
        deadlineMs,
        peerSuffix: `-${mode}-${round}`,
      },
      { timeoutMs: deadlineMs + 10_000 },
    );
    const after = target.server.map((s) => s.stats());
    const seconds = (Date.now() - startedAt) / 1000;
    result.serverCpu = after.reduce((sum, stat, i) => sum + (stat.cpuSeconds - before[i].cpuSeconds), 0) / seconds;
    result.serverRssMb = after.reduce((sum, stat) => sum + stat.rss, 0) / 2 ** 20;
    return result;
  };

  // Warm-up: every server runs the whole workload once, untimed, before the first measured
  // round ('all'; a number runs that many rooms). After a 200-room warm-up our gateway's first
  // spread round still had a ~100 ms pause that the whole workload run once takes away.
  const warmUpCount = warmUpRooms === 'all' ? rooms.length : Math.min(Number(warmUpRooms), rooms.length);
  for (const target of warmUpCount > 0 ? targets : []) {
    log(`warm-up: ${target.label}, ${warmUpCount} rooms`);
    await run(target, 'burst', 'warm', rooms.slice(0, warmUpCount));
    await sleep(pauseMs / 2);
  }

  for (const mode of modes) {
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        const result = await run(target, mode, round, rooms);
        const all = Object.values(result.latencies).flat();
        const stats = summarize(all);
        log(
          `${mode} round ${round} ${target.label.padEnd(22)} p50 ${stats.p50.toFixed(1)} p99 ${stats.p99.toFixed(1)} max ${stats.max.toFixed(0)} ms, ` +
            `${Math.round(result.throughput)} msg/s, recv ${result.received}/${result.expected}, ackErr ${result.ackErrors}, ` +
            `cpu server ${(result.serverCpu * 100).toFixed(0)}% loadgen ${(result.loadgenCpu * 100).toFixed(0)}%`,
        );
        runs.push({ key: target.key, label: target.label, mode, round, result, stats });
        await sleep(pauseMs);
      }
    }
  }

  const summary = {};
  for (const mode of modes) {
    summary[mode] = {};
    for (const target of targets) {
      const mine = runs.filter((r) => r.mode === mode && r.key === target.key);
      const pooled = summarize(mine.flatMap((r) => Object.values(r.result.latencies).flat()));
      const byType = Object.fromEntries(
        ['offer', 'answer', 'candidate', 'chat'].map((type) => [type, summarize(mine.flatMap((r) => r.result.latencies[type]))]),
      );
      summary[mode][target.key] = {
        label: target.label,
        pooled,
        byType,
        roundP99: mine.map((r) => r.stats.p99),
        roundP50: mine.map((r) => r.stats.p50),
        throughput: median(mine.map((r) => r.result.throughput)),
        expected: mine.reduce((s, r) => s + r.result.expected, 0),
        received: mine.reduce((s, r) => s + r.result.received, 0),
        lost: mine.reduce((s, r) => s + r.result.lost, 0),
        ackErrors: mine.reduce((s, r) => s + r.result.ackErrors, 0),
        ackErrorSamples: mine.flatMap((r) => r.result.ackErrorSamples).slice(0, 5),
        serverCpu: median(mine.map((r) => r.result.serverCpu)),
        loadgenCpu: median(mine.map((r) => r.result.loadgenCpu)),
      };
    }
  }
  return { runs: runs.map(({ result, ...rest }) => ({ ...rest, result: { ...result, latencies: undefined } })), summary };
}

/** Per-round ratio of `key`'s p99 to `base`'s p99 (paired by round), and their median. */
export function p99Ratio(summary, key, base) {
  const mine = summary[key].roundP99;
  const theirs = summary[base].roundP99;
  const perRound = mine.map((value, i) => value / theirs[i]);
  return { perRound, median: median(perRound) };
}

/**
 * The table of a comparison: one row per mode and server; `ratioCell(mode, key)` fills the last
 * column (the ratios, on the row of the server they are about).
 */
export function comparisonTable(summary, modes, targets, { serverHeader, ratioHeader, ratioCell }) {
  const rows = modes.flatMap((mode) =>
    targets.map((target) => {
      const s = summary[mode][target.key];
      return [
        mode,
        s.label,
        ms(s.pooled.p50),
        ms(s.pooled.p95),
        ms(s.pooled.p99),
        ms(s.pooled.max),
        Math.round(s.throughput),
        `${s.received}/${s.expected}`,
        `${Math.round(s.serverCpu * 100)}% / ${Math.round(s.loadgenCpu * 100)}%`,
        ratioCell(mode, target.key),
      ];
    }),
  );
  return table(
    ['run', serverHeader, 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'msg/s', 'delivered', 'CPU server/loadgen', ratioHeader],
    rows,
  );
}
