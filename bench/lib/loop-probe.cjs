// Preloaded into a benchmark's server processes with BENCH_LOOP_PROBE_DIR=<dir> (bench/lib/servers.mjs):
// writes <dir>/loop-<pid>.log with every event-loop stall over 60 ms (a 20 ms timer firing late),
// the process's own CPU time during it (about equal to the stall: work of this process; near 0:
// the process was not scheduled), and every garbage collection over 20 ms. It tells a pause in a
// latency round apart: collection, work bunched in one loop turn, or the core given to another process.
const fs = require('node:fs');
const path = require('node:path');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const file = path.join(process.env.BENCH_LOOP_PROBE_DIR, `loop-${process.pid}.log`);
const write = (line) => fs.appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
const kinds = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
};

new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.duration > 20) write(`gc ${kinds[entry.detail?.kind] ?? 'other'} ${entry.duration.toFixed(1)} ms`);
}).observe({ entryTypes: ['gc'] });

let last = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  if (now - last > 60) write(`stall ${(now - last - 20).toFixed(0)} ms, own cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
  last = now;
  lastCpu = process.cpuUsage();
}, 20).unref();
