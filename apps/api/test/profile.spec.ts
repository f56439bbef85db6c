import type { ErrorResponse, InviteGuestResponse, RedeemVisitLinkResponse, UserResponse } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { bearer, minutesFromNow, signedInUser, startTestApp, TEST_PASSWORD, TestApp } from './test-app';

describe('a person’s own profile and language (REST, real database)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('changes one’s own name, time zone and language, audits which fields changed (not their values), and the next sign-in has them', async () => {
    const patient = await signedInUser(sut, 'PATIENT', 'Amira Saleh');
    const changed = await sut.http
      .patch('/api/me')
      .set(bearer(patient))
      .send({ name: 'أميرة صالح', timeZone: 'Africa/Cairo', language: 'ar' })
      .expect(200);
    expect(changed.body as UserResponse).toMatchObject({ id: patient.id, name: 'أميرة صالح', timeZone: 'Africa/Cairo', language: 'ar' });

    const me = await sut.http.get('/api/me').set(bearer(patient)).expect(200);
    expect(me.body).toMatchObject({ name: 'أميرة صالح', timeZone: 'Africa/Cairo', language: 'ar' });
    const signIn = await sut.http.post('/api/auth/login').send({ email: patient.email, password: TEST_PASSWORD }).expect(200);
    expect(signIn.body.user).toMatchObject({ language: 'ar', timeZone: 'Africa/Cairo' });

    const audit = await sut.prisma.auditLog.findMany({ where: { actorId: patient.id, action: 'user.profile_updated' } });
    expect(audit).toEqual([
      expect.objectContaining({ entityType: 'user', entityId: patient.id, detail: { sent: 'name,timeZone,language' } }),
    ]);
    expect(JSON.stringify(audit.map((row) => row.detail))).not.toContain('أميرة');
  });

  it('refuses what is not a profile change, naming the field: an unknown language, a control character, an unknown zone, nothing, someone else’s field', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const refusal = async (body: object) =>
      (await sut.http.patch('/api/me').set(bearer(doctor)).send(body).expect(400)).body as ErrorResponse;

    expect((await refusal({ language: 'fr' })).error).toMatch(/^language: /);
    expect((await refusal({ name: 'Ines\u0007' })).error).toMatch(/^name: /);
    expect((await refusal({ timeZone: 'Mars/Olympus' })).error).toMatch(/^timeZone: /);
    expect((await refusal({})).reason).toBe('validation_failed');
    expect((await refusal({ role: 'ADMIN' })).reason).toBe('validation_failed');
    const unchanged = await sut.http.get('/api/me').set(bearer(doctor)).expect(200);
    expect(unchanged.body).toMatchObject({ name: 'Dr. Ines Ward', role: 'DOCTOR', language: 'en' });
    await sut.http.patch('/api/me').send({ language: 'es' }).expect(401);
  });

  it('lets a guest choose their language and time zone, but keeps the name their doctor gave them', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const booked = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(3 * 24 * 60), durationMinutes: 30, reason: 'Follow-up' })
      .expect(201);
    const guest = (
      await sut.http
        .post(`/api/appointments/${booked.body.id}/guests`)
        .set(bearer(doctor))
        .send({ name: 'Ana Ruiz', role: 'INTERPRETER', language: 'es' })
        .expect(201)
    ).body as InviteGuestResponse;
    const token = new URL(guest.link).pathname.split('/').pop()!;
    const session = (await sut.http.post('/api/visit-links/redeem').send({ token }).expect(200)).body as RedeemVisitLinkResponse;
    expect(session.user).toMatchObject({ role: 'GUEST', language: 'es' });

    const asGuest = { Authorization: `Bearer ${session.accessToken}` };
    await sut.http.patch('/api/me').set(asGuest).send({ language: 'ar', timeZone: 'Asia/Dubai' }).expect(200);
    const renamed = await sut.http.patch('/api/me').set(asGuest).send({ name: 'Someone Else' }).expect(403);
    expect((renamed.body as ErrorResponse).error).toMatch(/^name: /);
    expect(await sut.prisma.user.findUniqueOrThrow({ where: { id: guest.guestId } })).toMatchObject({
      name: 'Ana Ruiz',
      language: 'ar',
      timeZone: 'Asia/Dubai',
    });
  });

  it('gives a new account the language chosen at sign-up, else the browser’s first language we speak', async () => {
    const register = async (language: string | undefined, acceptLanguage: string) => {
      const email = `patient-${randomUUID()}@test.example`;
      await sut.http
        .post('/api/auth/register')
        .set('Accept-Language', acceptLanguage)
        .send({ email, password: TEST_PASSWORD, name: 'Lucía Pérez', timeZone: 'Europe/Madrid', ...(language ? { language } : {}) })
        .expect(202);
      return (await sut.prisma.user.findUniqueOrThrow({ where: { email } })).language;
    };
    expect(await register('es', 'en-US')).toBe('es');
    expect(await register(undefined, 'de-DE, ar-EG;q=0.8, es;q=0.5')).toBe('ar');
    expect(await register(undefined, 'de-DE')).toBe('en');
  });

  it('writes a booked patient’s and a staff member’s account in the language given, else the inviter’s', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    await sut.http.patch('/api/me').set(bearer(doctor)).send({ language: 'es' }).expect(200);
    const startsAt = new Date(Date.now() + 2 * 24 * 3_600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const book = async (patient: object, hours: number) =>
      sut.http
        .post('/api/appointments')
        .set(bearer(doctor))
        .send({ patient, startsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(), durationMinutes: 15, reason: 'Control' })
        .expect(201);
    const arabicEmail = `patient-${randomUUID()}@test.example`;
    const inheritedEmail = `patient-${randomUUID()}@test.example`;
    await book({ name: 'Omar Haddad', email: arabicEmail, language: 'ar' }, 0);
    await book({ name: 'Lucía Pérez', email: inheritedEmail }, 1);
    const languageOf = async (email: string) => (await sut.prisma.user.findUniqueOrThrow({ where: { email } })).language;
    expect(await languageOf(arabicEmail)).toBe('ar');
    expect(await languageOf(inheritedEmail)).toBe('es');

    const admin = await signedInUser(sut, 'ADMIN');
    const staffEmail = `doctor-${randomUUID()}@test.example`;
    await sut.http
      .post('/api/staff')
      .set(bearer(admin))
      .send({ name: 'Dr. Sara Nasser', email: staffEmail, role: 'DOCTOR', language: 'ar' })
      .expect(201);
    expect(await languageOf(staffEmail)).toBe('ar');
  });
});
