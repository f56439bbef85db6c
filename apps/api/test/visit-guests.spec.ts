import type {
  AppointmentResponse,
  ErrorResponse,
  InviteGuestResponse,
  RedeemVisitLinkResponse,
  UserResponse,
  VisitGuestListResponse,
  VisitInvitationResponse,
} from '@telehealth/contracts';
import { ZInviteGuestResponseSchema, ZVisitGuestListResponseSchema } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { TokenService } from '../src/auth/token.service';
import { VisitEvents } from '../src/common/visit-events';
import { MAX_GUESTS_PER_VISIT, TOO_MANY_GUESTS, VisitGuestsService } from '../src/visit-guests/visit-guests.service';
import { GUEST_REMOVED_LINK, STALE_LINK } from '../src/visit-links/visit-links.service';
import { bearer, minutesFromNow, startTestApp, TestApp, TestUser } from './test-app';

const ORIGIN = 'https://clinic.example';
const REASON = 'Chest pain since Tuesday, on warfarin';
const LINK = /^https:\/\/clinic\.example\/j\/([A-Za-z0-9_-]{43})$/;
const CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/;

interface Visit {
  doctor: TestUser;
  patient: TestUser;
  appointment: AppointmentResponse;
}

interface OutboxRow {
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

describe('guests of a visit: invited by its doctor, in by a link of their own, removed for good', () => {
  let sut: TestApp;
  let admin: TestUser;
  let slot = 0;

  beforeAll(async () => {
    // Every redemption of this spec comes from 127.0.0.1.
    sut = await startTestApp({ WEB_ORIGIN: ORIGIN, VISIT_LINK_REDEEMS_PER_ADDRESS: '1000' });
    admin = await account('ADMIN');
  });
  afterAll(async () => {
    await sut.close();
  });

  /** A fresh account with a token from the app's own TokenService (sign-in is auth.spec's). */
  async function account(role: TestUser['role'], name = `${role.toLowerCase()} ${randomUUID().slice(0, 8)}`): Promise<TestUser> {
    const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
    const user = await sut.prisma.user.create({
      data: { email, name, role, timeZone: role === 'PATIENT' ? 'Europe/Madrid' : 'Europe/Berlin' },
    });
    return { id: user.id, email, name, role, token: sut.app.get(TokenService).sign(user.id, role).token };
  }

  /** A visit booked through the API by a new doctor with a new patient, in a day or so (or now). */
  async function bookedVisit(startsInMinutes = 24 * 60 + 30 * slot++): Promise<Visit> {
    const doctor = await account('DOCTOR', 'Dr. Rita Levi');
    const patient = await account('PATIENT', 'Leo Brandt');
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(startsInMinutes), durationMinutes: 30, reason: REASON })
      .expect(201);
    return { doctor, patient, appointment: response.body as AppointmentResponse };
  }

  function invite(visit: Visit, body: object, as: TestUser = visit.doctor) {
    return sut.http.post(`/api/appointments/${visit.appointment.id}/guests`).set(bearer(as)).send(body);
  }

  async function invited(visit: Visit, body: object = { name: 'Ana Ruiz', role: 'INTERPRETER' }): Promise<InviteGuestResponse> {
    return ZInviteGuestResponseSchema.parse((await invite(visit, body).expect(201)).body);
  }

  const redeem = (body: { token: string } | { code: string }) => sut.http.post('/api/visit-links/redeem').send(body);
  const tokenOf = (link: string) => LINK.exec(link)![1]!;

  async function guestSession(guest: InviteGuestResponse): Promise<{ token: string; body: RedeemVisitLinkResponse }> {
    const body = (await redeem({ token: tokenOf(guest.link) }).expect(200)).body as RedeemVisitLinkResponse;
    return { token: body.accessToken, body };
  }

  it('lets the visit’s doctor invite a guest: a link and code of their own, and an email with them but without the reason', async () => {
    const visit = await bookedVisit();
    const email = `interpreter-${randomUUID()}@test.example`;
    const guest = await invited(visit, { name: 'Ana Ruiz', role: 'INTERPRETER', email });
    expect(guest.link).toMatch(LINK);
    expect(guest.code).toMatch(CODE);
    expect(guest.expiresAt).toBe(visit.appointment.endsAt);

    // The guest is a users row of their own, with no password and an address that receives nothing.
    const user = await sut.prisma.user.findUniqueOrThrow({ where: { id: guest.guestId } });
    expect(user).toMatchObject({ role: 'GUEST', name: 'Ana Ruiz', passwordHash: null, timeZone: 'Europe/Madrid' });
    expect(user.email).toBe(`guest-${guest.guestId}@guests.invalid`);
    expect(await sut.prisma.visitGuest.findUniqueOrThrow({ where: { id: guest.guestId } })).toMatchObject({
      appointmentId: visit.appointment.id,
      role: 'INTERPRETER',
      email,
      invitedById: visit.doctor.id,
      removedAt: null,
    });

    const [mail] = await sut.prisma.$queryRaw<OutboxRow[]>`
      SELECT kind, recipient, subject, text, html, attachments FROM outbox_messages WHERE recipient = ${email}`;
    expect(mail).toMatchObject({
      kind: 'guest-invitation',
      subject: expect.stringContaining('Dr. Rita Levi invites you to a video visit'),
    });
    for (const expected of [
      'Hello Ana Ruiz,',
      'Dr. Rita Levi has invited you to join a video visit as an interpreter.',
      'Europe/Madrid',
      `Your code: ${guest.code}`,
      guest.link,
      'lets you in',
    ])
      expect(mail!.text).toContain(expected);
    for (const part of [
      mail!.text,
      mail!.html,
      mail!.subject,
      ...mail!.attachments.map((file) => Buffer.from(file.content, 'base64').toString()),
    ]) {
      expect(part).not.toContain('Chest pain');
      expect(part).not.toContain('warfarin');
      expect(part).not.toContain('Leo Brandt');
    }
    const calendar = Buffer.from(
      mail!.attachments.find((file) => file.contentType.startsWith('text/calendar'))!.content,
      'base64',
    ).toString();
    expect(calendar.replace(/\r\n[ \t]/g, '')).toContain(`mailto:${email}`);

    // The patient's own link is untouched, and is still what the doctor's invitation shows.
    const patientInvitation = (
      await sut.http.get(`/api/appointments/${visit.appointment.id}/invitation`).set(bearer(visit.doctor)).expect(200)
    ).body as VisitInvitationResponse;
    expect(patientInvitation.link).not.toBe(guest.link);
    const patientSession = (await redeem({ token: tokenOf(patientInvitation.link) }).expect(200)).body as RedeemVisitLinkResponse;
    expect(patientSession.user).toMatchObject({ id: visit.patient.id, role: 'PATIENT' });

    const audit = await sut.prisma.auditLog.findFirstOrThrow({ where: { action: 'visit-guest.invite', entityId: visit.appointment.id } });
    expect(audit).toMatchObject({ actorId: visit.doctor.id, entityType: 'appointment' });
    // Exactly this: never the guest's name or address.
    expect(audit.detail).toEqual({ guestId: guest.guestId, guestRole: 'INTERPRETER', emailed: true });

    // Without an address, no email: the doctor shares the link and code.
    const quiet = await invited(visit, { name: 'Tom Brandt', role: 'CAREGIVER' });
    expect(
      await sut.prisma.outboxMessage.count({ where: { kind: 'guest-invitation', dedupeKey: `guest-invitation:${quiet.guestId}` } }),
    ).toBe(0);
  });

  it('signs the guest in as GUEST for that visit: its call and its appointment without the reason, nothing else', async () => {
    const visit = await bookedVisit();
    const other = await bookedVisit();
    const guest = await invited(visit);
    const { token, body } = await guestSession(guest);
    expect(body).toMatchObject({
      appointmentId: visit.appointment.id,
      sessionId: visit.appointment.sessionId,
      roomId: visit.appointment.roomId,
      user: { id: guest.guestId, name: 'Ana Ruiz', role: 'GUEST' },
    });
    expect((await redeem({ code: guest.code.toLowerCase() }).expect(200)).body).toMatchObject({ user: { role: 'GUEST' } });
    const session = { token };

    const me = (await sut.http.get('/api/me').set(bearer(session)).expect(200)).body as UserResponse;
    expect(me).toMatchObject({ id: guest.guestId, role: 'GUEST', visit: { appointmentId: visit.appointment.id }, hasPassword: false });
    const appointment = (await sut.http.get(`/api/appointments/${visit.appointment.id}`).set(bearer(session)).expect(200))
      .body as AppointmentResponse;
    expect(appointment).toMatchObject({ id: visit.appointment.id, reason: '', roomId: visit.appointment.roomId });
    const bySession = (await sut.http.get(`/api/sessions/${visit.appointment.sessionId}/appointment`).set(bearer(session)).expect(200))
      .body as AppointmentResponse;
    expect(bySession.reason).toBe('');
    expect(JSON.stringify([appointment, bySession])).not.toContain('warfarin');
    await sut.http.post('/api/auth/signaling-ticket').set(bearer(session)).expect(200);
    await sut.http.get('/api/ice-servers').set(bearer(session)).expect(200);

    // The record, the notes, the report and the history are not theirs.
    const notFound = { error: 'No session with this id was found.', code: 404, reason: 'not_found' };
    expect((await sut.http.get(`/api/sessions/${visit.appointment.sessionId}`).set(bearer(session)).expect(404)).body).toEqual(notFound);
    await sut.http.get(`/api/sessions/${visit.appointment.sessionId}/report.pdf`).set(bearer(session)).expect(404);
    const notes = await sut.http.get(`/api/sessions/${visit.appointment.sessionId}/notes`).set(bearer(session)).expect(403);
    expect((notes.body as ErrorResponse).reason).toBe('visit_link_only');
    for (const path of ['/api/sessions', '/api/appointments', '/api/patients'])
      expect(((await sut.http.get(path).set(bearer(session)).expect(403)).body as ErrorResponse).reason).toBe('visit_link_only');
    await sut.http.get(`/api/appointments/${visit.appointment.id}/calendar.ics`).set(bearer(session)).expect(403);
    await sut.http.get(`/api/appointments/${visit.appointment.id}/guests`).set(bearer(session)).expect(403);
    await invite(visit, { name: 'Friend', role: 'OTHER' }, { ...visit.doctor, token }).expect(403);
    await sut.http.patch(`/api/appointments/${visit.appointment.id}`).set(bearer(session)).send({ status: 'CANCELLED' }).expect(403);
    // Another visit is a stranger's.
    await sut.http.get(`/api/appointments/${other.appointment.id}`).set(bearer(session)).expect(404);
    await sut.http.get(`/api/sessions/${other.appointment.sessionId}/appointment`).set(bearer(session)).expect(404);

    // No password to choose, and no password sign-in, whatever is typed.
    await sut.http.post('/api/auth/password/choose').set(bearer(session)).send({ password: 'a long new password' }).expect(403);
    const signIn = await sut.http.post('/api/auth/login').send({ email: me.email, password: 'a long new password' }).expect(401);
    expect((signIn.body as ErrorResponse).error).toMatch(/^The email or password is incorrect\./);
    await sut.http.post('/api/auth/password/forgot').send({ email: me.email }).expect(202);
    expect(await sut.prisma.passwordToken.count({ where: { userId: guest.guestId } })).toBe(0);
    // A token of the guest without the visit scope (never issued by the API) opens nothing.
    const unscoped = sut.app.get(TokenService).sign(guest.guestId, 'GUEST').token;
    await sut.http
      .get('/api/me')
      .set(bearer({ token: unscoped }))
      .expect(401);
  });

  it('lets only the visit’s doctor invite, list and remove guests', async () => {
    const visit = await bookedVisit();
    const guest = await invited(visit);
    const otherDoctor = await account('DOCTOR');
    const patientLink = (await sut.http.get(`/api/appointments/${visit.appointment.id}/invitation`).set(bearer(visit.doctor)).expect(200))
      .body as VisitInvitationResponse;
    const linkPatient = {
      token: ((await redeem({ token: tokenOf(patientLink.link) }).expect(200)).body as RedeemVisitLinkResponse).accessToken,
    };
    const body = { name: 'Someone', role: 'CAREGIVER' };
    const base = `/api/appointments/${visit.appointment.id}/guests`;

    for (const [caller, status] of [
      [visit.patient, 403],
      [admin, 403],
      [otherDoctor, 404],
    ] as const) {
      await invite(visit, body, caller).expect(status);
      await sut.http.get(base).set(bearer(caller)).expect(status);
      await sut.http.delete(`${base}/${guest.guestId}`).set(bearer(caller)).expect(status);
    }
    for (const call of [
      sut.http.post(base).set(bearer(linkPatient)).send(body),
      sut.http.get(base).set(bearer(linkPatient)),
      sut.http.delete(`${base}/${guest.guestId}`).set(bearer(linkPatient)),
    ])
      expect(((await call.expect(403)).body as ErrorResponse).reason).toBe('visit_link_only');
    await sut.http.get(base).expect(401);
    const unknown = await sut.http.post(`/api/appointments/${randomUUID()}/guests`).set(bearer(visit.doctor)).send(body).expect(404);
    expect((unknown.body as ErrorResponse).error).toBe('No appointment with this id was found.');
    expect(await sut.prisma.visitGuest.count({ where: { appointmentId: visit.appointment.id } })).toBe(1);
    expect(await sut.prisma.visitGuest.count({ where: { appointmentId: visit.appointment.id, removedAt: { not: null } } })).toBe(0);

    // The service checks by itself too (the call's remove-participant goes straight to it).
    const service = sut.app.get(VisitGuestsService);
    const ctx = (user: TestUser) => ({
      user: { id: user.id, role: user.role, email: user.email, name: user.name, timeZone: 'UTC', language: 'en' as const },
      ip: undefined,
      requestId: undefined,
    });
    await expect(service.remove(ctx(visit.patient), visit.appointment.id, guest.guestId)).rejects.toMatchObject({ status: 403 });
    await expect(service.remove(ctx(otherDoctor), visit.appointment.id, guest.guestId)).rejects.toMatchObject({ status: 404 });
  });

  it('lists the guests with their link in force; a removed guest’s link is refused with guest_removed and their session ends', async () => {
    const visit = await bookedVisit();
    const other = await bookedVisit();
    const ana = await invited(visit, { name: 'Ana Ruiz', role: 'INTERPRETER', email: `ana-${randomUUID()}@test.example` });
    const tom = await invited(visit, { name: 'Tom Brandt', role: 'CAREGIVER' });
    const strangerGuest = await invited(other);
    const session = await guestSession(ana);
    await sut.http.get('/api/me').set(bearer(session)).expect(200);
    const removals: Array<{ appointmentId: string; guestId: string }> = [];
    const unsubscribe = sut.app.get(VisitEvents).onGuestRemoved((removal) => void removals.push(removal));

    try {
      const list = async () =>
        ZVisitGuestListResponseSchema.parse(
          (await sut.http.get(`/api/appointments/${visit.appointment.id}/guests`).set(bearer(visit.doctor)).expect(200)).body,
        );
      expect((await list()).items).toEqual([
        expect.objectContaining({
          guestId: ana.guestId,
          name: 'Ana Ruiz',
          role: 'INTERPRETER',
          removedAt: null,
          link: ana.link,
          code: ana.code,
        }),
        expect.objectContaining({
          guestId: tom.guestId,
          name: 'Tom Brandt',
          role: 'CAREGIVER',
          email: null,
          link: tom.link,
          code: tom.code,
        }),
      ]);

      const path = `/api/appointments/${visit.appointment.id}/guests/${ana.guestId}`;
      await sut.http.delete(path).set(bearer(visit.doctor)).expect(204);
      expect(removals).toEqual([{ appointmentId: visit.appointment.id, guestId: ana.guestId }]);
      // Their session ends at once, and their link and code say why.
      await sut.http.get('/api/me').set(bearer(session)).expect(401);
      await sut.http.get(`/api/appointments/${visit.appointment.id}`).set(bearer(session)).expect(401);
      const refused = await redeem({ token: tokenOf(ana.link) }).expect(410);
      expect(refused.body).toEqual({ error: GUEST_REMOVED_LINK, code: 410, reason: 'guest_removed' });
      expect((await redeem({ code: ana.code }).expect(410)).body).toMatchObject({ reason: 'guest_removed' });

      // Idempotent: removed once, told once, audited once.
      await sut.http.delete(path).set(bearer(visit.doctor)).expect(204);
      expect(removals).toHaveLength(1);
      expect(await sut.prisma.auditLog.count({ where: { action: 'visit-guest.remove', entityId: visit.appointment.id } })).toBe(1);
      const audit = await sut.prisma.auditLog.findFirstOrThrow({ where: { action: 'visit-guest.remove', entityId: visit.appointment.id } });
      expect(audit).toMatchObject({ actorId: visit.doctor.id, entityType: 'appointment', detail: { guestId: ana.guestId } });

      const after = (await list()).items;
      expect(after[0]).toMatchObject({ guestId: ana.guestId, removedAt: expect.any(String), link: null, code: null });
      expect(after[1]).toMatchObject({ guestId: tom.guestId, removedAt: null, link: tom.link });
      await guestSession(tom);

      // A guest of another visit, or no guest at all, is not found here.
      const base = `/api/appointments/${visit.appointment.id}/guests`;
      await sut.http.delete(`${base}/${strangerGuest.guestId}`).set(bearer(visit.doctor)).expect(404);
      await sut.http.delete(`${base}/${visit.patient.id}`).set(bearer(visit.doctor)).expect(404);
      await sut.http.delete(`${base}/not-an-id`).set(bearer(visit.doctor)).expect(404);
      await guestSession(strangerGuest);
      expect(removals).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });

  it('refuses a name with a control character, a guest past the cap, and a visit that can no longer be joined', async () => {
    const visit = await bookedVisit();
    const control = await invite(visit, { name: 'Ana\u0007Ruiz', role: 'INTERPRETER' }).expect(400);
    expect((control.body as ErrorResponse).error).toMatch(/^name: /);
    expect(((await invite(visit, { name: 'Ana', role: 'SURGEON' }).expect(400)).body as ErrorResponse).error).toMatch(/^role: /);
    expect(((await invite(visit, { name: 'Ana', role: 'OTHER', email: 'nope' }).expect(400)).body as ErrorResponse).error).toMatch(
      /^email: /,
    );

    const guests = [];
    for (let index = 0; index < MAX_GUESTS_PER_VISIT; index += 1)
      guests.push(await invited(visit, { name: `Guest ${index}`, role: 'OTHER' }));
    const full = await invite(visit, { name: 'One more', role: 'OTHER' }).expect(409);
    expect(full.body).toEqual({ error: TOO_MANY_GUESTS, code: 409, reason: 'conflict' });
    // A removed guest frees a place.
    await sut.http.delete(`/api/appointments/${visit.appointment.id}/guests/${guests[0]!.guestId}`).set(bearer(visit.doctor)).expect(204);
    await invite(visit, { name: 'One more', role: 'OTHER' }).expect(201);

    const cancelled = await bookedVisit();
    await sut.http
      .patch(`/api/appointments/${cancelled.appointment.id}`)
      .set(bearer(cancelled.doctor))
      .send({ status: 'CANCELLED' })
      .expect(200);
    expect((await invite(cancelled, { name: 'Ana', role: 'INTERPRETER' }).expect(409)).body).toEqual({
      error: 'This visit was cancelled; no one can be invited to it.',
      code: 409,
      reason: 'visit_cancelled',
    });
    const ended = await bookedVisit();
    await sut.prisma.appointment.update({ where: { id: ended.appointment.id }, data: { status: 'COMPLETED' } });
    await sut.prisma.session.update({ where: { id: ended.appointment.sessionId }, data: { status: 'ENDED', endedAt: new Date() } });
    expect(((await invite(ended, { name: 'Ana', role: 'INTERPRETER' }).expect(409)).body as ErrorResponse).reason).toBe('visit_ended');
    expect(await sut.prisma.visitGuest.count({ where: { appointmentId: { in: [cancelled.appointment.id, ended.appointment.id] } } })).toBe(
      0,
    );
  });

  it('keeps a guest’s link working through a reschedule, until the new end, and revokes it with a cancellation', async () => {
    const visit = await bookedVisit();
    const email = `caregiver-${randomUUID()}@test.example`;
    const guest = await invited(visit, { name: 'Tom Brandt', role: 'CAREGIVER', email });
    const before = (await sut.http.get(`/api/appointments/${visit.appointment.id}/invitation`).set(bearer(visit.doctor)).expect(200))
      .body as VisitInvitationResponse;
    const session = await guestSession(guest);

    const startsAt = minutesFromNow(3 * 24 * 60 + 30 * slot++);
    const moved = (
      await sut.http
        .patch(`/api/appointments/${visit.appointment.id}`)
        .set(bearer(visit.doctor))
        .send({ startsAt, durationMinutes: 45 })
        .expect(200)
    ).body as AppointmentResponse;
    // The patient's link is replaced; the guest's goes on, now until the new end, and so does their session.
    await redeem({ token: tokenOf(before.link) }).expect(410);
    expect((await redeem({ token: tokenOf(guest.link) }).expect(200)).body).toMatchObject({ user: { id: guest.guestId, role: 'GUEST' } });
    await sut.http.get('/api/me').set(bearer(session)).expect(200);
    const [link] = await sut.prisma.visitLink.findMany({ where: { userId: guest.guestId, revokedAt: null } });
    expect(link!.redeemableUntil.toISOString()).toBe(moved.endsAt);
    const after = (await sut.http.get(`/api/appointments/${visit.appointment.id}/invitation`).set(bearer(visit.doctor)).expect(200))
      .body as VisitInvitationResponse;
    expect(after.link).not.toBe(guest.link);
    const guests = (await sut.http.get(`/api/appointments/${visit.appointment.id}/guests`).set(bearer(visit.doctor)).expect(200))
      .body as VisitGuestListResponse;
    expect(guests.items[0]).toMatchObject({ link: guest.link, code: guest.code });
    const movedMail = await sut.prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email, kind: 'reschedule' } });
    expect(movedMail.text).toContain('Your link and code stay the same.');
    expect(movedMail.text).toContain(guest.link);
    expect(movedMail.text).not.toContain('Chest pain');

    await sut.http.patch(`/api/appointments/${visit.appointment.id}`).set(bearer(visit.doctor)).send({ status: 'CANCELLED' }).expect(200);
    expect((await redeem({ token: tokenOf(guest.link) }).expect(410)).body).toEqual({
      error: STALE_LINK,
      code: 410,
      reason: 'link_expired',
    });
    await sut.http.get('/api/me').set(bearer(session)).expect(401);
    const cancelledMail = await sut.prisma.outboxMessage.findFirstOrThrow({ where: { recipient: email, kind: 'cancellation' } });
    expect(cancelledMail.text).toContain('was cancelled');
  });

  it('tells the join check at the room’s door whose guest someone is, and whether removed', async () => {
    const visit = await bookedVisit();
    const guest = await invited(visit);
    const service = sut.app.get(VisitGuestsService);
    await expect(service.guestOf(guest.guestId)).resolves.toEqual({
      guestId: guest.guestId,
      appointmentId: visit.appointment.id,
      name: 'Ana Ruiz',
      guestRole: 'INTERPRETER',
      removed: false,
    });
    await sut.http.delete(`/api/appointments/${visit.appointment.id}/guests/${guest.guestId}`).set(bearer(visit.doctor)).expect(204);
    await expect(service.guestOf(guest.guestId)).resolves.toMatchObject({ removed: true });
    await expect(service.guestOf(visit.patient.id)).resolves.toBeUndefined();
    await expect(service.guestOf('not-a-uuid')).resolves.toBeUndefined();
  });
});
