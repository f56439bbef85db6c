import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../apps/api/test/free-port';
import { createDatabase, dropDatabase } from '../../apps/api/test/test-database';
import { ROOT } from './stack';

export interface LaunchedProduct {
  /** The front server's port (WEB_PORT): the one address browsers open. */
  port: number;
  /** The API's own port, which the launcher keeps on this machine. */
  apiPort: number;
  /** The product's own database (the API migrated and seeded it). */
  databaseUrl: string;
  dataDir: string;
  output(): string;
  /** SIGTERM to the launcher, as Ctrl+C: resolves with its exit code once every process it started is gone. */
  stop(): Promise<number | null>;
}

/** Every process below `pid` (the launcher's children and theirs), from `ps`. */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of rows) if (found.has(parent) && !found.has(child)) grew = Boolean(found.add(child));
  }
  found.delete(pid);
  return [...found];
}

/** Whether `pid` still runs: not gone, and not a zombie (dead, waiting for a parent to reap it). */
function alive(pid: number): boolean {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

/**
 * `npm start` as a person runs it, minus the build (`npm test` has built already): the real
 * launcher (scripts/start.mjs) with its front server, API and web app, on a database of its own
 * (made here, seeded with the demo accounts by the API, dropped by `stop`), the test Redis under
 * its own key prefix, free ports and a fresh data folder. `settings` adds to its environment.
 */
export async function launchProduct(databaseName: string, settings: Record<string, string> = {}): Promise<LaunchedProduct> {
  const [databaseUrl, port, apiPort] = await Promise.all([createDatabase(databaseName), freePort(), freePort()]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-launch-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'true',
    WEB_PORT: String(port),
    API_PORT: String(apiPort),
    DATA_DIR: dataDir,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Sign-in limits count by address: this run's counters are its own.
    REDIS_KEY_PREFIX: `telehealth-launch:${randomUUID().slice(0, 8)}:`,
    // The run's specs share one PostgreSQL server: this product sends no email.
    OUTBOX_WORKER: 'false',
    ...settings,
  };
  // As on a clone with no .env: nothing fixes the origins, the secrets come from the data folder.
  // (Empty, not deleted: a developer's own .env must not fill them in either.)
  for (const name of ['PUBLIC_API_URL', 'NEXTAUTH_URL', 'API_URL', 'WEB_ORIGIN', 'PUBLIC_ORIGIN', 'TRUST_PROXY', 'API_HOST', 'WEB_HOST']) {
    env[name] ??= '';
  }
  for (const name of ['NODE_ENV', 'JWT_SECRET', 'NEXTAUTH_SECRET', 'EMBEDDED_DB_DIR', 'WEB_INTERNAL_PORT']) delete env[name];

  const launcher: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env });
  let output = '';
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started: number[] = [];

  let stopped: Promise<number | null> | null = null;
  const stop = (): Promise<number | null> => (stopped ??= stopOnce());
  const stopOnce = async (): Promise<number | null> => {
    started.push(...descendants(launcher.pid!));
    const exited =
      launcher.exitCode !== null
        ? Promise.resolve(launcher.exitCode)
        : new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGTERM');
    const code = await exited;
    const left = [...new Set(started)].filter(alive);
    // Nothing the launcher started may outlive it; kill stragglers so the run goes on, then say so.
    const what = left.length > 0 ? spawnSync('ps', ['-o', 'pid,ppid,stat,args', '-p', left.join(',')], { encoding: 'utf8' }).stdout : '';
    for (const pid of left) process.kill(pid, 'SIGKILL');
    await dropDatabase(databaseName);
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`processes outlived the launcher:\n${what}\n${output}`);
    return code;
  };

  const deadline = Date.now() + 90_000;
  while (!output.includes('Telehealth is running')) {
    if (launcher.exitCode !== null || Date.now() > deadline) {
      await stop().catch(() => undefined);
      throw new Error(`the launcher ${launcher.exitCode !== null ? 'exited' : 'did not start within 90 s'}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  started.push(...descendants(launcher.pid!));
  return { port, apiPort, databaseUrl, dataDir, output: () => output, stop };
}
