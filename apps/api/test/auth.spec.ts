import { randomUUID } from 'node:crypto';
import { connectSignaling, request } from './signaling-client';
import { AuthService, REGISTER_MESSAGE } from '../src/auth/auth.service';
import { LoginThrottleService } from '../src/auth/login-throttle.service';
import { bearer, signedInUser, startTestApp, TEST_PASSWORD, TestApp } from './test-app';

describe('auth (REST, real database)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    // Every registration here comes from one address; the per-address limit has its own test.
    sut = await startTestApp({ REGISTER_MAX_PER_ADDRESS_PER_HOUR: '1000' });
  });
  afterAll(async () => {
    await sut.close();
  });

  it('registers a patient with a neutral 202 and no token, who can then sign in and read their own account', async () => {
    const email = `new-${randomUUID()}@test.example`;
    const registered = await sut.http
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: 'a long enough password', name: 'Nora Field', timeZone: 'Asia/Tokyo' })
      .expect(202);
    expect(registered.body).toEqual({ message: REGISTER_MESSAGE });

    const login = await sut.http.post('/api/auth/login').send({ email, password: 'a long enough password' }).expect(200);
    expect(login.body.user).toMatchObject({ email, name: 'Nora Field', role: 'PATIENT', timeZone: 'Asia/Tokyo' });
    const me = await sut.http
      .get('/api/me')
      .set(bearer({ token: login.body.accessToken }))
      .expect(200);
    expect(me.body).toEqual({
      id: login.body.user.id,
      email,
      name: 'Nora Field',
      role: 'PATIENT',
      timeZone: 'Asia/Tokyo',
      // Neither chosen nor in the request's Accept-Language: English.
      language: 'en',
      hasPassword: true,
    });
    const audit = await sut.prisma.auditLog.findFirst({ where: { entityId: login.body.user.id, action: 'auth.register' } });
    expect(audit).toMatchObject({ actorId: login.body.user.id, entityType: 'user' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const email = `hash-${randomUUID()}@test.example`;
    await sut.http.post('/api/auth/register').send({ email, password: 'another fine password', name: 'H' }).expect(202);
    const row = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('another fine password');
  });

  it('answers a taken email exactly like a new one, and changes nothing of the existing account', async () => {
    const email = `twice-${randomUUID()}@test.example`;
    const first = await sut.http.post('/api/auth/register').send({ email, password: 'password number one', name: 'A' }).expect(202);
    const before = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    const again = await sut.http.post('/api/auth/register').send({ email, password: 'password number two', name: 'B' }).expect(202);
    expect(again.body).toEqual(first.body);
    expect(Object.keys(again.headers).sort()).toEqual(Object.keys(first.headers).sort());
    const after = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(after).toEqual(before);
    await sut.http.post('/api/auth/login').send({ email, password: 'password number two' }).expect(401);
    await sut.http.post('/api/auth/login').send({ email, password: 'password number one' }).expect(200);
    expect(await sut.prisma.auditLog.count({ where: { entityId: before.id, action: 'auth.register.email-taken', actorId: null } })).toBe(1);
  });

  it('takes about as long for a taken email as for a new one (the password is hashed either way)', async () => {
    const taken = `timing-${randomUUID()}@test.example`;
    await sut.http.post('/api/auth/register').send({ email: taken, password: 'a long enough password', name: 'T' }).expect(202);
    const time = async (email: string) => {
      const started = performance.now();
      await sut.http.post('/api/auth/register').send({ email, password: 'a long enough password', name: 'T' }).expect(202);
      return performance.now() - started;
    };
    const takenMs: number[] = [];
    const newMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      takenMs.push(await time(taken));
      newMs.push(await time(`timing-${randomUUID()}@test.example`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    // argon2 dominates both; a taken email that skipped hashing would answer in a few ms.
    expect(median(takenMs)).toBeGreaterThan(median(newMs) * 0.5);
  });

  it('names the field that is wrong in a registration', async () => {
    const short = await sut.http.post('/api/auth/register').send({ email: 'x@test.example', password: 'short', name: 'A' }).expect(400);
    expect(short.body).toEqual({ error: 'password: must be at least 10 characters', code: 400, reason: 'validation_failed' });
    const zone = await sut.http
      .post('/api/auth/register')
      .send({ email: 'y@test.example', password: 'long enough password', name: 'A', timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(zone.body.error).toMatch(/^timeZone: /);
    const email = await sut.http
      .post('/api/auth/register')
      .send({ email: 'not-an-email', password: 'long enough password', name: 'A' })
      .expect(400);
    expect(email.body.error).toMatch(/^email: /);
  });

  it('answers a wrong password and an unknown email with the same 401, with the tries left, and audits both', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const wrong = await sut.http.post('/api/auth/login').send({ email: doctor.email, password: 'not the password' }).expect(401);
    const unknown = await sut.http
      .post('/api/auth/login')
      .send({ email: `nobody-${randomUUID()}@test.example`, password: 'whatever it is' })
      .expect(401);
    expect(wrong.body).toEqual({
      error: 'The email or password is incorrect.',
      code: 401,
      reason: 'unauthenticated',
      remainingAttempts: 4,
    });
    expect(unknown.body).toEqual(wrong.body);
    const failed = await sut.prisma.auditLog.findFirst({ where: { entityId: doctor.id, action: 'auth.sign-in.failed' } });
    expect(failed).toMatchObject({ actorId: null, detail: { reason: 'wrong-password', remainingAttempts: 4, paused: false } });
    expect(failed?.ip).toMatch(/127\.0\.0\.1/);
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    await sut.http.get('/api/me').expect(401);
    const user = await signedInUser(sut, 'PATIENT');
    const forged = user.token.slice(0, -4) + (user.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const refused = await sut.http
      .get('/api/me')
      .set(bearer({ token: forged }))
      .expect(401);
    expect(refused.body).toEqual({ error: expect.stringContaining('Sign in'), code: 401, reason: 'unauthenticated' });

    const shortLived = await startTestApp({ JWT_TTL_MINUTES: '1' });
    try {
      const login = await shortLived.http
        .post('/api/auth/login')
        .send({ email: user.email, password: 'correct horse battery' })
        .expect(200);
      const realNow = Date.now;
      Date.now = () => realNow() + 2 * 60_000;
      try {
        await shortLived.http
          .get('/api/me')
          .set(bearer({ token: login.body.accessToken }))
          .expect(401);
      } finally {
        Date.now = realNow;
      }
    } finally {
      await shortLived.close();
    }
  });
});

describe('sign-in protection (REST and sockets, real database)', () => {
  const from = (address: string) => ({ 'X-Forwarded-For': address });

  it('pauses one account from one address after repeated wrong passwords, warning before the last try, and leaves the owner elsewhere alone', async () => {
    const sut = await startTestApp({
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '3',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
    try {
      const target = await signedInUser(sut, 'PATIENT');
      const bystander = await signedInUser(sut, 'PATIENT');
      const attacker = from('203.0.113.66');
      const tries = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        tries.push(
          (await sut.http.post('/api/auth/login').set(attacker).send({ email: target.email, password: 'guess number one' }).expect(401))
            .body,
        );
      }
      expect(tries.map((body) => body.remainingAttempts)).toEqual([2, 1, 0]);
      expect(tries[0].error).toBe('The email or password is incorrect.');
      expect(tries[1].error).toBe('The email or password is incorrect. 1 try left before sign-in is paused for 15 minutes.');
      expect(tries[2].error).toBe('The email or password is incorrect. Sign-in is now paused for 15 minutes.');

      const paused = await sut.http
        .post('/api/auth/login')
        .set(attacker)
        .send({ email: target.email, password: TEST_PASSWORD })
        .expect(429);
      expect(paused.body).toEqual({
        error: expect.stringMatching(/^Too many failed sign-ins\. Try again in (15|14) minutes\.$/),
        code: 429,
        reason: 'too_many_attempts',
        retryAfterSeconds: expect.any(Number),
      });
      expect(Number(paused.headers['retry-after'])).toBe(paused.body.retryAfterSeconds);
      expect(paused.body.retryAfterSeconds).toBeGreaterThan(14 * 60);

      // The owner, from their own address, and other accounts from the attacker's, are not affected.
      await sut.http.post('/api/auth/login').set(from('198.51.100.7')).send({ email: target.email, password: TEST_PASSWORD }).expect(200);
      await sut.http.post('/api/auth/login').set(attacker).send({ email: bystander.email, password: TEST_PASSWORD }).expect(200);
      const throttled = await sut.prisma.auditLog.findFirst({ where: { action: 'auth.sign-in.throttled', ip: '203.0.113.66' } });
      expect(throttled?.detail).toMatchObject({ scope: 'account-address' });
    } finally {
      await sut.close();
    }
  });

  it('slows guesses at one account from many addresses with growing delays, not a lockout, and never delays the owner at a known address', async () => {
    const sut = await startTestApp({
      TRUST_PROXY: '1',
      LOGIN_ACCOUNT_FREE_FAILURES: '4',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '1000',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
    try {
      const target = await signedInUser(sut, 'PATIENT');
      await sut.http.post('/api/auth/login').set(from('198.51.100.7')).send({ email: target.email, password: TEST_PASSWORD }).expect(200);
      for (let attempt = 0; attempt < 4; attempt++) {
        await sut.http
          .post('/api/auth/login')
          .set(from(`203.0.113.${attempt + 1}`))
          .send({ email: target.email, password: 'a guess' })
          .expect(401);
      }
      const delayed = await sut.http
        .post('/api/auth/login')
        .set(from('203.0.113.99'))
        .send({ email: target.email, password: 'a guess' })
        .expect(429);
      expect(delayed.body).toEqual({
        error: 'Too many failed sign-ins to this account. Try again in 2 seconds.',
        code: 429,
        reason: 'too_many_attempts',
        retryAfterSeconds: 2,
      });
      expect(delayed.headers['retry-after']).toBe('2');
      // The owner signed in from this address before: the account's curve does not apply to it.
      await sut.http.post('/api/auth/login').set(from('198.51.100.7')).send({ email: target.email, password: TEST_PASSWORD }).expect(200);
    } finally {
      await sut.close();
    }
  });

  it('doubles the account-wide delay per failure up to its ceiling', async () => {
    const sut = await startTestApp({ LOGIN_ACCOUNT_FREE_FAILURES: '10', LOGIN_ACCOUNT_MAX_DELAY_S: '900' });
    try {
      const throttle = sut.app.get(LoginThrottleService);
      expect([9, 10, 11, 12, 18, 19, 40].map((failures) => throttle.accountDelayMs(failures) / 1000)).toEqual([0, 2, 4, 8, 512, 900, 900]);
    } finally {
      await sut.close();
    }
  });

  it('cannot be raced: parallel guesses from one address get no more tries than the limit', async () => {
    const sut = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    try {
      const target = await signedInUser(sut, 'PATIENT');
      const statuses = await Promise.all(
        Array.from({ length: 12 }, () =>
          sut.http
            .post('/api/auth/login')
            .send({ email: target.email, password: 'parallel guess' })
            .then((response) => response.status),
        ),
      );
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    } finally {
      await sut.close();
    }
  });

  it('limits failed sign-ins per client address across accounts', async () => {
    const sut = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });
    try {
      for (let attempt = 0; attempt < 4; attempt++) {
        await sut.http
          .post('/api/auth/login')
          .send({ email: `spray-${attempt}-${randomUUID()}@test.example`, password: 'password123!' })
          .expect(401);
      }
      await sut.http
        .post('/api/auth/login')
        .send({ email: `spray-last-${randomUUID()}@test.example`, password: 'password123!' })
        .expect(429);
    } finally {
      await sut.close();
    }
  });

  it('limits registrations per client address with a 429 that says when to try again', async () => {
    const sut = await startTestApp({ REGISTER_MAX_PER_ADDRESS_PER_HOUR: '2' });
    try {
      const register = () =>
        sut.http
          .post('/api/auth/register')
          .send({ email: `many-${randomUUID()}@test.example`, password: 'a long enough password', name: 'M' });
      expect((await register()).status).toBe(202);
      expect((await register()).status).toBe(202);
      const refused = await register();
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        error: expect.stringMatching(/^Too many registrations from this network\. Try again in (60|59) minutes\.$/),
        code: 429,
        reason: 'too_many_attempts',
        retryAfterSeconds: expect.any(Number),
      });
      expect(Number(refused.headers['retry-after'])).toBe(refused.body.retryAfterSeconds);
    } finally {
      await sut.close();
    }
  });

  it('uses Redis when configured, so the limits hold across API processes', async () => {
    const options = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `telehealth-test:${Date.now()}:`,
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: '2',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    };
    const [first, second] = [await startTestApp(options), await startTestApp(options)];
    try {
      const target = await signedInUser(first, 'PATIENT');
      await first.http.post('/api/auth/login').send({ email: target.email, password: 'guess one' }).expect(401);
      const last = await second.http.post('/api/auth/login').send({ email: target.email, password: 'guess two' }).expect(401);
      expect(last.body.remainingAttempts).toBe(0);
      await first.http.post('/api/auth/login').send({ email: target.email, password: TEST_PASSWORD }).expect(429);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('signs out everywhere: the old token is refused by REST and by the signaling gateway', async () => {
    const sut = await startTestApp({}, { listen: true });
    try {
      const patient = await signedInUser(sut, 'PATIENT');
      const socket = await connectSignaling(sut.url, patient.token);
      try {
        await sut.http.post('/api/auth/logout').set(bearer(patient)).expect(204);
        await sut.http.get('/api/me').set(bearer(patient)).expect(401);
        // Refused (401), or the socket was already closed by the sign-out: never joined.
        expect(await request(socket, 'join-room', { roomId: 'any-room' }).catch(() => ({ ok: false }))).toMatchObject({ ok: false });
        await expect(connectSignaling(sut.url, patient.token, { reconnection: false })).rejects.toThrow(/access token/);
        const again = await sut.http.post('/api/auth/login').send({ email: patient.email, password: 'correct horse battery' }).expect(200);
        await sut.http
          .get('/api/me')
          .set(bearer({ token: again.body.accessToken }))
          .expect(200);
      } finally {
        socket.close();
      }
    } finally {
      await sut.close();
    }
  });
});

describe('signaling tickets (REST, real database)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ SIGNALING_TICKET_TTL_S: '90' });
  });
  afterAll(async () => {
    await sut.close();
  });

  it('issues a short ticket for the signed-in session, which the socket accepts and REST refuses', async () => {
    const patient = await signedInUser(sut, 'PATIENT');
    const issued = await sut.http.post('/api/auth/signaling-ticket').set(bearer(patient)).expect(200);
    expect(issued.body).toEqual({ ticket: expect.any(String), expiresAt: expect.any(String) });
    const lifetimeS = (Date.parse(issued.body.expiresAt) - Date.now()) / 1000;
    expect(lifetimeS).toBeGreaterThan(80);
    expect(lifetimeS).toBeLessThanOrEqual(90);

    await sut.http
      .get('/api/me')
      .set(bearer({ token: issued.body.ticket }))
      .expect(401);
    await sut.http
      .post('/api/auth/signaling-ticket')
      .set(bearer({ token: issued.body.ticket }))
      .expect(401);

    const auth = sut.app.get(AuthService);
    const access = await auth.authenticate(patient.token, 'api');
    const viaTicket = await auth.authenticate(issued.body.ticket, 'signaling');
    expect(viaTicket).toMatchObject({ id: patient.id, role: 'PATIENT', email: patient.email });
    expect(viaTicket?.sessionExpiresAt).toEqual(access?.sessionExpiresAt);
    expect(viaTicket?.sessionIssuedAtMs).toBe(access?.sessionIssuedAtMs);
    expect(await auth.authenticate(issued.body.ticket, 'api')).toBeUndefined();
    // Non-browser clients still open the socket with the access token itself.
    expect(await auth.authenticate(patient.token, 'signaling')).toMatchObject({ id: patient.id });
  });

  it('dies with its session: a sign-out revokes the tickets issued before it, and it never outlives the access token', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const { body } = await sut.http.post('/api/auth/signaling-ticket').set(bearer(doctor)).expect(200);
    await sut.http.post('/api/auth/logout').set(bearer(doctor)).expect(204);
    expect(await sut.app.get(AuthService).authenticate(body.ticket, 'signaling')).toBeUndefined();

    const shortLived = await startTestApp({ JWT_TTL_MINUTES: '1', SIGNALING_TICKET_TTL_S: '600' });
    try {
      const login = await shortLived.http.post('/api/auth/login').send({ email: doctor.email, password: TEST_PASSWORD }).expect(200);
      const ticket = await shortLived.http
        .post('/api/auth/signaling-ticket')
        .set(bearer({ token: login.body.accessToken }))
        .expect(200);
      expect(Date.parse(ticket.body.expiresAt)).toBeLessThanOrEqual(Date.parse(login.body.expiresAt));
    } finally {
      await shortLived.close();
    }
  });
});
