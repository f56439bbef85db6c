// Runs the relay workload against several servers in turn (A B C A B C ...), one fresh
// load-generator process per run, and summarizes latencies, throughput and CPU per server.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { median, ms, runLoadgen, sleep, summarize, table } from './common.mjs';

const LOADGEN = 'bench/loadgen/relay-loadgen.mjs';

/**
 * targets: [{ key, label, kind, urlA, urlB, server: [handles whose CPU to sample], roomList?, config?, alongside? }]
 * (`roomList` overrides the rooms for that target, e.g. the mesh's rooms with guests; `config` is
 * passed to the load generator: workload, joinWithUserId, announcesPeers; `alongside()` starts work
 * that runs beside the timed window, from its start to its end, and returns `{ stop() }` whose
 * promise gives what it measured: `result.alongside`).
 * Returns { runs, warmUps, summary[mode][key], admission[key] }.
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
  const warmUps = [];
  const cpuOf = (target) => target.server.reduce((sum, server) => sum + server.stats().cpuSeconds, 0);
  const run = async (target, mode, round, roomList) => {
    const before = target.server.map((s) => s.stats());
    const startedAt = Date.now();
    // The servers' CPU in the timed window alone, between the load generator's marks.
    const marks = {};
    let alongside;
    let alongsideResult;
    const result = await runLoadgen(
      LOADGEN,
      {
        ...target.config,
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
      {
        timeoutMs: deadlineMs + 10_000,
        onLine: (line) => {
          if (!line.startsWith('MARK ')) return;
          marks[line.slice(5)] = {
            at: performance.now(),
            monotonicUs: Number(process.hrtime.bigint() / 1000n),
            cpuSeconds: cpuOf(target),
          };
          // The joins' garbage (ours: database rows and visit states) would otherwise be collected in the first
          // seconds of the timed window, whenever the next allocation tips it: the settle's purpose, made sure.
          if (line === 'MARK settle') for (const server of target.server) void server.collectGarbage();
          if (line === 'MARK timed-start' && round !== 'warm') alongside = target.alongside?.();
          if (line === 'MARK timed-end') alongsideResult = alongside?.stop();
        },
      },
    );
    // Whatever ran alongside has finished before the next run starts (a report still rendering would weigh on it).
    result.alongside = await (alongsideResult ?? alongside?.stop());
    const after = target.server.map((s) => s.stats());
    const seconds = (Date.now() - startedAt) / 1000;
    result.serverCpu = after.reduce((sum, stat, i) => sum + (stat.cpuSeconds - before[i].cpuSeconds), 0) / seconds;
    result.serverRssMb = after.reduce((sum, stat) => sum + stat.rss, 0) / 2 ** 20;
    // The machine's 1-minute load average as the run ends: other work on a shared machine shows here.
    result.loadAverage = os.loadavg()[0];
    const [start, end] = [marks['timed-start'], marks['timed-end']];
    // CPU time is counted in clock ticks (10 ms): over a short window or few messages it is coarse.
    result.serverCpuTimedSeconds = start && end ? end.cpuSeconds - start.cpuSeconds : NaN;
    result.serverCpuTimed = start && end ? result.serverCpuTimedSeconds / ((end.at - start.at) / 1000) : NaN;
    result.serverCpuUsPerMessage = (result.serverCpuTimedSeconds / result.received) * 1e6;
    // The timed window on the monotonic clock (µs) that V8's CPU profiles use: `--window` of lib/profile-summary.mjs.
    result.timedWindowUs = start && end ? [start.monotonicUs, end.monotonicUs] : undefined;
    return result;
  };

  // Warm-up: every server runs the whole workload once, untimed, before the first measured
  // round ('all'; a number runs that many rooms). After a 200-room warm-up our gateway's first
  // spread round still had a ~100 ms pause that the whole workload run once takes away.
  const roomsOf = (target) => target.roomList ?? rooms;
  for (const target of targets) {
    const list = roomsOf(target);
    const warmUpCount = warmUpRooms === 'all' ? list.length : Math.min(Number(warmUpRooms), list.length);
    if (warmUpCount === 0) continue;
    log(`warm-up: ${target.label}, ${warmUpCount} rooms`);
    const result = await run(target, 'burst', 'warm', list.slice(0, warmUpCount));
    warmUps.push({ key: target.key, result: { ...result, latencies: undefined } });
    await sleep(pauseMs / 2);
  }

  for (const mode of modes) {
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        const result = await run(target, mode, round, roomsOf(target));
        const all = Object.values(result.latencies).flat();
        const stats = summarize(all);
        const routing = result.misrouted || result.wrongFrom ? `, MISROUTED ${result.misrouted}, wrong from ${result.wrongFrom}` : '';
        log(
          `${mode} round ${round} ${target.label.padEnd(22)} p50 ${stats.p50.toFixed(1)} p99 ${stats.p99.toFixed(1)} max ${stats.max.toFixed(0)} ms, ` +
            `${Math.round(result.throughput)} msg/s, recv ${result.received}/${result.expected}, ackErr ${result.ackErrors}${routing}, ` +
            `cpu server ${(result.serverCpu * 100).toFixed(0)}% (timed ${(result.serverCpuTimed * 100).toFixed(0)}%, ` +
            `${result.serverCpuUsPerMessage.toFixed(0)} µs/msg) loadgen ${(result.loadgenCpu * 100).toFixed(0)}%, load ${result.loadAverage.toFixed(1)}`,
        );
        // The negotiation alone (offer, answer, candidates): what a relay does, without the chat lines our API stores first.
        const negotiation = summarize(['offer', 'answer', 'candidate'].flatMap((type) => result.latencies[type]));
        runs.push({ key: target.key, label: target.label, mode, round, result, stats, negotiation });
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
        workload: target.config?.workload ?? 'pair',
        rooms: mine[0]?.result.rooms,
        sockets: mine[0]?.result.sockets,
        pooled,
        byType,
        roundP99: mine.map((r) => r.stats.p99),
        roundP50: mine.map((r) => r.stats.p50),
        roundP99Negotiation: mine.map((r) => r.negotiation.p99),
        throughput: median(mine.map((r) => r.result.throughput)),
        expected: mine.reduce((s, r) => s + r.result.expected, 0),
        received: mine.reduce((s, r) => s + r.result.received, 0),
        lost: mine.reduce((s, r) => s + r.result.lost, 0),
        duplicates: mine.reduce((s, r) => s + (r.result.duplicates ?? 0), 0),
        misrouted: mine.reduce((s, r) => s + (r.result.misrouted ?? 0), 0),
        wrongFrom: mine.reduce((s, r) => s + (r.result.wrongFrom ?? 0), 0),
        peerMismatches: mine.reduce((s, r) => s + (r.result.peerMismatches ?? 0), 0),
        warmUpAckErrors: mine.reduce((s, r) => s + (r.result.warmUpAckErrors ?? 0), 0),
        warmUpAckErrorSamples: mine.flatMap((r) => r.result.warmUpAckErrorSamples ?? []).slice(0, 5),
        ackErrors: mine.reduce((s, r) => s + r.result.ackErrors, 0),
        ackErrorSamples: mine.flatMap((r) => r.result.ackErrorSamples).slice(0, 5),
        serverCpu: median(mine.map((r) => r.result.serverCpu)),
        serverCpuTimed: median(mine.map((r) => r.result.serverCpuTimed)),
        serverCpuUsPerMessage: median(mine.map((r) => r.result.serverCpuUsPerMessage)),
        loadAverage: mine.map((r) => r.result.loadAverage),
        loadgenCpu: median(mine.map((r) => r.result.loadgenCpu)),
      };
    }
  }
  // Each room's guests wait in the lobby only in the first run that joins it (later runs find them admitted): counted over every run.
  const admission = Object.fromEntries(
    targets.map((target) => {
      const every = [...runs, ...warmUps].filter((r) => r.key === target.key).map((r) => r.result);
      const total = (field) => every.reduce((sum, result) => sum + (result[field] ?? 0), 0);
      return [
        target.key,
        {
          admittedFromLobby: total('admittedFromLobby'),
          peerMismatches: total('peerMismatches'),
          warmUpAckErrors: total('warmUpAckErrors'),
        },
      ];
    }),
  );
  return {
    runs: runs.map(({ result, ...rest }) => ({ ...rest, result: { ...result, latencies: undefined } })),
    warmUps,
    summary,
    admission,
  };
}

/**
 * Per-round ratio of `key`'s p99 to `base`'s p99 (paired by round), and their median; undefined when either did not run.
 * `field`: 'roundP99' (every message) or 'roundP99Negotiation' (offer, answer and candidates only).
 */
export function p99Ratio(summary, key, base, field = 'roundP99') {
  if (!summary[key] || !summary[base]) return undefined;
  const mine = summary[key][field];
  const theirs = summary[base][field];
  const perRound = mine.map((value, i) => value / theirs[i]);
  return { perRound, median: median(perRound) };
}

/**
 * The table of a comparison: one row per mode and server; `ratioCell(mode, key)` fills the last
 * column (the ratios, on the row of the server they are about).
 */
export function comparisonTable(summary, modes, targets, { serverHeader, ratioHeader, ratioCell, cpuPerMessage = false }) {
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
        ...(cpuPerMessage ? [Number.isFinite(s.serverCpuUsPerMessage) ? Math.round(s.serverCpuUsPerMessage) : 'n/a'] : []),
        ratioCell(mode, target.key),
      ];
    }),
  );
  return table(
    [
      'run',
      serverHeader,
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'msg/s',
      'delivered',
      'CPU server/loadgen',
      ...(cpuPerMessage ? ['server CPU µs/msg'] : []),
      ratioHeader,
    ],
    rows,
  );
}
