import { bearer, signedInUser, startTestApp, TestApp } from './test-app';

describe('the error shape (REST, real database)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const response = await sut.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(response.body).toEqual({ error: 'The request body is not valid JSON.', code: 400, reason: 'validation_failed' });
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await sut.http.get('/api/no-such-thing').expect(404);
    expect(response.body).toEqual({ error: expect.any(String), code: 404, reason: 'not_found' });
    await sut.http.delete('/api/appointments').expect(404);
  });

  it('refuses an oversized body with 413 and no stack trace', async () => {
    const response = await sut.http
      .post('/api/auth/register')
      .send({ email: 'big@test.example', password: 'x'.repeat(200_000), name: 'Big' })
      .expect(413);
    expect(response.body).toEqual({ error: 'The request body is too large.', code: 413, reason: 'payload_too_large' });
  });

  it('never shows internals when the database fails under a request', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const broken = await sut.http.get('/api/appointments').query({ page: '99999999999999999999' }).set(bearer(doctor));
    expect(broken.status).toBeLessThan(500);
    expect(JSON.stringify(broken.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(Object.keys(broken.body).sort()).toEqual(['code', 'error', 'reason']);
  });
});

describe('HTTP hardening', () => {
  it('sends security headers, a request id, and CORS only to the web origin', async () => {
    const sut = await startTestApp({ WEB_ORIGIN: 'https://clinic.example' });
    try {
      const response = await sut.http
        .get('/api/health')
        .set('Origin', 'https://clinic.example')
        .set('X-Request-Id', 'req-12345678')
        .expect(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-request-id']).toBe('req-12345678');
      expect(response.headers['access-control-allow-origin']).toBe('https://clinic.example');
      const foreign = await sut.http.get('/api/health').set('Origin', 'https://evil.example').expect(200);
      expect(foreign.headers['access-control-allow-origin']).not.toBe('https://evil.example');
      const generated = await sut.http.get('/api/health').expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await sut.close();
    }
  });
});
