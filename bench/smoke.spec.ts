/**
 * Keeps the benchmarks from rotting: every script runs once with tiny numbers (a few rooms,
 * tens of sockets, a couple of reps) against the run's migrated database (TEST_DATABASE_URL),
 * and must produce sane results. The real numbers come from `npm run bench` (BENCHMARKS.md).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));

type Stats = { count: number; p50: number; p99: number; max: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each benchmark writes its own result shape
function runBenchmark(name: string, extra: string[] = [], timeoutMs = 90_000): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', `${name}.mjs`), '--smoke', ...extra], {
      cwd: ROOT,
      // Not pinned: a smoke run checks that the scripts work, not how fast; both cores start the servers sooner.
      env: { ...process.env, BENCH_RESULTS_DIR: RESULTS, BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL, BENCH_NO_PIN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const file = /^RESULT (.+)$/m.exec(out)?.[1];
      if (code !== 0 || !file) return reject(new Error(`bench/${name}.mjs exited ${code}\n${err.slice(-3000)}\n${out.slice(-2000)}`));
      resolve(JSON.parse(fs.readFileSync(file, 'utf8')));
    });
  });
}

function expectSane(stats: Stats, count?: number): void {
  if (count !== undefined) expect(stats.count).toBe(count);
  else expect(stats.count).toBeGreaterThan(0);
  for (const value of [stats.p50, stats.p99, stats.max]) {
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
  }
  expect(stats.p50).toBeLessThanOrEqual(stats.p99);
  expect(stats.p99).toBeLessThanOrEqual(stats.max);
}

describe('benchmarks (smoke: tiny numbers, sane results)', () => {
  afterAll(() => fs.rmSync(RESULTS, { recursive: true, force: true }));

  it('relay: every message of every room reaches exactly its addressee, two-person on all four servers (plain WebSocket included) and in a mesh of 4', async () => {
    const result = await runBenchmark('relay', [], 120_000);
    for (const mode of ['burst', 'spread']) {
      for (const key of ['gateway', 'bare', 'peerjs', 'plain', 'gatewayMesh4', 'bareMesh4']) {
        const s = result.summary[mode][key];
        expect(s.received).toBe(s.expected);
        expect(s.ackErrors).toBe(0);
        expect(s.warmUpAckErrors).toBe(0);
        expect({ duplicates: s.duplicates, misrouted: s.misrouted, wrongFrom: s.wrongFrom }).toEqual({
          duplicates: 0,
          misrouted: 0,
          wrongFrom: 0,
        });
        expectSane(s.pooled, s.expected);
      }
      expect(result.summary[mode].gatewayMesh4.sockets).toBe(result.args.meshRooms * 4);
      // Every person of a mesh was told of the three others (join acknowledgement and peer-joined).
      expect(result.summary[mode].gatewayMesh4.peerMismatches).toBe(0);
      for (const ratio of [
        'vsBare',
        'vsPeer',
        'meshVsPair',
        'bareMeshVsPair',
        'meshVsBare',
        'plainVsPeer',
        'plainVsBare',
        'plainVsGateway',
        'plainVsPeerNegotiation',
      ])
        expect(Number.isFinite(result.verdict[mode][ratio].median)).toBe(true);
    }
    // Both guests of every mesh room waited in the lobby until the doctor admitted them (the first run that joined the room).
    expect(result.admission.gatewayMesh4.admittedFromLobby).toBe(result.args.meshRooms * 2);
  }, 120_000);

  it('cross-node: the relay across two API processes sharing Redis', async () => {
    const result = await runBenchmark('cross-node');
    for (const key of ['single', 'singleRedis', 'cross']) {
      const s = result.summary.spread[key];
      expect(s.received).toBe(s.expected);
      expectSane(s.pooled, s.expected);
    }
    expect(Number.isFinite(result.verdict.spread.vsSingle.median)).toBe(true);
  }, 90_000);

  it('capacity: sockets in steps, with RSS, CPU and heartbeat latency per step', async () => {
    const result = await runBenchmark('capacity');
    expect(result.errors).toBe(0);
    expect(result.steps.map((step: { sockets: number }) => step.sockets)).toEqual(result.args.steps);
    for (const step of result.steps) {
      expect(step.heartbeatsReceived).toBeGreaterThan(0);
      expect(step.heartbeatsReceived).toBeLessThanOrEqual(step.heartbeatsSent);
      expectSane({ ...step, count: step.heartbeatsReceived });
      expect(step.rssMb).toBeGreaterThan(0);
      expect(Number.isFinite(step.serverCpu)).toBe(true);
    }
  }, 90_000);

  it('join: every join-room is acknowledged', async () => {
    const result = await runBenchmark('join');
    expect(result.errors).toBe(0);
    expectSane(result.stats, result.args.joins);
  }, 60_000);

  it('reports: the relay and health checks alone and while reports render, every report a PDF', async () => {
    const result = await runBenchmark('reports');
    for (const key of ['alone', 'reports']) {
      const s = result.summary.spread[key];
      expect(s.received).toBe(s.expected);
      expectSane(s.pooled, s.expected);
    }
    const verdict = result.verdict.spread;
    expect(Number.isFinite(verdict.vsAlone.median)).toBe(true);
    expect(verdict.reportsRendered).toBeGreaterThan(0);
    expect(verdict.reportsFailed).toBe(0);
    expect(verdict.healthFailed).toBe(0);
    expect(Number.isFinite(verdict.healthP99)).toBe(true);
  }, 90_000);

  it('api: appointment list and report', async () => {
    const result = await runBenchmark('api');
    for (const name of ['list upcoming', 'list past']) expectSane(result.results[name], result.args.requests);
    const report = result.results['report.pdf'];
    if (report.available === false) expect(report.reason).toMatch(/not available yet/);
    else expectSane(report, result.args.requests);
  }, 60_000);

  it('browser: Join click to first remote frame, both sides', async () => {
    const result = await runBenchmark('browser', ['--reps=1']);
    if (result.skipped) return; // no Chromium outside CI (browser.ts fails the run in CI instead)
    expect(result.reps).toHaveLength(1);
    for (const rep of result.reps) {
      for (const value of [rep.doctorMs, rep.patientMs, rep.bothMs]) expect(value).toBeGreaterThan(0);
      expect(rep.framesDecoded.every((frames: number) => frames > 0)).toBe(true);
    }
    // The floor beside it: a bare two-page WebRTC call on the same machine.
    expect(result.spike.reps).toHaveLength(1);
    for (const rep of result.spike.reps) for (const value of [rep.doctorMs, rep.patientMs, rep.bothMs]) expect(value).toBeGreaterThan(0);
  }, 90_000);

  it('page-weight: the visit page loaded cold, its scripts weighed, the device check timed', async () => {
    const result = await runBenchmark('page-weight', [], 90_000);
    if (result.skipped) return; // no Chromium outside CI
    for (const load of ['visit', 'link']) {
      const weighed = result.loads[load];
      expect(weighed.scriptCount).toBeGreaterThan(0);
      // Through npm start's front server: Next's scripts with Brotli.
      expect(weighed.encodings).toEqual(['br']);
      expect(weighed.scriptBytes).toBeGreaterThan(0);
      expect(weighed.scriptBytes).toBeLessThan(weighed.scriptDecodedBytes);
      // The device check shows on part of them; the call's code comes after, fetched for later.
      expect(weighed.toDeviceCheck.count).toBeGreaterThan(0);
      expect(weighed.afterDeviceCheck.count).toBeGreaterThan(0);
      expect(weighed.toDeviceCheck.bytes + weighed.afterDeviceCheck.bytes).toBe(weighed.scriptBytes);
      for (const profile of result.args.profiles) expect(weighed.byProfile[profile].deviceCheckMs.median).toBeGreaterThan(0);
    }
    expect(result.chunks[0].contents.length).toBeGreaterThan(0);
    // Zod stays on the server (issue 18).
    expect(result.kinds.map((kind: { kind: string }) => kind.kind)).not.toContain('zod');
  }, 90_000);
});
