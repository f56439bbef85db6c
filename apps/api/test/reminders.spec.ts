import type { AppointmentResponse } from '@telehealth/contracts';
import type { ParsedMail } from 'mailparser';
import { randomInt, randomUUID } from 'node:crypto';
import { TokenService } from '../src/auth/token.service';
import { ReminderSweepService } from '../src/visit-invitations/reminder-sweep.service';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { bearer, startTestApp, TestApp, TestUser } from './test-app';

const ORIGIN = 'https://clinic.example';
const LINK = /https:\/\/clinic\.example\/j\/([A-Za-z0-9_-]{43})/;
const CODE = /Your code: ([A-Z0-9]{4}-[A-Z0-9]{4})/;
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const REMINDER = 'Reminder: your video visit';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const before = (at: Date, minutes: number, seconds = 0) => new Date(at.getTime() - minutes * MINUTE - seconds * 1000);

describe('visit reminders (a fake clock, two API processes, the real SMTP server of the tests)', () => {
  let smtp: TestSmtpServer;
  let one: TestApp;
  let two: TestApp;
  let settings: Record<string, string>;
  /**
   * Each test's visits on a week of their own, decades ahead and picked at random: the sweeps at
   * those fake times find this spec's visits only, although every spec shares the run's database.
   */
  let week = Date.UTC(2050, 0, 3) + randomInt(0, 2000) * 7 * DAY;
  const nextWeek = () => (week += 7 * DAY);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    settings = {
      WEB_ORIGIN: ORIGIN,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Clinic <no-reply@clinic.test>',
      OUTBOX_WORKER: 'true',
      OUTBOX_POLL_MS: '100',
      REMINDER_MINUTES: '1440,15',
      // The specs move the clock themselves: the timer's sweeps (with the real clock) would only get in the way.
      REMINDER_SWEEP_S: '86400',
    };
    [one, two] = await Promise.all([startTestApp(settings), startTestApp(settings)]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    await smtp.close();
  });

  /** An account straight in the database with a token from the app's TokenService (sign-in is auth.spec's). */
  async function account(role: TestUser['role'], name: string, timeZone = 'Europe/Berlin'): Promise<TestUser> {
    const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
    const user = await one.prisma.user.create({ data: { email, name, role, timeZone } });
    return { id: user.id, email, name, role, token: one.app.get(TokenService).sign(user.id, role).token };
  }

  async function book(
    startsAt: Date,
    timeZone = 'America/New_York',
  ): Promise<{ visit: AppointmentResponse; patient: TestUser; doctor: TestUser }> {
    const doctor = await account('DOCTOR', 'Dr. Rita Levi');
    const patient = await account('PATIENT', 'Omar Haddad', timeZone);
    const response = await one.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: startsAt.toISOString(), durationMinutes: 30, reason: 'Blood pressure' })
      .expect(201);
    return { visit: response.body as AppointmentResponse, patient, doctor };
  }

  const sweep = (app: TestApp, at: Date) => app.app.get(ReminderSweepService).sweep(at);

  /** The reminders in the outbox for this visit (every process and restart writes to the one table). */
  async function written(appointmentId: string): Promise<string[]> {
    const rows = await one.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `reminder:${appointmentId}:` } } });
    return rows.map((row) => row.dedupeKey!).sort();
  }

  const mailTo = (recipient: string, about: string) =>
    smtp.messages.filter(
      (mail) => mail.subject?.includes(about) && mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === recipient),
    );

  /** Exactly `count` messages about `about` reach `recipient`, and no more arrive in the next second. */
  async function exactly(count: number, recipient: string, about: string): Promise<ParsedMail[]> {
    const deadline = Date.now() + 15_000;
    while (mailTo(recipient, about).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages about "${about}", got ${mailTo(recipient, about).length}`);
      await sleep(50);
    }
    await sleep(1000);
    expect(mailTo(recipient, about)).toHaveLength(count);
    return mailTo(recipient, about);
  }

  it('writes each lead time’s reminder exactly once with two processes sweeping at once, and sends it with the link in force', async () => {
    const startsAt = new Date(nextWeek() + 14.5 * 60 * MINUTE);
    const { visit, patient } = await book(startsAt);
    const key = (lead: number) => `reminder:${visit.id}:${lead}:0`;

    expect(await Promise.all([sweep(one, before(startsAt, 1441)), sweep(two, before(startsAt, 1441))])).toEqual([[], []]);
    const dayBefore = before(startsAt, 1440, -30);
    const first = await Promise.all([sweep(one, dayBefore), sweep(two, dayBefore), sweep(one, dayBefore), sweep(two, dayBefore)]);
    expect(first.flat()).toEqual([key(1440)]);
    expect((await Promise.all([sweep(one, before(startsAt, 600)), sweep(two, before(startsAt, 16))])).flat()).toEqual([]);
    const quarterBefore = before(startsAt, 15, -10);
    const second = await Promise.all([sweep(two, quarterBefore), sweep(one, quarterBefore), sweep(two, quarterBefore)]);
    expect(second.flat()).toEqual([key(15)]);
    expect(await written(visit.id)).toEqual([key(1440), key(15)]);

    const confirmation = (await exactly(1, patient.email, 'Your video visit with'))[0]!;
    const reminders = await exactly(2, patient.email, REMINDER);
    const at = startsAt.toLocaleString('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).replace(/\s/g, ' ');
    for (const reminder of reminders) {
      expect(reminder.subject).toMatch(
        new RegExp(`^Reminder: your video visit with Dr\\. Rita Levi on \\w+, .* at ${at} America/New_York$`),
      );
      expect(reminder.text).toContain('Hello Omar Haddad,');
      expect(LINK.exec(reminder.text!)![0]).toBe(LINK.exec(confirmation.text!)![0]);
      expect(CODE.exec(reminder.text!)![1]).toBe(CODE.exec(confirmation.text!)![1]);
      expect(reminder.text).toContain(`go to ${ORIGIN}/join and type the code`);
      expect(reminder.text).not.toContain('Blood pressure');
    }
  });

  it('writes nothing again after a restart, and the next lead time’s reminder once', async () => {
    const startsAt = new Date(nextWeek() + 9 * 60 * MINUTE);
    const { visit } = await book(startsAt, 'Asia/Tokyo');
    expect(await sweep(two, before(startsAt, 1439))).toEqual([`reminder:${visit.id}:1440:0`]);

    await two.close();
    two = await startTestApp(settings);
    expect(await sweep(two, before(startsAt, 1439))).toEqual([]);
    expect(await sweep(two, before(startsAt, 700))).toEqual([]);
    expect(await sweep(two, before(startsAt, 14))).toEqual([`reminder:${visit.id}:15:0`]);
    expect(await sweep(one, before(startsAt, 10))).toEqual([]);
    expect(await written(visit.id)).toEqual([`reminder:${visit.id}:1440:0`, `reminder:${visit.id}:15:0`].sort());
  });

  it('skips cancelled, missed and ended visits', async () => {
    const base = nextWeek();
    const cancelled = await book(new Date(base + 8 * 60 * MINUTE));
    await one.http.patch(`/api/appointments/${cancelled.visit.id}`).set(bearer(cancelled.doctor)).send({ status: 'CANCELLED' }).expect(200);
    const missed = await book(new Date(base + 9 * 60 * MINUTE));
    await one.prisma.appointment.update({ where: { id: missed.visit.id }, data: { status: 'NO_SHOW' } });
    const ended = await book(new Date(base + 10 * 60 * MINUTE));
    await one.prisma.session.update({ where: { id: ended.visit.sessionId }, data: { status: 'ENDED' } });
    const kept = await book(new Date(base + 11 * 60 * MINUTE));

    const swept = [...(await sweep(one, new Date(base - 10 * MINUTE))), ...(await sweep(two, new Date(base + 7.9 * 60 * MINUTE)))];
    expect(swept).toEqual([`reminder:${kept.visit.id}:1440:0`]);
    for (const skipped of [cancelled, missed, ended]) expect(await written(skipped.visit.id)).toEqual([]);
  });

  it('gives a rescheduled visit reminders for its new time, with its new link, and none for the old time', async () => {
    const startsAt = new Date(nextWeek() + 10 * 60 * MINUTE);
    const { visit, patient, doctor } = await book(startsAt);
    expect(await sweep(one, before(startsAt, 1400))).toEqual([`reminder:${visit.id}:1440:0`]);

    const movedTo = new Date(startsAt.getTime() + 2 * DAY + 60 * MINUTE);
    await one.http
      .patch(`/api/appointments/${visit.id}`)
      .set(bearer(doctor))
      .send({ startsAt: movedTo.toISOString(), durationMinutes: 30 })
      .expect(200);
    expect(await sweep(two, before(startsAt, 10))).toEqual([]);
    expect(await sweep(two, before(movedTo, 1440))).toEqual([`reminder:${visit.id}:1440:1`]);
    expect(await sweep(one, before(movedTo, 5))).toEqual([`reminder:${visit.id}:15:1`]);

    const moved = (await exactly(1, patient.email, 'has moved'))[0]!;
    const reminders = await exactly(3, patient.email, REMINDER);
    const newTime = movedTo
      .toLocaleString('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' })
      .replace(/\s/g, ' ');
    const forNewTime = reminders.filter((mail) => mail.subject!.endsWith(`at ${newTime} America/New_York`));
    expect(forNewTime).toHaveLength(2);
    for (const reminder of forNewTime) expect(LINK.exec(reminder.text!)![0]).toBe(LINK.exec(moved.text!)![0]);
  });

  it('skips a reminder whose time came before the visit was booked: a visit booked 10 minutes ahead gets no 15-minute reminder', async () => {
    // Booked for real (the API books nothing in the past): the rule compares with the booking's own time.
    const soon = await book(new Date(Date.now() + 10 * MINUTE));
    const later = await book(new Date(Date.now() + 20 * MINUTE));
    const startsSoon = new Date(soon.visit.startsAt);
    await sweep(one, before(startsSoon, 5));
    await sweep(two, before(startsSoon, 2));
    expect(await written(soon.visit.id)).toEqual([]);

    // Booked 20 minutes ahead: its 15-minute reminder's time comes after the booking.
    await sweep(one, before(new Date(later.visit.startsAt), 14));
    expect(await written(later.visit.id)).toEqual([`reminder:${later.visit.id}:15:0`]);
  });

  it('sends no reminder that would arrive after the start, even when the sweep missed its time', async () => {
    const startsAt = new Date(nextWeek() + 16 * 60 * MINUTE);
    const { visit } = await book(startsAt);
    expect(await sweep(one, new Date(startsAt.getTime() + MINUTE))).toEqual([]);
    expect(await sweep(one, startsAt)).toEqual([]);
    expect(await sweep(two, before(startsAt, 0, 30))).toEqual([]);
    expect(await written(visit.id)).toEqual([]);
    expect(await sweep(two, before(startsAt, 2))).toEqual([`reminder:${visit.id}:15:0`]);
  });

  it('issues a link when none is in force, and the reminder’s link opens the visit', async () => {
    const startsAt = new Date(nextWeek() + 12 * 60 * MINUTE);
    const { visit, patient } = await book(startsAt);
    await one.prisma.visitLink.deleteMany({ where: { appointmentId: visit.id } });
    expect(await sweep(one, before(startsAt, 1000))).toEqual([`reminder:${visit.id}:1440:0`]);
    expect(await one.prisma.visitLink.count({ where: { appointmentId: visit.id, revokedAt: null } })).toBe(1);
    const reminder = (await exactly(1, patient.email, REMINDER))[0]!;
    const token = LINK.exec(reminder.text!)![1]!;
    const redeemed = await one.http.post('/api/visit-links/redeem').send({ token }).expect(200);
    expect(redeemed.body).toMatchObject({ appointmentId: visit.id, user: { id: patient.id } });
  });
});
