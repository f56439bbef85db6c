import type { ErrorResponse, RedeemVisitLinkResponse, TooManyAttemptsResponse, UserResponse } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { STALE_LINK, UNKNOWN_LINK, VisitLinksService } from '../src/visit-links/visit-links.service';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

interface Visit {
  appointmentId: string;
  sessionId: string;
  endsAt: Date;
}

describe('visit links: a patient signed in for one visit by a link or a code', () => {
  let sut: TestApp;
  let doctor: TestUser;
  let patient: TestUser;
  let links: VisitLinksService;
  let slot = 0;

  beforeAll(async () => {
    sut = await startTestApp();
    doctor = await signedInUser(sut, 'DOCTOR');
    patient = await signedInUser(sut, 'PATIENT');
    links = sut.app.get(VisitLinksService);
  });
  afterAll(async () => {
    await sut.close();
  });

  /** A visit of the doctor and `patientId` (each in its own slot), straight in the database. */
  async function visit(patientId = patient.id, startsInMinutes = 60 * 24 + 30 * slot++): Promise<Visit> {
    const startsAt = new Date(minutesFromNow(startsInMinutes));
    const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
    const row = await sut.prisma.appointment.create({
      data: {
        doctorId: doctor.id,
        patientId,
        startsAt,
        endsAt,
        reason: 'Links',
        room: { create: { id: randomUUID() } },
        session: { create: {} },
      },
      include: { session: true },
    });
    return { appointmentId: row.id, sessionId: row.session!.id, endsAt };
  }

  /** Issues the visit's link as a booking does; the token (the part after /j/) and the code. */
  async function issue(of: Visit, patientId = patient.id): Promise<{ token: string; code: string }> {
    const issued = await sut.prisma.$transaction((tx) => links.issue(tx, { id: of.appointmentId, patientId, endsAt: of.endsAt }));
    return { token: new URL(issued.link).pathname.replace('/j/', ''), code: issued.code };
  }

  const redeem = (body: { token: string } | { code: string }) => sut.http.post('/api/visit-links/redeem').send(body);
  /** Redeems the link's token; the visit-link session's bearer. */
  async function signInBy(link: { token: string }): Promise<{ token: string }> {
    return { token: ((await redeem({ token: link.token }).expect(200)).body as RedeemVisitLinkResponse).accessToken };
  }

  it('signs the patient in for that visit by link, or by the code typed any way', async () => {
    const own = await visit();
    const { token, code } = await issue(own);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const byLink = (await redeem({ token }).expect(200)).body as RedeemVisitLinkResponse;
    expect(byLink).toMatchObject({ appointmentId: own.appointmentId, sessionId: own.sessionId, user: { id: patient.id, role: 'PATIENT' } });
    // The record and report stay open for a week after the visit, then the session ends.
    expect(Date.parse(byLink.expiresAt)).toBeCloseTo(own.endsAt.getTime() + 7 * 86_400_000, -4);

    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    const byCode = (await redeem({ code: typed }).expect(200)).body as RedeemVisitLinkResponse;
    expect(byCode.appointmentId).toBe(own.appointmentId);

    const me = (
      await sut.http
        .get('/api/me')
        .set(bearer({ token: byCode.accessToken }))
        .expect(200)
    ).body as UserResponse;
    expect(me).toMatchObject({ id: patient.id, visit: { appointmentId: own.appointmentId, sessionId: own.sessionId }, hasPassword: true });
    const audited = await sut.prisma.auditLog.count({ where: { action: 'visit-link.redeem', entityId: own.appointmentId } });
    expect(audited).toBe(2);
  });

  it('opens that visit and nothing else, not even the same patient’s other visits', async () => {
    const own = await visit();
    const other = await visit();
    const session = await signInBy(await issue(own));

    await sut.http.get(`/api/appointments/${own.appointmentId}`).set(bearer(session)).expect(200);
    await sut.http.get(`/api/sessions/${own.sessionId}/appointment`).set(bearer(session)).expect(200);
    await sut.http.get(`/api/appointments/${other.appointmentId}`).set(bearer(session)).expect(404);
    const list = await sut.http.get('/api/appointments').set(bearer(session)).expect(403);
    expect((list.body as ErrorResponse).reason).toBe('visit_link_only');
    // Looking and joining only: the link cannot cancel the visit (whoever holds a forwarded link).
    const cancel = await sut.http
      .patch(`/api/appointments/${own.appointmentId}`)
      .set(bearer(session))
      .send({ status: 'CANCELLED' })
      .expect(403);
    expect((cancel.body as ErrorResponse).reason).toBe('visit_link_only');
  });

  it('answers an unknown link 404 and a replaced or past one 410, and a replaced link’s session ends', async () => {
    const unknown = await redeem({ token: 'a'.repeat(43) }).expect(404);
    expect((unknown.body as ErrorResponse).error).toBe(UNKNOWN_LINK);
    await redeem({ code: 'ACDE-FGHJ' }).expect(404);
    const malformed = await redeem({ code: 'O0O0-1I1I' }).expect(400);
    expect((malformed.body as ErrorResponse).error).toMatch(/^code: /);

    const moved = await visit();
    const first = await issue(moved);
    const session = await signInBy(first);
    await issue(moved); // a reschedule issues a new link
    const stale = await redeem({ token: first.token }).expect(410);
    expect(stale.body).toMatchObject({ reason: 'link_expired', error: STALE_LINK });
    await redeem({ code: first.code }).expect(410);
    await sut.http.get('/api/me').set(bearer(session)).expect(401);

    const past = await visit(patient.id, -60);
    await redeem({ token: (await issue(past)).token }).expect(410);
  });

  it('lets a patient booked by email choose a password from the link, once', async () => {
    const email = `booked-${randomUUID()}@test.example`;
    const invited = await sut.prisma.user.create({ data: { email, name: 'Zoë Ñúñez 王芳', role: 'PATIENT', timeZone: 'Europe/Madrid' } });
    const own = await visit(invited.id);
    const session = await signInBy(await issue(own, invited.id));
    const me = (await sut.http.get('/api/me').set(bearer(session)).expect(200)).body as UserResponse;
    expect(me.hasPassword).toBe(false);

    await sut.http.post('/api/auth/password/choose').set(bearer(session)).send({ password: 'short' }).expect(400);
    await sut.http.post('/api/auth/password/choose').set(bearer(session)).send({ password: 'my brand new password' }).expect(204);
    await sut.http.post('/api/auth/login').send({ email, password: 'my brand new password' }).expect(200);
    await sut.http.post('/api/auth/password/choose').set(bearer(session)).send({ password: 'another new password' }).expect(409);
  });

  it('pauses an address after 20 tries in ten minutes, with a sentence and when to retry', async () => {
    for (let attempt = 0; attempt < sut.config.VISIT_LINK_REDEEMS_PER_ADDRESS; attempt += 1)
      await redeem({ token: randomUUID().replace(/-/g, '') });
    const paused = await redeem({ code: 'ACDE-FGHJ' }).expect(429);
    const body = paused.body as TooManyAttemptsResponse;
    expect(body.reason).toBe('too_many_attempts');
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    expect(await sut.prisma.auditLog.count({ where: { action: 'visit-link.redeem.throttled' } })).toBeGreaterThan(0);
  });
});
