import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './api-process';
import type { AppointmentResponse, AuthResponse, FindPatientsResponse } from '@telehealth/contracts';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm start`'s launcher, API only, with no DATABASE_URL: the embedded default. */
async function startProduct(dataDir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, API_PORT: String(port), NODE_ENV: 'development' };
  for (const name of ['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL', 'EMBEDDED_DB_DIR', 'SEED_DEMO']) delete env[name];
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--no-web'], { cwd: dataDir, env });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Telehealth is running')) {
    if (child.exitCode !== null) throw new Error(`the product exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the product did not start within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, output: () => output };
}

async function stopProduct(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/**
 * The embedded server accepts any user name and password, so it must not be reachable by
 * anyone else on the machine: no TCP port of its own, only a unix socket in a 0700 folder.
 */
function expectDatabaseClosedToOthers(pid: number, apiPort: number, dataDir: string): void {
  // The launcher and everything it started (the API runs as its child).
  const parents = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parents) if (tree.has(parent) && !tree.has(child)) grew = Boolean(tree.add(child));
  }
  const listening = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => [...tree].some((member) => line.includes(`pid=${member},`)))
    .map((line) => Number(line.trim().split(/\s+/)[3]?.split(':').pop()));
  expect(listening).toEqual([apiPort]);
  const socketDir = path.join(dataDir, 'run');
  expect(fs.statSync(socketDir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.join(socketDir, '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);
  // Another local account (as the attack did with `psql postgresql://nobody@127.0.0.1:<port>`).
  if (process.getuid?.() === 0 && spawnSync('which', ['psql']).status === 0) {
    fs.chmodSync(dataDir, 0o755);
    const other = spawnSync(
      'runuser',
      ['-u', 'nobody', '--', 'psql', `host=${socketDir} user=postgres dbname=postgres`, '-c', 'SELECT email FROM users'],
      { encoding: 'utf8' },
    );
    expect(other.status).not.toBe(0);
    expect(`${other.stdout}${other.stderr}`).toMatch(/Permission denied/);
  }
}

describe('npm start on the embedded default database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-embedded-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, seeds the demo accounts, lets the demo doctor schedule a visit, and keeps it across a restart', async () => {
    const port = await freePort();
    const api = `http://127.0.0.1:${port}/api`;
    const first = await startProduct(dataDir, port);
    let visitId: string;
    try {
      expect(first.output()).toContain('doctor@demo.test');
      const health = await (await fetch(`${api}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: 'up' });

      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'doctor@demo.test', password: 'demo-password' }),
      });
      expect(login.status).toBe(200);
      const { accessToken, user } = (await login.json()) as AuthResponse;
      expect(user).toMatchObject({ role: 'DOCTOR' });
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` };

      const patients = (await (await fetch(`${api}/patients?query=patient@demo.test`, { headers })).json()) as FindPatientsResponse;
      expect(patients.items).toHaveLength(1);
      const startsAt = new Date(Date.now() + 60 * 60_000).toISOString();
      const created = await fetch(`${api}/appointments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ patientId: patients.items[0]!.id, startsAt, durationMinutes: 30, reason: 'First visit' }),
      });
      expect(created.status).toBe(201);
      const visit = (await created.json()) as AppointmentResponse;
      visitId = visit.id;
      expect(visit).toMatchObject({ status: 'SCHEDULED', roomId: expect.any(String), sessionId: expect.any(String) });

      // Many requests at once, as a busy dashboard makes them: the embedded server answers every one.
      const burst = await Promise.all(
        Array.from({ length: 24 }, (_, index) =>
          fetch(`${api}/${index % 2 ? 'appointments' : 'me'}`, { headers }).then((response) => response.status),
        ),
      );
      expect(burst).toEqual(Array.from({ length: 24 }, () => 200));

      // The visit's report: with the embedded database the API reads the visit for the worker that renders it.
      const report = await fetch(`${api}/sessions/${visit.sessionId}/report.pdf`, { headers });
      expect(report.status).toBe(200);
      const pdf = Buffer.from(await report.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      const clash = await fetch(`${api}/appointments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ patientId: patients.items[0]!.id, startsAt, durationMinutes: 15, reason: 'Overlap' }),
      });
      expect(clash.status).toBe(409);

      expectDatabaseClosedToOthers(first.child.pid!, port, dataDir);
    } finally {
      expect(await stopProduct(first.child)).toBe(0);
    }
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);

    const second = await startProduct(dataDir, port);
    try {
      expect(second.output()).not.toContain('seeded demo accounts');
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'doctor@demo.test', password: 'demo-password' }),
      });
      const { accessToken } = (await login.json()) as AuthResponse;
      const visit = await fetch(`${api}/appointments/${visitId}`, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(visit.status).toBe(200);
    } finally {
      expect(await stopProduct(second.child)).toBe(0);
    }
  }, 180_000);
});
