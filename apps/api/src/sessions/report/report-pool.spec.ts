import { createServer } from 'node:net';
import { toErrorResponse } from '../../common/error-response.filter';
import { ReportRenderPool } from './report-pool';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the report workers', () => {
  it('answer 503 with the database sentence when the database cannot be reached from the worker', async () => {
    const pool = new ReportRenderPool({
      workers: 1,
      queueSize: 0,
      timeoutMs: 20_000,
      databaseUrl: `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`,
    });
    try {
      const failure = await pool
        .render({
          sessionId: '00000000-0000-4000-8000-000000000000',
          withNotes: false,
          viewer: { id: '00000000-0000-4000-8000-000000000001', name: 'Ana', timeZone: 'UTC', language: 'en' },
          clinicName: 'Clinic',
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(toErrorResponse(failure)).toEqual({
        error: expect.stringContaining('briefly unavailable'),
        code: 503,
        reason: 'service_unavailable',
      });
    } finally {
      await pool.close();
    }
  }, 30_000);
});
