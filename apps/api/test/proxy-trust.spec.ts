import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ClientAddressService } from '../src/auth/client-address.service';
import { startTestApp, TestApp } from './test-app';

const ROOT = path.resolve(__dirname, '../../..');

/** TRUST_PROXY as docker-compose.yml sets it for the API behind the shipped nginx. */
function composeTrustProxy(): string {
  const match = /^\s*TRUST_PROXY:\s*["']([^"']*)["']/m.exec(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));
  if (!match) throw new Error('docker-compose.yml sets no TRUST_PROXY');
  return match[1]!;
}

describe('client addresses behind the shipped proxy (TRUST_PROXY as in docker-compose.yml)', () => {
  let sut: TestApp;
  // What nginx puts last: the address it saw. Everything before it is what the client wrote.
  const PROXY_SEEN = '203.0.113.50';

  beforeAll(async () => {
    sut = await startTestApp(
      { TRUST_PROXY: composeTrustProxy(), LOGIN_MAX_FAILURES_PER_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '1000' },
      { listen: true },
    );
  });
  afterAll(async () => {
    await sut.close();
  });

  it('trusts one hop, never every hop', () => {
    expect(composeTrustProxy()).toBe('1');
    expect(sut.config.TRUST_PROXY).toBe(1);
  });

  it('counts forged addresses against the address the proxy gave: rotating X-Forwarded-For does not escape the per-address limit', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await sut.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `10.9.8.${attempt}, ${PROXY_SEEN}`)
        .send({ email: `spray-${randomUUID()}@test.example`, password: 'a wrong password' })
        .expect(401);
    }
    const refused = await sut.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', `192.0.2.77, ${PROXY_SEEN}`)
      .send({ email: `spray-${randomUUID()}@test.example`, password: 'a wrong password' })
      .expect(429);
    expect(refused.headers['retry-after']).toEqual(expect.any(String));
    // Another real client behind the same proxy is not affected.
    await sut.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', `192.0.2.77, 203.0.113.51`)
      .send({ email: `other-${randomUUID()}@test.example`, password: 'a wrong password' })
      .expect(401);
  });

  it('writes the proxy-given address into the audit log, never the forged one', async () => {
    const email = `audited-${randomUUID()}@test.example`;
    await sut.http
      .post('/api/auth/register')
      .set('X-Forwarded-For', `6.6.6.6, 203.0.113.60`)
      .send({ email, password: 'a long enough password', name: 'A' })
      .expect(202);
    const user = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    const row = await sut.prisma.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'auth.register' } });
    expect(row.ip).toBe('203.0.113.60');
    const failed = await sut.prisma.auditLog.findMany({
      where: { action: 'auth.sign-in.failed', ip: { in: ['10.9.8.0', '10.9.8.1', '192.0.2.77', PROXY_SEEN] } },
    });
    expect(new Set(failed.map((entry) => entry.ip))).toEqual(new Set([PROXY_SEEN]));
  });

  it('resolves a socket handshake request by the same rule', () => {
    const sutAddress = sut.app.get(ClientAddressService);
    const request = (forwarded?: string) =>
      ({ socket: { remoteAddress: '127.0.0.1' }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as never;
    expect(sutAddress.of(request('6.6.6.6, 203.0.113.70'))).toBe('203.0.113.70');
    expect(sutAddress.of(request())).toBe('127.0.0.1');
  });
});

describe('client addresses with no proxy trusted (the default)', () => {
  it('ignores X-Forwarded-For entirely', async () => {
    const sut = await startTestApp();
    try {
      const email = `direct-${randomUUID()}@test.example`;
      await sut.http
        .post('/api/auth/register')
        .set('X-Forwarded-For', '6.6.6.6')
        .send({ email, password: 'a long enough password', name: 'D' })
        .expect(202);
      const user = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
      const row = await sut.prisma.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'auth.register' } });
      expect(row.ip).toMatch(/127\.0\.0\.1/);
    } finally {
      await sut.close();
    }
  });
});
