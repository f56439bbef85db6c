// Shared helpers of the benchmarks: arguments, core pinning, child processes, statistics, results.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? path.join(ROOT, 'bench/results');
export const LOOPBACK = '127.0.0.1';

/** `--name=value` flags over defaults; numbers stay numbers, `--smoke` picks the tiny defaults. */
export function parseArgs(defaults, smokeDefaults = {}) {
  const flags = {};
  for (const arg of process.argv.slice(2)) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) flags[match[1]] = match[2] ?? 'true';
  }
  const smoke = flags.smoke === 'true' || process.env.BENCH_SMOKE === '1';
  const merged = { ...defaults, ...(smoke ? smokeDefaults : {}) };
  for (const [key, value] of Object.entries(flags)) {
    if (key === 'smoke') continue;
    const current = merged[key];
    merged[key] =
      typeof current === 'number'
        ? Number(value)
        : Array.isArray(current)
          ? value.split(',').map((v) => (typeof current[0] === 'number' ? Number(v) : v))
          : value;
  }
  merged.smoke = smoke;
  return merged;
}

// ---- cores ----

let tasksetPath;
function taskset() {
  if (tasksetPath !== undefined) return tasksetPath;
  tasksetPath = null;
  if (os.cpus().length < 2 || process.env.BENCH_NO_PIN === '1') return tasksetPath;
  for (const candidate of ['/usr/bin/taskset', '/bin/taskset']) if (fs.existsSync(candidate)) tasksetPath = candidate;
  return tasksetPath;
}
/** Whether a process started on `core` is pinned to it (spawnTracked), i.e. has that one CPU. */
export const pinsTo = (core) => core !== undefined && taskset() !== null;
export const pinning = () =>
  taskset() ? 'server on core 0, load generator on core 1 (taskset)' : 'not pinned (taskset or a second core missing)';

/** Pins this process (every thread) to one core: the load generator's. */
export function pinSelf(core) {
  const bin = taskset();
  if (!bin) return false;
  try {
    execFileSync(bin, ['-a', '-p', '-c', String(core), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// ---- child processes: every one is tracked and killed when the benchmark ends, however it ends ----

const children = new Set();
export function spawnTracked(core, args, options = {}) {
  const bin = core === undefined ? null : taskset();
  const child = bin ? spawn(bin, ['-c', String(core), process.execPath, ...args], options) : spawn(process.execPath, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killAll() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => (killAll(), process.exit(130)));

/** Ends the whole benchmark after `ms` whatever it is doing: every loop here is bounded in time. */
export function hardDeadline(ms, name) {
  const timer = setTimeout(() => {
    console.error(`${name}: hard deadline of ${Math.round(ms / 1000)} s reached, stopping`);
    killAll();
    process.exit(3);
  }, ms);
  timer.unref();
}

export function stopChild(child, graceMs = 8000) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, LOOPBACK, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check, { timeoutMs = 60_000, what = 'condition', child, logs = () => '' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${what}: process exited\n${logs()}`);
    try {
      if (await check()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms\n${logs().slice(-4000)}`);
    await sleep(100);
  }
}

/**
 * Runs a load-generator script in its own process on core 1 and returns the JSON it prints last;
 * `onLine` sees the start (200 characters) of every line as it comes (e.g. the relay load
 * generator's `MARK` lines).
 */
export function runLoadgen(script, config, { core = 1, timeoutMs = 180_000, onLine } = {}) {
  const file = path.join(os.tmpdir(), `bench-loadgen-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  const child = spawnTracked(core, ['--max-old-space-size=4096', path.join(ROOT, script), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let lineStart = 0;
  child.stdout.on('data', (chunk) => {
    const from = out.length;
    out += chunk;
    if (!onLine) return;
    // Only the new chunk is searched: the last line (the result) can be megabytes long.
    for (let end = out.indexOf('\n', from); end !== -1; end = out.indexOf('\n', end + 1)) {
      onLine(out.slice(lineStart, Math.min(end, lineStart + 200)));
      lineStart = end + 1;
    }
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fs.rmSync(file, { force: true });
      const line = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code ?? signal}`);
        resolve(JSON.parse(line));
      } catch (error) {
        reject(new Error(`${script} failed (${error.message}):\n${err.slice(-3000)}\n${out.slice(-1000)}`));
      }
    });
  });
}

// ---- /proc ----

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** RSS (bytes) and CPU seconds used so far by a process. */
export function procStats(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    return { rss, cpuSeconds };
  } catch {
    return { rss: NaN, cpuSeconds: NaN };
  }
}

/** CPU seconds one thread of a process has run so far (the main thread's id is the process's), to the nanosecond (schedstat). */
export function threadCpuSeconds(pid, tid = pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return NaN;
  }
}

// ---- statistics ----

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
export function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}
export const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
export const round = (value, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);
export const ms = (value) =>
  Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : String(value);
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

// ---- output ----

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    pinning: pinning(),
  };
}

/** A Markdown table; `rows` are arrays of cells. */
export function table(headers, rows) {
  const widths = headers.map((header, i) => Math.max(String(header).length, ...rows.map((row) => String(row[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Writes bench/results/<name>-<time>.json and <name>-latest.json; returns the path of the latter. */
export function writeResult(name, result) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const body = JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine: machine(), ...result }, null, 2);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}-${stamp}.json`), body);
  const latest = path.join(RESULTS_DIR, `${name}-latest.json`);
  fs.writeFileSync(latest, body);
  return latest;
}

/** The last line every benchmark prints: where its JSON went (the smoke test reads it). */
export function announce(file) {
  console.log(`RESULT ${file}`);
}
