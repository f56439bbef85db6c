import type { ErrorResponse, StaffListResponse, StaffMember } from '@telehealth/contracts';
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { hashPasswordToken } from '../src/auth/password-tokens';
import { CANNOT_DEACTIVATE_SELF, EMAIL_TAKEN } from '../src/staff/staff.service';
import { connectSignaling } from './signaling-client';
import { bearer, signedInUser, startTestApp, TEST_PASSWORD, TestApp, TestUser } from './test-app';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'apps/api/dist/cli/create-admin.js');
const PASSWORD = 'my own staff password';
const runFile = promisify(execFile);

/** Runs the built create-admin command (asynchronously: the test process may host its database). */
async function createAdmin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [CLI, ...args], {
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: '', WEB_ORIGIN: 'https://clinic.example', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * The embedded database served by another process, as while `npm start` runs (PGlite does not
 * start inside jest's module sandbox); resolves with its URL once it listens.
 */
async function embeddedDatabaseProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const module = path.join(ROOT, 'apps/api/dist/database/embedded-database.js');
  const script = `require(${JSON.stringify(module)}).startEmbeddedDatabase(${JSON.stringify(dataDir)}, 3).then((db) => {
    console.log(db.url);
    process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
  });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the database process exited (${code})`)));
  });
  return { url, child };
}

const linkToken = (text: string) => /https:\/\/clinic\.example\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('staff: invitations, the list, deactivation, and the first admin', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({ WEB_ORIGIN: 'https://clinic.example' }, { listen: true });
    admin = await signedInUser(sut, 'ADMIN');
  });
  afterAll(async () => {
    await sut.close();
  });

  async function invite(role: 'DOCTOR' | 'ADMIN' = 'DOCTOR'): Promise<{ member: StaffMember; token: string }> {
    const email = `staff-${randomUUID()}@test.example`;
    const response = await sut.http.post('/api/staff').set(bearer(admin)).send({ name: 'Dr. Ines Moreau', email, role }).expect(201);
    const message = await sut.prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email, kind: 'staff-invitation' } });
    expect(message.html).toContain('https://clinic.example/set-password?token=');
    return { member: response.body as StaffMember, token: linkToken(message.text)! };
  }

  it('invites a doctor whose emailed link sets the password once, within 72 hours', async () => {
    const { member, token } = await invite();
    expect(member).toMatchObject({ name: 'Dr. Ines Moreau', role: 'DOCTOR', status: 'invited', deactivatedAt: null });
    const row = await sut.prisma.passwordToken.findUniqueOrThrow({ where: { tokenHash: hashPasswordToken(token) } });
    expect(row).toMatchObject({ userId: member.id, purpose: 'INVITATION' });
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 72 * 3_600_000)).toBeLessThan(60_000);
    expect(await sut.prisma.user.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
      passwordHash: null,
      invitedById: admin.id,
    });
    // No password yet: nothing signs in.
    await sut.http.post('/api/auth/login').send({ email: member.email, password: PASSWORD }).expect(401);

    await sut.http.post('/api/auth/password/reset').send({ token, password: PASSWORD }).expect(204);
    const login = await sut.http.post('/api/auth/login').send({ email: member.email, password: PASSWORD }).expect(200);
    expect(login.body.user).toMatchObject({ id: member.id, role: 'DOCTOR' });
    await sut.http.post('/api/auth/password/reset').send({ token, password: 'another password!' }).expect(400);

    const list = (await sut.http.get('/api/staff').set(bearer(admin)).expect(200)).body as StaffListResponse;
    expect(list.items.find((item) => item.id === member.id)).toMatchObject({ status: 'active' });
    expect(list.items.every((item) => item.role === 'DOCTOR' || item.role === 'ADMIN')).toBe(true);
    const audit = await sut.prisma.auditLog.findMany({ where: { entityId: member.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['staff.invite', 'auth.password.reset']));
  });

  it('refuses an expired invitation', async () => {
    const { member, token } = await invite('ADMIN');
    await sut.prisma.passwordToken.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await sut.http.post('/api/auth/password/reset').send({ token, password: PASSWORD }).expect(400);
    const list = (await sut.http.get('/api/staff').set(bearer(admin)).expect(200)).body as StaffListResponse;
    expect(list.items.find((item) => item.id === member.id)).toMatchObject({ status: 'invited' });
  });

  it('refuses an email that already has an account with a 409 and a sentence', async () => {
    const patient = await signedInUser(sut, 'PATIENT');
    const response = await sut.http
      .post('/api/staff')
      .set(bearer(admin))
      .send({ name: 'Someone', email: patient.email.toUpperCase(), role: 'DOCTOR' })
      .expect(409);
    expect(response.body as ErrorResponse).toEqual({ error: EMAIL_TAKEN, code: 409, reason: 'conflict' });
  });

  it('deactivates a doctor at once (no sign-in, token refused, socket closed) and reactivates them, history kept', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const socket = await connectSignaling(sut.url, doctor.token, { doctor: true, reconnection: false });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const off = await sut.http.patch(`/api/staff/${doctor.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    expect(off.body).toMatchObject({ id: doctor.id, status: 'deactivated', deactivatedAt: expect.any(String) });
    expect(await closed).toBe('io server disconnect');
    await sut.http.get('/api/me').set(bearer(doctor)).expect(401);
    const refused = await sut.http.post('/api/auth/login').send({ email: doctor.email, password: TEST_PASSWORD }).expect(401);
    const wrong = await sut.http.post('/api/auth/login').send({ email: admin.email, password: 'not the password' }).expect(401);
    expect((refused.body as ErrorResponse).error.split('.')[0]).toBe((wrong.body as ErrorResponse).error.split('.')[0]);
    expect(Object.keys(refused.body as object).sort()).toEqual(Object.keys(wrong.body as object).sort());

    const on = await sut.http.patch(`/api/staff/${doctor.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    expect(on.body).toMatchObject({ status: 'active', deactivatedAt: null });
    await sut.http.post('/api/auth/login').send({ email: doctor.email, password: TEST_PASSWORD }).expect(200);
    // The token held before the deactivation stays revoked.
    await sut.http.get('/api/me').set(bearer(doctor)).expect(401);
    const actions = (await sut.prisma.auditLog.findMany({ where: { entityId: doctor.id } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.deactivate', 'staff.reactivate']));
  });

  it('does not let an admin deactivate themselves, and answers 404 for a patient or an unknown id', async () => {
    const response = await sut.http.patch(`/api/staff/${admin.id}`).set(bearer(admin)).send({ active: false }).expect(403);
    expect((response.body as ErrorResponse).error).toBe(CANNOT_DEACTIVATE_SELF);
    const patient = await signedInUser(sut, 'PATIENT');
    await sut.http.patch(`/api/staff/${patient.id}`).set(bearer(admin)).send({ active: false }).expect(404);
    await sut.http.patch(`/api/staff/${randomUUID()}`).set(bearer(admin)).send({ active: false }).expect(404);
    await sut.http.patch('/api/staff/not-an-id').set(bearer(admin)).send({ active: false }).expect(404);
    await sut.http.get('/api/me').set(bearer(patient)).expect(200);
  });

  describe('npm run create-admin', () => {
    let dir: string;

    beforeAll(() => {
      const build = spawnSync('npx', ['tsc', '-b', 'apps/api/tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
      if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-admin-'));
    }, 240_000);
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('creates an admin on DATABASE_URL whose printed link sets the password, and refuses the same email again', async () => {
      const email = `first-admin-${randomUUID()}@test.example`;
      const created = await createAdmin(['--email', email, '--name', 'Ada Admin'], { DATABASE_URL: process.env.TEST_DATABASE_URL! });
      expect(created).toMatchObject({ code: 0 });
      const token = linkToken(created.stdout)!;
      expect(token).toBeDefined();
      await sut.http.post('/api/auth/password/reset').send({ token, password: PASSWORD }).expect(204);
      const login = await sut.http.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
      expect(login.body.user).toMatchObject({ role: 'ADMIN', name: 'Ada Admin' });
      const audit = await sut.prisma.auditLog.findFirstOrThrow({ where: { entityId: login.body.user.id, action: 'staff.admin-created' } });
      expect(audit.actorId).toBeNull();

      const again = await createAdmin(['--email', email.toUpperCase(), '--name', 'Someone'], {
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`An account with the email ${email} already exists`);
    }, 60_000);

    it('creates an admin on a fresh embedded data folder, then through the running database’s socket, and refuses a duplicate', async () => {
      const env = { EMBEDDED_DB_DIR: path.join(dir, 'pglite') };
      const fresh = await createAdmin(['--email', 'owner@clinic.example', '--name', 'Olga Owner'], env);
      expect(fresh).toMatchObject({ code: 0 });
      expect(fresh.stdout).toContain('created in the embedded database');
      expect(linkToken(fresh.stdout)).toBeDefined();
      expect((await createAdmin(['--email', 'owner@clinic.example', '--name', 'Olga'], env)).code).toBe(1);

      // As while `npm start` runs: the database is open in another process, listening on its socket.
      const running = await embeddedDatabaseProcess(env.EMBEDDED_DB_DIR);
      try {
        const second = await createAdmin(['--email', 'second@clinic.example', '--name', 'Sam Second'], env);
        expect(second).toMatchObject({ code: 0 });
        expect(second.stdout).toContain("the running API's embedded database");
        const duplicate = await createAdmin(['--email', 'second@clinic.example', '--name', 'Sam'], env);
        expect(duplicate.code).toBe(1);
        const client = new Client({ connectionString: running.url });
        await client.connect();
        const { rows } = await client.query<{ email: string; role: string; password_hash: string | null }>(
          `SELECT email, role::text, password_hash FROM users ORDER BY email`,
        );
        await client.end();
        expect(rows).toEqual([
          { email: 'owner@clinic.example', role: 'ADMIN', password_hash: null },
          { email: 'second@clinic.example', role: 'ADMIN', password_hash: null },
        ]);
      } finally {
        const exited = new Promise((resolve) => running.child.once('exit', resolve));
        running.child.kill('SIGTERM');
        await exited;
      }
    }, 120_000);

    it('refuses a missing or bad email with a sentence', async () => {
      const result = await createAdmin(['--name', 'No Email'], { EMBEDDED_DB_DIR: path.join(dir, 'unused') });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^--email .*Usage: npm run create-admin/);
      expect(fs.existsSync(path.join(dir, 'unused'))).toBe(false);
    });
  });
});
