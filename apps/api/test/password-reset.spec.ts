import type { ErrorResponse } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { hashPasswordToken, newPasswordToken } from '../src/auth/password-tokens';
import { FORGOT_MAX_PER_ADDRESS_PER_HOUR } from '../src/auth/password-reset-throttle.service';
import { FORGOT_PASSWORD_MESSAGE, INVALID_PASSWORD_TOKEN } from '../src/auth/password.service';
import { connectSignaling } from './signaling-client';
import { bearer, signedInUser, startTestApp, TEST_PASSWORD, TestApp } from './test-app';

const NEW_PASSWORD = 'a brand new password';

/** Resolves with the reason of the socket's next disconnect, or rejects after `ms`. */
function disconnected(socket: { once(event: 'disconnect', listener: (reason: string) => void): unknown }, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe('forgotten passwords and set-password links', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ WEB_ORIGIN: 'https://clinic.example' }, { listen: true });
  });
  afterAll(async () => {
    await sut.close();
  });

  /** The set-password token in the newest email of `kind` to `email` (the outbox table). */
  async function emailedToken(email: string, kind: string): Promise<string | undefined> {
    const message = await sut.prisma.outboxMessage.findFirst({ where: { recipient: email, kind }, orderBy: { createdAt: 'desc' } });
    if (!message) return undefined;
    expect(message.html).toContain('https://clinic.example/set-password?token=');
    return /https:\/\/clinic\.example\/set-password\?token=([A-Za-z0-9_-]+)/.exec(message.text)?.[1];
  }

  it('answers the same for an unknown email, and emails a one-hour link to a known one', async () => {
    const user = await signedInUser(sut, 'PATIENT');
    const unknown = `nobody-${randomUUID()}@test.example`;
    const known = await sut.http.post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
    const stranger = await sut.http.post('/api/auth/password/forgot').send({ email: unknown }).expect(202);

    expect(known.body).toEqual({ message: FORGOT_PASSWORD_MESSAGE });
    expect(stranger.body).toEqual(known.body);
    expect(await sut.prisma.outboxMessage.count({ where: { recipient: unknown } })).toBe(0);
    const token = await emailedToken(user.email, 'password-reset');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const row = await sut.prisma.passwordToken.findUniqueOrThrow({ where: { tokenHash: hashPasswordToken(token!) } });
    expect(row).toMatchObject({ userId: user.id, purpose: 'RESET', usedAt: null });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(JSON.stringify(await sut.prisma.passwordToken.findMany({ where: { userId: user.id } }))).not.toContain(token);
  });

  it('sets the password once with the link and signs out every other device: tokens refused, sockets closed', async () => {
    const user = await signedInUser(sut, 'PATIENT');
    const socket = await connectSignaling(sut.url, user.token, { reconnection: false });
    const closed = disconnected(socket);
    await sut.http.post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
    const token = (await emailedToken(user.email, 'password-reset'))!;

    await sut.http.post('/api/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(204);

    expect(await closed).toBe('io server disconnect');
    await sut.http.get('/api/me').set(bearer(user)).expect(401);
    await sut.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    const login = await sut.http.post('/api/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
    await sut.http
      .get('/api/me')
      .set(bearer({ token: login.body.accessToken as string }))
      .expect(200);

    const again = await sut.http.post('/api/auth/password/reset').send({ token, password: 'yet another password' }).expect(400);
    expect(again.body as ErrorResponse).toEqual({ error: INVALID_PASSWORD_TOKEN, code: 400, reason: 'validation_failed' });
    const audit = await sut.prisma.auditLog.findMany({ where: { entityId: user.id, action: { startsWith: 'auth.password' } } });
    expect(audit.map((row) => row.action).sort()).toEqual(['auth.password.reset', 'auth.password.reset-requested']);
  });

  it('refuses an expired link, an unknown one and a short password, and keeps the old password', async () => {
    const user = await signedInUser(sut, 'DOCTOR');
    const { token, tokenHash } = newPasswordToken('RESET');
    await sut.prisma.passwordToken.create({
      data: { userId: user.id, purpose: 'RESET', tokenHash, expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await sut.http.post('/api/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(400);
    expect(expired.body).toMatchObject({ error: INVALID_PASSWORD_TOKEN, reason: 'validation_failed' });
    await sut.http
      .post('/api/auth/password/reset')
      .send({ token: newPasswordToken('RESET').token, password: NEW_PASSWORD })
      .expect(400);
    const short = await sut.http.post('/api/auth/password/reset').send({ token, password: 'short' }).expect(400);
    expect((short.body as ErrorResponse).error).toMatch(/^password: /);
    await sut.http.get('/api/me').set(bearer(user)).expect(200);
    await sut.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('sends no link to a deactivated account, and its open links stop working', async () => {
    const admin = await signedInUser(sut, 'ADMIN');
    const doctor = await signedInUser(sut, 'DOCTOR');
    await sut.http.post('/api/auth/password/forgot').send({ email: doctor.email }).expect(202);
    const token = (await emailedToken(doctor.email, 'password-reset'))!;
    await sut.http.patch(`/api/staff/${doctor.id}`).set(bearer(admin)).send({ active: false }).expect(200);

    await sut.http.post('/api/auth/password/forgot').send({ email: doctor.email }).expect(202);
    expect(await sut.prisma.outboxMessage.count({ where: { recipient: doctor.email } })).toBe(1);
    await sut.http.post('/api/auth/password/reset').send({ token, password: NEW_PASSWORD }).expect(400);
  });

  it('limits requests per address (429 with a wait) and emails per address (the same 202, no more emails)', async () => {
    // Its own app: the address counter of this spec's other tests must not count here.
    const app = await startTestApp();
    try {
      const user = await signedInUser(app, 'PATIENT');
      for (let i = 0; i < FORGOT_MAX_PER_ADDRESS_PER_HOUR; i += 1) {
        await app.http.post('/api/auth/password/forgot').send({ email: user.email }).expect(202);
      }
      expect(await app.prisma.outboxMessage.count({ where: { recipient: user.email } })).toBe(3);
      const refused = await app.http.post('/api/auth/password/forgot').send({ email: user.email }).expect(429);
      expect(refused.body).toMatchObject({ reason: 'too_many_attempts', retryAfterSeconds: expect.any(Number) });
      expect(refused.body.error).toMatch(/^Too many password requests from this network\. Try again in \d+ minutes?\.$/);
    } finally {
      await app.close();
    }
  });
});
