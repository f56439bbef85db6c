import { ROUTES } from '../src/openapi/route-registry';
import { toOpenApiPath } from '../src/openapi/openapi-document';
import { startTestApp, TestApp } from './test-app';

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route Nest mapped on Express, as `METHOD /path`, read from the router itself. Middleware
 * bound with forRoutes (nestjs-pino's request context) shows up there too, on the catch-all
 * `/api{/*splat}` for every method: that is not a route and is left out.
 */
function expressRoutes(sut: TestApp): string[] {
  const express = sut.app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  return stack.flatMap((layer) => {
    if (!layer.route || String(layer.route.path).includes('{/*splat}')) return [];
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    const methods = Object.keys(layer.route.methods).filter((method) => layer.route!.methods[method] && method !== '_all');
    return paths.flatMap((path) => methods.map((method) => `${method.toUpperCase()} ${toOpenApiPath(path)}`));
  });
}

describe('the OpenAPI document', () => {
  let sut: TestApp;
  let document: { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };

  beforeAll(async () => {
    sut = await startTestApp();
    document = (await sut.http.get('/api/openapi.json').expect(200)).body;
  });
  afterAll(() => sut.close());

  it('names every route the API serves, and no route it does not', () => {
    const served = expressRoutes(sut).sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(20);
    expect({ missingFromDocument: served.filter((route) => !documented.includes(route)) }).toEqual({ missingFromDocument: [] });
    expect({ notServed: documented.filter((route) => !served.includes(route)) }).toEqual({ notServed: [] });
    expect(documented).toHaveLength(ROUTES.length);
  });

  it('is OpenAPI 3.1 with schemas from the contracts and the error shape on every error', () => {
    expect(document.openapi).toBe('3.1.0');
    const login = document.paths['/api/auth/login']!.post!;
    expect(login.security).toEqual([]);
    expect(login).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['email', 'password'] } } } },
      responses: { 429: { content: { 'application/json': { schema: { properties: { retryAfterSeconds: { type: 'integer' } } } } } } },
    });
    const notes = document.paths['/api/sessions/{id}/notes']!.put!;
    expect(notes.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(Object.keys(notes.responses as object)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409']));
    const patients = document.paths['/api/patients']!.get!;
    expect(patients.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'query', in: 'query', required: false })]));
    expect(patients.responses).toMatchObject({
      403: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } },
    });
  });

  it('serves the docs page without a token, under a CSP with no inline script, and its assets', async () => {
    const page = await sut.http.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain("'unsafe-inline' 'unsafe-eval'");
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    for (const src of page.text.match(/(?<=(src|href)=")\/api\/docs\/[^"]+/g) ?? []) {
      await sut.http.get(src).expect(200);
    }
    await sut.http.get('/api/docs/..%2F..%2Fpackage.json').expect(404);
    await sut.http.get('/api/docs/index.html').expect(404);
  });
});
