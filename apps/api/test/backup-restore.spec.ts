import { ZSessionDetailResponseSchema, ZSessionPageSchema } from '@telehealth/contracts';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { applyMigrations } from '../src/database/migrator';
import { ClientSocket, connectSignaling, holdVisit } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TEST_PASSWORD, TestApp, TestUser, visitStartingNow } from './test-app';
import { createDatabase, dropDatabase, onServer } from './test-database';

const run = promisify(execFile);

const CHAT_LINE = 'The rash on my arm is smaller since Monday.';
const NOTES = 'Contact dermatitis, improving. Hydrocortisone 1% for five more days.';

/**
 * The pg client tool of the server's major version (README's backup uses the postgres container's
 * own): Debian keeps each version's tools in /usr/lib/postgresql/<major>/bin, the PATH has one of them.
 */
async function pgTool(name: 'pg_dump' | 'pg_restore'): Promise<string> {
  const major = await onServer(async (client) => {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
  });
  const versioned = `/usr/lib/postgresql/${major}/bin/${name}`;
  if (existsSync(versioned)) return versioned;
  const { stdout } = await run(name, ['--version']);
  const toolMajor = Number(/\s(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
  if (toolMajor !== major)
    throw new Error(`${name} on the PATH is version ${toolMajor}, the server ${major}: install postgresql-client-${major}`);
  return name;
}

describe('backup and restore (pg_dump -Fc, pg_restore into a fresh database, the API on it)', () => {
  const stamp = `${Date.now()}_${process.pid}`;
  const sourceName = `telehealth_backup_source_${stamp}`;
  const restoredName = `telehealth_backup_restored_${stamp}`;
  const workDir = mkdtempSync(path.join(tmpdir(), 'telehealth-backup-'));
  const dumpFile = path.join(workDir, 'telehealth.dump');
  const apps: TestApp[] = [];
  const sockets: ClientSocket[] = [];

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const app of apps.splice(0)) await app.close();
    await dropDatabase(sourceName);
    await dropDatabase(restoredName);
    rmSync(workDir, { recursive: true, force: true });
  });

  async function connect(testApp: TestApp, user: TestUser): Promise<ClientSocket> {
    const socket = await connectSignaling(testApp.url, user.token, { doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  /** The visit as sessions.spec.ts runs it: the patient waits, the doctor joins, one chat line, the doctor ends it. */
  async function runVisit(testApp: TestApp, roomId: string, doctor: TestUser, patient: TestUser): Promise<void> {
    const [patientSocket, doctorSocket] = [await connect(testApp, patient), await connect(testApp, doctor)];
    await holdVisit({ roomId, doctorSocket, patientSocket, chatLine: CHAT_LINE });
    for (const socket of sockets.splice(0)) socket.close();
  }

  it('restores a dump into a fresh database, where the API serves the same history to the same doctor', async () => {
    // A clinic's database with a finished visit in it (its own, migrated as the compose migration job does).
    const sourceUrl = await createDatabase(sourceName);
    await applyMigrations(sourceUrl);
    const source = await startTestApp({ DATABASE_URL: sourceUrl }, { listen: true });
    apps.push(source);
    const { doctor, patient, appointment } = await visitStartingNow(source, 'Rash on the forearm');
    await runVisit(source, appointment.roomId, doctor, patient);
    await source.http
      .put(`/api/sessions/${appointment.sessionId}/notes`)
      .set(bearer(doctor))
      .send({ body: NOTES, baseVersion: 0 })
      .expect(200);

    // The bodies as served (compared whole after the restore), and what they must hold.
    const historyBefore: unknown = (await source.http.get('/api/sessions').set(bearer(doctor)).expect(200)).body;
    const recordBefore: unknown = (await source.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(doctor)).expect(200)).body;
    const patientRecordBefore: unknown = (await source.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(patient)).expect(200))
      .body;
    const history = ZSessionPageSchema.parse(historyBefore);
    expect(history.items.map((item) => [item.id, item.status, item.appointmentStatus, item.hasNotes])).toEqual([
      [appointment.sessionId, 'ENDED', 'COMPLETED', true],
    ]);
    const record = ZSessionDetailResponseSchema.parse(recordBefore);
    expect(record.chat.map((line) => line.body)).toEqual([CHAT_LINE]);
    expect(record.notes?.body).toBe(NOTES);
    expect(record.timeline.map((entry) => entry.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED', 'ENDED']);

    // The backup, taken while the API runs (README: docker compose exec -T postgres pg_dump -Fc …).
    await run(await pgTool('pg_dump'), ['--format=custom', '--file', dumpFile, '--dbname', sourceUrl]);
    expect(statSync(dumpFile).size).toBeGreaterThan(0);
    await source.close();
    apps.splice(apps.indexOf(source), 1);

    // The restore: a fresh, empty database, then the API started on it (no migration needed: the dump has the schema).
    const restoredUrl = await createDatabase(restoredName);
    await run(await pgTool('pg_restore'), ['--exit-on-error', '--no-owner', '--dbname', restoredUrl, dumpFile]);
    const restored = await startTestApp({ DATABASE_URL: restoredUrl });
    apps.push(restored);

    // The same doctor: the token from before the backup still holds (same JWT_SECRET), and the password signs in.
    expect((await restored.http.get('/api/sessions').set(bearer(doctor)).expect(200)).body).toEqual(historyBefore);
    const login = await restored.http.post('/api/auth/login').send({ email: doctor.email, password: TEST_PASSWORD }).expect(200);
    const doctorAgain = { token: (login.body as { accessToken: string }).accessToken };
    expect((await restored.http.get('/api/sessions').set(bearer(doctorAgain)).expect(200)).body).toEqual(historyBefore);
    expect((await restored.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(doctorAgain)).expect(200)).body).toEqual(
      recordBefore,
    );
    expect((await restored.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(patient)).expect(200)).body).toEqual(
      patientRecordBefore,
    );

    // And it goes on from there: a new booking is written, and the audit chain runs unbroken across the restore.
    await restored.http
      .post('/api/appointments')
      .set(bearer(doctorAgain))
      .send({ patientId: patient.id, startsAt: minutesFromNow(24 * 60), durationMinutes: 30, reason: 'Check the rash again' })
      .expect(201);
    const admin = await signedInUser(restored, 'ADMIN');
    const verified = await restored.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
    expect(verified.body).toEqual({ intact: true, rows: expect.any(Number) });
  });
});
