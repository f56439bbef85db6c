import { randomUUID } from 'node:crypto';
import { connectSignaling, request } from './signaling-client';
import { bearer, signedInUser, startTestApp, TestApp } from './test-app';

describe('auth (REST, real database)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });

  it('registers a patient, who can then sign in and read their own account', async () => {
    const email = `new-${randomUUID()}@test.example`;
    const registered = await sut.http
      .post('/api/auth/register')
      .send({ email: email.toUpperCase(), password: 'a long enough password', name: 'Nora Field', timeZone: 'Asia/Tokyo' })
      .expect(201);
    expect(registered.body.user).toMatchObject({ email, name: 'Nora Field', role: 'PATIENT', timeZone: 'Asia/Tokyo' });
    expect(Date.parse(registered.body.expiresAt)).toBeGreaterThan(Date.now());

    const login = await sut.http.post('/api/auth/login').send({ email, password: 'a long enough password' }).expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const me = await sut.http.get('/api/me').set(bearer({ token: login.body.accessToken })).expect(200);
    expect(me.body).toEqual({ id: registered.body.user.id, email, name: 'Nora Field', role: 'PATIENT', timeZone: 'Asia/Tokyo' });
  });

  it('stores an argon2id hash, never the password', async () => {
    const email = `hash-${randomUUID()}@test.example`;
    await sut.http.post('/api/auth/register').send({ email, password: 'another fine password', name: 'H' }).expect(201);
    const row = await sut.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('another fine password');
  });

  it('refuses a second account with the same email with 409', async () => {
    const email = `twice-${randomUUID()}@test.example`;
    await sut.http.post('/api/auth/register').send({ email, password: 'password number one', name: 'A' }).expect(201);
    const again = await sut.http.post('/api/auth/register').send({ email, password: 'password number two', name: 'B' }).expect(409);
    expect(again.body).toEqual({ error: expect.stringContaining('already exists'), code: 409 });
  });

  it('names the field that is wrong in a registration', async () => {
    const short = await sut.http.post('/api/auth/register').send({ email: 'x@test.example', password: 'short', name: 'A' }).expect(400);
    expect(short.body).toEqual({ error: 'password: must be at least 10 characters', code: 400 });
    const zone = await sut.http
      .post('/api/auth/register')
      .send({ email: 'y@test.example', password: 'long enough password', name: 'A', timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(zone.body.error).toMatch(/^timeZone: /);
    const email = await sut.http.post('/api/auth/register').send({ email: 'not-an-email', password: 'long enough password', name: 'A' }).expect(400);
    expect(email.body.error).toMatch(/^email: /);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const wrong = await sut.http.post('/api/auth/login').send({ email: doctor.email, password: 'not the password' }).expect(401);
    const unknown = await sut.http.post('/api/auth/login').send({ email: `nobody-${randomUUID()}@test.example`, password: 'whatever it is' }).expect(401);
    expect(wrong.body).toEqual({ error: 'The email or password is incorrect.', code: 401 });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    await sut.http.get('/api/me').expect(401);
    const user = await signedInUser(sut, 'PATIENT');
    const forged = user.token.slice(0, -4) + (user.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const refused = await sut.http.get('/api/me').set(bearer({ token: forged })).expect(401);
    expect(refused.body).toEqual({ error: expect.stringContaining('Sign in'), code: 401 });

    const shortLived = await startTestApp({ JWT_TTL_MINUTES: '1' });
    try {
      const login = await shortLived.http.post('/api/auth/login').send({ email: user.email, password: 'correct horse battery' }).expect(200);
      const realNow = Date.now;
      Date.now = () => realNow() + 2 * 60_000;
      try {
        await shortLived.http.get('/api/me').set(bearer({ token: login.body.accessToken })).expect(401);
      } finally {
        Date.now = realNow;
      }
    } finally {
      await shortLived.close();
    }
  });
});

describe('sign-in protection (REST and sockets, real database)', () => {
  it('locks an account after repeated wrong passwords with a clear 429, and leaves other accounts alone', async () => {
    const sut = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    try {
      const target = await signedInUser(sut, 'PATIENT');
      const bystander = await signedInUser(sut, 'PATIENT');
      for (let attempt = 0; attempt < 3; attempt++) {
        await sut.http.post('/api/auth/login').send({ email: target.email, password: 'guess number one' }).expect(401);
      }
      const locked = await sut.http.post('/api/auth/login').send({ email: target.email, password: 'correct horse battery' }).expect(429);
      expect(locked.body).toEqual({ error: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/), code: 429 });
      await sut.http.post('/api/auth/login').send({ email: bystander.email, password: 'correct horse battery' }).expect(200);
    } finally {
      await sut.close();
    }
  });

  it('limits failed sign-ins per client address across accounts', async () => {
    const sut = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });
    try {
      for (let attempt = 0; attempt < 4; attempt++) {
        await sut.http.post('/api/auth/login').send({ email: `spray-${attempt}-${randomUUID()}@test.example`, password: 'password123!' }).expect(401);
      }
      await sut.http.post('/api/auth/login').send({ email: `spray-last-${randomUUID()}@test.example`, password: 'password123!' }).expect(429);
    } finally {
      await sut.close();
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
        expect(await request(socket, 'join-room', { roomId: 'any-room' })).toMatchObject({ ok: false, code: 401 });
        await expect(connectSignaling(sut.url, patient.token, { reconnection: false })).rejects.toThrow(/access token/);
        const again = await sut.http.post('/api/auth/login').send({ email: patient.email, password: 'correct horse battery' }).expect(200);
        await sut.http.get('/api/me').set(bearer({ token: again.body.accessToken })).expect(200);
      } finally {
        socket.close();
      }
    } finally {
      await sut.close();
    }
  });
});
