import { bearer, signedInUser, startTestApp, TestApp } from './test-app';

/** Everything written to stdout while `run` runs, as JSON lines (other lines are kept as text). */
async function captureStdout(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    return true;
  });
  try {
    await run();
    // The request line is written when the response finishes, which can be just after supertest resolves.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe('request logs', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ LOG_FORMAT: 'json', LOG_REQUESTS: 'true' });
  });
  afterAll(() => sut.close());

  it('write one JSON line per request with its ids and no query string, name or token', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patientName = 'Zebulon Quarterfield';
    let requestId = '';
    const lines = await captureStdout(async () => {
      const response = await sut.http
        .get(`/api/patients?query=${encodeURIComponent(patientName)}&limit=5`)
        .set(bearer(doctor))
        .set('Cookie', 'session=secret-cookie-value')
        .expect(200);
      requestId = String(response.headers['x-request-id']);
    });

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = entries.filter((entry) => entry.path === '/api/patients');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/api/patients',
      status: 200,
      ms: expect.any(Number),
      userId: doctor.id,
      requestId,
    });
    const output = lines.join('\n');
    expect(output).not.toContain('Zebulon');
    expect(output).not.toContain('Quarterfield');
    expect(output).not.toContain('query=');
    expect(output).not.toContain(doctor.token);
    expect(output).not.toContain('secret-cookie-value');
  });

  it("keeps a proxy's well-formed request id and replaces a malformed one", async () => {
    const kept = await sut.http.get('/api/health').set('X-Request-Id', 'proxy-req-0001').expect(200);
    expect(kept.headers['x-request-id']).toBe('proxy-req-0001');
    const replaced = await sut.http.get('/api/health').set('X-Request-Id', 'bad id\twith "quotes"').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
