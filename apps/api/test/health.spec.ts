import { startTestApp, TestApp } from './test-app';

describe('GET /api/health', () => {
  it('reports the service, the server time and a reachable database', async () => {
    const sut: TestApp = await startTestApp();
    try {
      const response = await sut.http.get('/api/health').expect(200);
      expect(response.body).toEqual({
        service: 'telehealth-api',
        status: 'ok',
        server_time: expect.any(String),
        database: 'up',
        redis: 'not-configured',
      });
      expect(Math.abs(Date.parse(response.body.server_time) - Date.now())).toBeLessThan(60_000);
    } finally {
      await sut.close();
    }
  });

  it('answers 503 with database "down" when PostgreSQL cannot be reached', async () => {
    // Same app, pointed at a port where no PostgreSQL listens.
    const sut = await startTestApp({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' });
    try {
      const response = await sut.http.get('/api/health').expect(503);
      expect(response.body).toMatchObject({ status: 'degraded', database: 'down' });
    } finally {
      await sut.close();
    }
  });

  it('reports Redis when REDIS_URL is set', async () => {
    const sut = await startTestApp({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
    try {
      const response = await sut.http.get('/api/health').expect(200);
      expect(response.body.redis).toBe('up');
    } finally {
      await sut.close();
    }
  });
});
