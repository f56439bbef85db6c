import type { AppointmentResponse, RedeemVisitLinkResponse, VisitInvitationResponse } from '@telehealth/contracts';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { STAFF_EMAIL } from '../src/appointments/appointments.service';
import { TokenService } from '../src/auth/token.service';
import { ONLY_THE_DOCTOR } from '../src/visit-invitations/visit-invitations.service';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { bearer, minutesFromNow, startTestApp, TestApp, TestUser } from './test-app';

const ORIGIN = 'https://clinic.example';
const LINK = /https:\/\/clinic\.example\/j\/([A-Za-z0-9_-]{43})/;
const CODE = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/;
const STARTS_AT = '2031-03-04T08:30:00.000Z';
const MADRID_TIME = 'Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid';
const BOOKED = 'Your video visit with Dr. Rita Levi:';
const CANCELLED = 'Cancelled: your video visit with Dr. Rita Levi';

/** The calendar's properties, unfolded, by name (the last one wins; parameters kept apart). */
function parseCalendar(ics: string): Record<string, string> & { params: Record<string, string> } {
  const properties: Record<string, string> = {};
  const params: Record<string, string> = {};
  for (const line of ics.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    const match = /^([A-Z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!match || match[1] === 'BEGIN' || match[1] === 'END') continue;
    properties[match[1]!] = match[3]!;
    params[match[1]!] = match[2]!;
  }
  return Object.assign(properties, { params });
}

function calendarOf(mail: ParsedMail): ReturnType<typeof parseCalendar> {
  const file = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  if (!file) throw new Error(`no calendar file in "${mail.subject}"`);
  return parseCalendar(file.content.toString('utf8'));
}

const unescape = (text: string) => text.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');

describe('visit invitations: booking emails, visit links and codes, calendar files', () => {
  let smtp: TestSmtpServer;
  let sut: TestApp;
  let doctor: TestUser;
  /** Callers who are not on any visit of these tests. */
  let colleague: TestUser;
  let admin: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sut = await startTestApp({
      WEB_ORIGIN: ORIGIN,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Clinic <no-reply@clinic.test>',
      OUTBOX_WORKER: 'true',
      OUTBOX_POLL_MS: '100',
    });
    [colleague, admin, stranger] = await Promise.all([account('DOCTOR'), account('ADMIN'), account('PATIENT')]);
  });
  afterAll(async () => {
    await sut.close();
    await smtp.close();
  });
  beforeEach(async () => {
    doctor = await account('DOCTOR', 'Dr. Rita Levi');
  });

  /**
   * A fresh account with a unique email and an access token from the app's own TokenService: sign-in
   * is covered by auth.spec, and two argon2 hashes per account would cost this spec most of its time.
   */
  async function account(role: TestUser['role'], name = `${role.toLowerCase()} ${randomUUID().slice(0, 8)}`): Promise<TestUser> {
    const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
    const user = await sut.prisma.user.create({ data: { email, name, role, timeZone: 'Europe/Berlin' } });
    return { id: user.id, email, name, role, token: sut.app.get(TokenService).sign(user.id, role).token };
  }

  /**
   * The `count`th message to `recipient` whose subject contains `about`. Messages of other specs' rows
   * are left aside, and the sender keeps no order between messages it claims together.
   */
  async function mailTo(recipient: string, about: string, count = 1): Promise<ParsedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mine = smtp.messages.filter(
        (mail) =>
          mail.subject?.includes(about) && mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === recipient),
      );
      if (mine.length >= count) return mine[count - 1]!;
      if (Date.now() > deadline) throw new Error(`expected ${count} messages about "${about}" to ${recipient}, got ${mine.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function book(by: TestUser, patient: Record<string, unknown>, startsAt = STARTS_AT) {
    return sut.http
      .post('/api/appointments')
      .set(bearer(by))
      .send({ ...patient, startsAt, durationMinutes: 30, reason: 'Follow-up on blood pressure' });
  }

  const redeem = (token: string) => sut.http.post('/api/visit-links/redeem').send({ token });

  it('books a new patient by email: an invited account, and a confirmation with the link, the code and a calendar file', async () => {
    const email = `zoe-${randomUUID()}@test.example`;
    const name = 'Zoë Ñúñez 王芳';
    const response = await book(doctor, { patient: { name, email: email.toUpperCase(), timeZone: 'Europe/Madrid' } }).expect(201);
    const visit = response.body as AppointmentResponse;
    expect(visit.patient).toEqual({ id: expect.any(String), name, timeZone: 'Europe/Madrid' });
    expect(await sut.prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      id: visit.patient.id,
      role: 'PATIENT',
      passwordHash: null,
      timeZone: 'Europe/Madrid',
    });

    const mail = await mailTo(email, BOOKED);
    expect(mail.subject).toBe(`Your video visit with Dr. Rita Levi: ${MADRID_TIME}`);
    expect(mail.from?.text).toContain('no-reply@clinic.test');
    expect(mail.text).toContain(`Hello ${name},`);
    expect(mail.text).toContain(`When: ${MADRID_TIME} (30 minutes)`);
    expect(mail.text).toContain('Reason: Follow-up on blood pressure');
    expect(mail.text).toContain(`${ORIGIN}/join`);
    const link = LINK.exec(mail.text!)![0];
    const code = CODE.exec(mail.text!)![1]!;
    expect(mail.text).toContain(`Join your video visit: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);

    const calendar = calendarOf(mail);
    expect(calendar).toMatchObject({
      METHOD: 'REQUEST',
      UID: `${visit.id}@telehealth`,
      SEQUENCE: '0',
      STATUS: 'CONFIRMED',
      DTSTART: '20310304T083000Z',
      DTEND: '20310304T090000Z',
      URL: link,
      SUMMARY: 'Video visit with Dr. Rita Levi',
    });
    expect(calendar.params.ATTENDEE).toContain(`CN="${name}"`);
    expect(unescape(calendar.DESCRIPTION!)).toContain(`${MADRID_TIME} (30 minutes)`);
    expect(unescape(calendar.DESCRIPTION!)).toContain(code);

    const signedIn = (await redeem(LINK.exec(link)![1]!).expect(200)).body as RedeemVisitLinkResponse;
    expect(signedIn).toMatchObject({ appointmentId: visit.id, user: { id: visit.patient.id, name } });
    await sut.http.post('/api/visit-links/redeem').send({ code }).expect(200);
  });

  it('reuses the account of a known email (its name kept) and gives a new one the doctor’s time zone', async () => {
    const email = `sam-${randomUUID()}@test.example`;
    const first = (await book(doctor, { patient: { name: 'Sam Ortega', email } }).expect(201)).body as AppointmentResponse;
    expect(first.patient).toMatchObject({ name: 'Sam Ortega', timeZone: 'Europe/Berlin' });
    const again = (await book(doctor, { patient: { name: 'Samuel O.', email } }, '2031-03-05T08:30:00.000Z').expect(201))
      .body as AppointmentResponse;
    expect(again.patient).toEqual(first.patient);
    expect(await sut.prisma.user.count({ where: { email } })).toBe(1);

    const patient = await account('PATIENT', 'Omar Haddad');
    const known = (await book(doctor, { patient: { name: 'Someone else', email: patient.email } }, '2031-03-06T08:30:00.000Z').expect(201))
      .body as AppointmentResponse;
    expect(known.patient).toMatchObject({ id: patient.id, name: 'Omar Haddad' });
    expect((await mailTo(email, BOOKED, 2)).subject).toContain('Your video visit with Dr. Rita Levi');
  });

  it('refuses the email of a staff account with a 409 and a sentence, booking nothing', async () => {
    for (const staff of [colleague, admin, doctor]) {
      const response = await book(doctor, { patient: { name: 'Not a patient', email: staff.email } }).expect(409);
      expect(response.body).toEqual({ error: STAFF_EMAIL, code: 409, reason: 'conflict' });
    }
    expect(await sut.prisma.appointment.count({ where: { doctorId: doctor.id } })).toBe(0);
    await book(doctor, { patientId: colleague.id }).expect(400);
    await book(doctor, { patientId: randomUUID(), patient: { name: 'Both', email: 'both@test.example' } }).expect(400);
  });

  it('reschedules with a new link (the old one answers 410), the same UID and a raised SEQUENCE; a cancel by the patient revokes it', async () => {
    const patient = await account('PATIENT', 'Omar Haddad');
    const visit = (await book(doctor, { patientId: patient.id }).expect(201)).body as AppointmentResponse;
    const oldLink = LINK.exec((await mailTo(patient.email, BOOKED)).text!)!;
    const oldSession = (await redeem(oldLink[1]!).expect(200)).body as RedeemVisitLinkResponse;

    await sut.http
      .patch(`/api/appointments/${visit.id}`)
      .set(bearer(doctor))
      .send({ startsAt: '2031-03-04T10:00:00.000Z', durationMinutes: 45 })
      .expect(200);
    const moved = await mailTo(patient.email, 'has moved');
    expect(moved.subject).toBe('Your video visit with Dr. Rita Levi has moved to Tuesday, 4 March 2031 at 11:00 AM Europe/Berlin');
    expect(moved.text).toContain('The link and code of earlier messages no longer work');
    const newLink = LINK.exec(moved.text!)!;
    expect(newLink[0]).not.toBe(oldLink[0]);
    expect(calendarOf(moved)).toMatchObject({
      METHOD: 'REQUEST',
      UID: `${visit.id}@telehealth`,
      SEQUENCE: '1',
      DTSTART: '20310304T100000Z',
      DTEND: '20310304T104500Z',
      URL: newLink[0],
    });
    expect((await redeem(oldLink[1]!).expect(410)).body.reason).toBe('link_expired');
    await sut.http
      .get(`/api/appointments/${visit.id}`)
      .set(bearer({ token: oldSession.accessToken }))
      .expect(401);
    await redeem(newLink[1]!).expect(200);

    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
    const cancelled = await mailTo(patient.email, CANCELLED);
    expect(cancelled.subject).toContain('Cancelled: your video visit with Dr. Rita Levi');
    expect(cancelled.text).toContain(
      'You cancelled your video visit with Dr. Rita Levi of Tuesday, 4 March 2031 at 11:00 AM Europe/Berlin',
    );
    expect(calendarOf(cancelled)).toMatchObject({ METHOD: 'CANCEL', STATUS: 'CANCELLED', UID: `${visit.id}@telehealth`, SEQUENCE: '2' });
    await redeem(newLink[1]!).expect(410);
  });

  it('tells the patient in words when the doctor cancelled', async () => {
    const patient = await account('PATIENT');
    const visit = (await book(doctor, { patientId: patient.id }).expect(201)).body as AppointmentResponse;
    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const cancelled = await mailTo(patient.email, CANCELLED);
    expect(cancelled.text).toContain('Dr. Rita Levi has cancelled your video visit of Tuesday, 4 March 2031');
    expect(calendarOf(cancelled)).toMatchObject({ METHOD: 'CANCEL', SEQUENCE: '1' });
  });

  it('lets the patient cancel outside the notice and emails the doctor, in the doctor’s zone, with a calendar CANCEL', async () => {
    const patient = await account('PATIENT', 'Omar Haddad');
    await sut.prisma.user.update({ where: { id: patient.id }, data: { timeZone: 'America/New_York' } });
    const visit = (await book(doctor, { patientId: patient.id }).expect(201)).body as AppointmentResponse;
    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);

    const told = await mailTo(doctor.email, 'Cancelled by Omar Haddad');
    expect(told.subject).toBe('Cancelled by Omar Haddad: video visit on Tuesday, 4 March 2031 at 9:30 AM Europe/Berlin');
    expect(told.text).toContain('Hello Dr. Rita Levi,');
    expect(told.text).toContain(
      'Omar Haddad has cancelled their video visit with you of Tuesday, 4 March 2031 at 9:30 AM Europe/Berlin (30 minutes).',
    );
    expect(told.text).not.toContain('blood pressure');
    expect(calendarOf(told)).toMatchObject({ METHOD: 'CANCEL', STATUS: 'CANCELLED', UID: `${visit.id}@telehealth`, SEQUENCE: '1' });
    expect(unescape(calendarOf(told).DESCRIPTION!)).toContain('9:30 AM Europe/Berlin');
    const own = await mailTo(patient.email, CANCELLED);
    expect(own.text).toContain('You cancelled your video visit with Dr. Rita Levi of Tuesday, 4 March 2031 at 3:30 AM America/New_York');
  });

  it('refuses a patient’s cancel inside the last 60 minutes with 409 too_late; the doctor may still cancel, and is not emailed', async () => {
    const patient = await account('PATIENT');
    const visit = (await book(doctor, { patientId: patient.id }, minutesFromNow(45)).expect(201)).body as AppointmentResponse;
    const refused = await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(409);
    expect(refused.body).toEqual({
      error:
        'This visit starts in less than 60 minutes and can no longer be cancelled online: please call or contact the clinic to cancel it.',
      code: 409,
      reason: 'too_late',
    });
    const unchanged = await sut.prisma.appointment.findUniqueOrThrow({ where: { id: visit.id } });
    expect(unchanged).toMatchObject({ status: 'SCHEDULED', cancelledAt: null, sequence: 0 });

    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    await mailTo(patient.email, CANCELLED);
    const toDoctor = await sut.prisma.outboxMessage.count({ where: { recipient: doctor.email } });
    expect(toDoctor).toBe(0);
  });

  it('gives the visit’s doctor the invitation in the patient’s time zone, and no one else; 409 once cancelled or over', async () => {
    const email = `ana-${randomUUID()}@test.example`;
    const visit = (await book(doctor, { patient: { name: 'Ana Lima', email, timeZone: 'Europe/Madrid' } }).expect(201))
      .body as AppointmentResponse;
    const invitation = (await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(doctor)).expect(200))
      .body as VisitInvitationResponse;
    const emailed = (await mailTo(email, BOOKED)).text!;
    expect(invitation).toEqual({
      link: LINK.exec(emailed)![0],
      code: CODE.exec(emailed)![1],
      message: expect.stringContaining(`${MADRID_TIME} (30 minutes)`),
      expiresAt: visit.endsAt,
    });
    expect(invitation.message).toContain(invitation.link);
    expect(invitation.message).toContain(`${ORIGIN}/join and type the code ${invitation.code}`);

    const patient = (await redeem(LINK.exec(invitation.link)![1]!).expect(200)).body as RedeemVisitLinkResponse;
    await sut.http
      .get(`/api/appointments/${visit.id}/invitation`)
      .set(bearer({ token: patient.accessToken }))
      .expect(403);
    await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(colleague)).expect(404);
    await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(admin)).expect(403);
    expect(ONLY_THE_DOCTOR).toContain('Only the doctor');

    // A visit booked before links existed gets one when its doctor first asks.
    await sut.prisma.visitLink.deleteMany({ where: { appointmentId: visit.id } });
    const issued = (await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(doctor)).expect(200)).body;
    expect(issued.link).not.toBe(invitation.link);
    await redeem(LINK.exec(issued.link)![1]!).expect(200);

    await sut.prisma.session.update({ where: { appointmentId: visit.id }, data: { status: 'ENDED' } });
    const over = await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(doctor)).expect(409);
    expect(over.body.reason).toBe('visit_ended');
    await sut.prisma.session.update({ where: { appointmentId: visit.id }, data: { status: 'WAITING' } });
    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const cancelled = await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(doctor)).expect(409);
    expect(cancelled.body.reason).toBe('visit_cancelled');
  });

  it('serves the calendar file to the doctor, the patient and their visit-link session, and hides it from another patient', async () => {
    const patient = await account('PATIENT');
    const visit = (await book(doctor, { patientId: patient.id }).expect(201)).body as AppointmentResponse;
    const link = LINK.exec((await mailTo(patient.email, BOOKED)).text!)!;
    const session = (await redeem(link[1]!).expect(200)).body as RedeemVisitLinkResponse;
    const path = `/api/appointments/${visit.id}/calendar.ics`;

    for (const caller of [doctor, patient, { token: session.accessToken }]) {
      const response = await sut.http.get(path).set(bearer(caller)).expect(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="video-visit-2031-03-04.ics"');
      expect(parseCalendar(response.text)).toMatchObject({ METHOD: 'REQUEST', UID: `${visit.id}@telehealth`, SEQUENCE: '0', URL: link[0] });
    }
    await sut.http.get(path).set(bearer(stranger)).expect(404);
    await sut.http.get(`/api/appointments/${randomUUID()}/calendar.ics`).set(bearer(doctor)).expect(404);
    // An admin reads the appointment, but the patient's link is not theirs to hold.
    const forAdmin = await sut.http.get(path).set(bearer(admin)).expect(200);
    expect(parseCalendar(forAdmin.text).URL).toBeUndefined();
    expect(forAdmin.text).not.toContain('/j/');

    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const cancelled = parseCalendar((await sut.http.get(path).set(bearer(doctor)).expect(200)).text);
    expect(cancelled).toMatchObject({ METHOD: 'CANCEL', STATUS: 'CANCELLED', SEQUENCE: '1' });
    expect(cancelled.URL).toBeUndefined();
    const audit = await sut.prisma.auditLog.count({ where: { entityId: visit.id, action: 'appointment.calendar.read' } });
    expect(audit).toBe(5);
  });
});
