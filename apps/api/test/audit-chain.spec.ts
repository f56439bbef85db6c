import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { auditVerifyCommand } from '../src/cli/audit-verify';
import { AuditService } from '../src/audit/audit.service';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

/** Runs SQL on the run's database as the superuser, outside the API (what a tamperer would do). */
async function onDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('audit log: security events and a tamper-evident hash chain (real database)', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await signedInUser(sut, 'ADMIN');
  });
  afterAll(async () => {
    await sut.close();
  });

  it('chains rows written at once by two API processes without forking or gaps', async () => {
    const other = await startTestApp();
    try {
      const marker = `chain-test-${randomUUID()}`;
      await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          (index % 2 ? other : sut).app
            .get(AuditService)
            .record({ actorId: null, action: 'test.write', entityType: 'test', entityId: `${marker}-${index}` }),
        ),
      );
      const rows = await sut.prisma.auditLog.findMany({ where: { entityId: { startsWith: marker } }, orderBy: { seq: 'asc' } });
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((row) => row.seq)).size).toBe(200);
      const verified = await sut.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
      expect(verified.body).toEqual({ intact: true, rows: expect.any(Number) });
      expect(verified.body.rows).toBeGreaterThanOrEqual(200);
      const { max, count } = (
        await onDatabase((client) =>
          client.query<{ max: string; count: string }>('SELECT max(seq)::text AS max, count(*)::text AS count FROM audit_logs'),
        )
      ).rows[0]!;
      expect(max).toBe(count);
    } finally {
      await other.close();
    }
  });

  it('reports a row changed behind its back at that row, by the endpoint and by the CLI, and intact again once restored', async () => {
    const email = `tamper-${randomUUID()}@test.example`;
    await sut.http.post('/api/auth/register').send({ email, password: 'a long enough password', name: 'T' }).expect(202);
    const user = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    const row = await sut.prisma.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'auth.register' } });
    // More rows after it, so the broken link is in the middle of the chain.
    await sut.http.get('/api/me').set(bearer(admin)).expect(200);
    await sut.app.get(AuditService).record({ actorId: null, action: 'test.after', entityType: 'test' });

    await onDatabase((client) => client.query(`UPDATE audit_logs SET ip = '198.51.100.1' WHERE id = $1`, [row.id]));
    try {
      const verified = await sut.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
      expect(verified.body).toEqual({
        intact: false,
        rows: expect.any(Number),
        firstBrokenId: row.id,
        firstBrokenAt: row.occurredAt.toISOString(),
      });
      const cli = await auditVerifyCommand(process.env.TEST_DATABASE_URL!);
      expect(cli.exitCode).toBe(1);
      expect(cli.output).toContain(`audit log broken at row ${row.id} (${row.occurredAt.toISOString()})`);
    } finally {
      await onDatabase((client) => client.query(`UPDATE audit_logs SET ip = $2 WHERE id = $1`, [row.id, row.ip]));
    }
    const cli = await auditVerifyCommand(process.env.TEST_DATABASE_URL!);
    expect(cli).toEqual({ exitCode: 0, output: expect.stringMatching(/^audit log intact: \d+ rows$/) });
  });

  it('reports a removed row at the row after the gap', async () => {
    const service = sut.app.get(AuditService);
    const marker = `removed-${randomUUID()}`;
    for (const step of ['a', 'b', 'c'])
      await service.record({ actorId: null, action: 'test.removal', entityType: 'test', entityId: `${marker}-${step}` });
    const [, removed, after] = await sut.prisma.auditLog.findMany({ where: { entityId: { startsWith: marker } }, orderBy: { seq: 'asc' } });
    if (!removed || !after) throw new Error('expected three audit rows');
    await onDatabase((client) => client.query('DELETE FROM audit_logs WHERE id = $1', [removed.id]));
    try {
      const verified = await sut.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
      expect(verified.body).toMatchObject({ intact: false, firstBrokenId: after.id });
    } finally {
      // Put it back exactly as it was, past the trigger, so the run's shared log is whole again.
      await onDatabase(async (client) => {
        await client.query(`SET session_replication_role = replica`);
        await client.query(
          `INSERT INTO audit_logs (id, seq, hash, actor_id, action, entity_type, entity_id, ip, detail, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            removed.id,
            removed.seq.toString(),
            removed.hash,
            removed.actorId,
            removed.action,
            removed.entityType,
            removed.entityId,
            removed.ip,
            removed.detail,
            removed.occurredAt,
          ],
        );
      });
    }
    expect((await sut.http.get('/api/audit/verify').set(bearer(admin)).expect(200)).body).toMatchObject({ intact: true });
  });

  it("records a signed-in caller's 403 and 404 answers on protected records, but not anonymous unknown paths", async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const stranger = await signedInUser(sut, 'PATIENT');
    const created = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({
        patientId: patient.id,
        startsAt: minutesFromNow(60 * 24 * 40 + Math.floor(Math.random() * 10_000)),
        durationMinutes: 15,
        reason: 'Audit',
      })
      .expect(201);
    await sut.http.get(`/api/appointments/${created.body.id}`).set(bearer(stranger)).expect(404);
    await sut.http.get('/api/patients?query=a').set(bearer(stranger)).expect(403);
    const anonymousPath = `/api/nothing-${randomUUID()}`;
    await sut.http.get(anonymousPath).expect(404);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const rows = await sut.prisma.auditLog.findMany({ where: { actorId: stranger.id }, orderBy: { seq: 'asc' } });
    expect(rows.map(({ action, entityType, entityId, detail }) => ({ action, entityType, entityId, detail }))).toEqual(
      expect.arrayContaining([
        {
          action: 'access.not-found',
          entityType: 'route',
          entityId: `/api/appointments/${created.body.id}`,
          detail: { method: 'GET', route: '/api/appointments/:id', status: 404 },
        },
        {
          action: 'access.forbidden',
          entityType: 'route',
          entityId: '/api/patients',
          detail: { method: 'GET', route: '/api/patients', status: 403 },
        },
      ]),
    );
    expect(await sut.prisma.auditLog.count({ where: { entityId: anonymousPath } })).toBe(0);
  });

  it('records throttled sign-ins', async () => {
    const throttled = await startTestApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '1' });
    try {
      const email = `throttled-${randomUUID()}@test.example`;
      const address = `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}`;
      await throttled.http.post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password: 'wrong one' }).expect(401);
      await throttled.http.post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password: 'wrong two' }).expect(429);
      const rows = await throttled.prisma.auditLog.findMany({ where: { ip: address }, orderBy: { seq: 'asc' } });
      expect(rows.map((row) => [row.action, row.actorId])).toEqual([
        ['auth.sign-in.failed', null],
        ['auth.sign-in.throttled', null],
      ]);
    } finally {
      await throttled.close();
    }
  });
});
