// The servers under test, each its own process pinned to core 0, all on 127.0.0.1.
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, LOOPBACK, pinsTo, procStats, ROOT, sleep, spawnTracked, stopChild, waitFor } from './common.mjs';
import { JWT_SECRET } from './fixtures.mjs';

function collect(child) {
  let log = '';
  const add = (chunk) => {
    log += chunk;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => log;
}

/**
 * Every server process preloads lib/gc-probe.cjs (a full collection on request: `collectGarbage()`).
 * BENCH_PROFILE_DIR=/tmp/prof writes a V8 CPU profile of every server process when it stops;
 * BENCH_LOOP_PROBE_DIR=/tmp/loop logs its event-loop stalls and long collections (lib/loop-probe.cjs);
 * BENCH_NODE_FLAGS="--trace-gc …" adds Node.js or V8 flags that NODE_OPTIONS refuses, for an experiment.
 */
const probeFlags = () => [
  '--expose-gc',
  '--require',
  path.join(ROOT, 'bench/lib/gc-probe.cjs'),
  ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : []),
  ...(process.env.BENCH_LOOP_PROBE_DIR ? ['--require', path.join(ROOT, 'bench/lib/loop-probe.cjs')] : []),
  ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
];

const { apiNodeFlags, cpusOfThisHost } = createRequire(import.meta.url)('../../scripts/api-node-flags.cjs');
/**
 * The Node.js flags of a server on `core`, as the API picks them for the CPUs it has (one, when
 * pinned: --single-threaded-gc). The bare relay and the PeerJS server get the same: on the same
 * core, the comparison is of the servers, not of the garbage collector's mode.
 */
const runtimeFlags = (core) => apiNodeFlags(pinsTo(core) ? 1 : cpusOfThisHost());

/**
 * Collects the server's garbage fully (lib/gc-probe.cjs) and resolves to its live heap then
 * ({ heapUsed, external } in bytes), or null when the server did not answer in time.
 */
async function collectGarbage(child, logs) {
  const seen = logs().split('GC-PROBE ').length;
  process.kill(child.pid, 'SIGUSR2');
  // A heap snapshot (BENCH_HEAP_DIR, see gc-probe.cjs) of a few hundred MB takes a minute or more to write.
  const deadline = Date.now() + (process.env.BENCH_HEAP_DIR ? 600_000 : 15_000);
  while (Date.now() < deadline) {
    const parts = logs().split('GC-PROBE ');
    if (parts.length > seen) return JSON.parse(parts.at(-1).split('\n')[0]);
    await sleep(50);
  }
  return null;
}

function handle(name, child, url, logs) {
  return {
    name,
    child,
    url,
    pid: child.pid,
    logs,
    stats: () => procStats(child.pid),
    collectGarbage: () => collectGarbage(child, logs),
    stop: () => stopChild(child),
  };
}

/** The real built API (apps/api/dist/main.js): authenticated, validated, rate-limited. */
export async function startApi({ databaseUrl, redisUrl, core = 0, env = {} } = {}) {
  const port = await freePort();
  const child = spawnTracked(core, [...runtimeFlags(core), ...probeFlags(), path.join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      API_PORT: String(port),
      API_HOST: LOOPBACK,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl ?? '',
      JWT_SECRET,
      SEED_DEMO: 'false',
      ...env,
    },
  });
  const logs = collect(child);
  const url = `http://${LOOPBACK}:${port}`;
  await waitFor(
    async () => {
      const response = await fetch(`${url}/api/health`);
      if (response.status !== 200) return false;
      return !redisUrl || (await response.json()).redis === 'up';
    },
    { what: 'API', child, logs, timeoutMs: 60_000 },
  );
  return handle(redisUrl ? 'gateway+redis' : 'gateway', child, url, logs);
}

/** Bare Socket.IO relay: the same socket.io 4.8.3 and options, no auth, no validation. */
export async function startBareRelay({ core = 0, env = {} } = {}) {
  const port = await freePort();
  const child = spawnTracked(
    core,
    [...runtimeFlags(core), ...probeFlags(), path.join(ROOT, 'bench/servers/bare-relay.mjs'), String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  const logs = collect(child);
  const url = `http://${LOOPBACK}:${port}`;
  await waitFor(async () => (await fetch(`${url}/health`)).status === 200, { what: 'bare relay', child, logs });
  return handle('bare Socket.IO', child, url, logs);
}

/** The PeerJS server (`peer` 1.0.2): plain WebSocket at /peerjs. */
export async function startPeerServer({ core = 0 } = {}) {
  const port = await freePort();
  const child = spawnTracked(
    core,
    [...runtimeFlags(core), ...probeFlags(), path.join(ROOT, 'bench/servers/peer-server.mjs'), String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs = collect(child);
  const url = `http://${LOOPBACK}:${port}`;
  await waitFor(async () => (await fetch(`${url}/peerjs/id`)).status === 200, { what: 'PeerJS server', child, logs });
  return handle('PeerJS server', child, url, logs);
}
