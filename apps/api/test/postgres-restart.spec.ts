import { execFileSync } from 'node:child_process';
import { applyMigrations } from '../src/database/migrator';
import { freePort } from './api-process';
import { pause } from './signaling-client';
import { signedInUser, startTestApp } from './test-app';

const VERSION = process.env.TEST_POSTGRES_VERSION ?? execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0]!;

/** A PostgreSQL cluster of this test's own (pg_createcluster), so it can be stopped and started without touching the shared server. */
function cluster(name: string, port: number) {
  const run = (command: string, ...args: string[]) => execFileSync(command, args, { stdio: 'pipe' });
  return {
    create: () => run('pg_createcluster', VERSION, name, '-p', String(port), '--', '--auth=trust'),
    start: () => run('pg_ctlcluster', '--skip-systemctl-redirect', VERSION, name, 'start'),
    stop: () => run('pg_ctlcluster', '--skip-systemctl-redirect', VERSION, name, 'stop', '-m', 'fast'),
    drop: () => run('pg_dropcluster', '--stop', VERSION, name),
  };
}

const available = (() => {
  try {
    execFileSync('which', ['pg_createcluster']);
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
})();

(available ? describe : describe.skip)('PostgreSQL restarting under the API', () => {
  it('reports unhealthy while the database is down, then recovers without a restart of the API', async () => {
    const port = await freePort();
    const name = `telehealth_fault_${process.pid}`;
    const pg = cluster(name, port);
    pg.create();
    try {
      pg.start();
      const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
      await applyMigrations(url);
      const sut = await startTestApp({ DATABASE_URL: url });
      try {
        const patient = await signedInUser(sut, 'PATIENT');
        await sut.http.get('/api/health').expect(200);

        pg.stop();
        const down = await sut.http.get('/api/health').expect(503);
        expect(down.body).toMatchObject({ status: 'degraded', database: 'down' });
        const refused = await sut.http.get('/api/appointments').set('Authorization', `Bearer ${patient.token}`);
        expect(refused.status).toBe(503);
        expect(refused.body).toEqual({ error: expect.stringContaining('briefly unavailable'), code: 503, reason: 'service_unavailable' });

        pg.start();
        const deadline = Date.now() + 30_000;
        let status = 0;
        while (Date.now() < deadline && status !== 200) {
          status = (await sut.http.get('/api/health')).status;
          if (status !== 200) await pause(500);
        }
        expect(status).toBe(200);
        await sut.http.get('/api/appointments').set('Authorization', `Bearer ${patient.token}`).expect(200);
      } finally {
        await sut.close();
      }
    } finally {
      pg.drop();
    }
  }, 120_000);
});
