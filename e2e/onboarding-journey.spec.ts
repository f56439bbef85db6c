import type { ParsedMail } from 'mailparser';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { startSmtpServer, TestSmtpServer } from '../apps/api/test/support/smtp';
import { createDatabase, dropDatabase } from '../apps/api/test/test-database';
import { screenshots } from './support/browser';
import { bothInState, callState, expectRemoteVideoPlaying, localSlot, trackPage } from './support/journey';
import { ROOT } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const runFile = promisify(execFile);
const ADMIN_PASSWORD = 'first-admin-password-1';
const DOCTOR_PASSWORD = 'fresh-doctor-password-42';
const PATIENT_PASSWORD = 'my-own-patient-password';

/** The first link of `mail`'s text that starts with `origin` and `route`. */
function linkIn(mail: ParsedMail, origin: string, route: string): string {
  const match = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${route}[\\w?=&-]+`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${route} link in the email "${mail.subject}":\n${mail.text}`);
  return match[0];
}

/** The newest message to `recipient` whose subject contains `about`, as the SMTP server received it. */
async function mailTo(smtp: TestSmtpServer, recipient: string, about: string): Promise<ParsedMail> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = smtp.about(about).filter((mail) => mail.to && JSON.stringify(mail.to).includes(recipient));
    if (found.length > 0) return found[found.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no email about "${about}" reached ${recipient}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByTestId('set-password-form').waitFor();
  await page.getByTestId('set-password-password').fill(password);
  await page.getByTestId('set-password-repeat').fill(password);
  await page.getByTestId('set-password-submit').click();
  await page.getByTestId('set-password-done').waitFor();
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

describeWithBrowser('onboarding with no demo data: first admin → doctor → a new patient brought in by an emailed link', () => {
  // A clinic's own empty database (the API migrates it at start), as on the day the product is
  // installed; it also keeps this journey's emails away from the senders of other specs.
  const databaseName = `${process.env.TEST_DATABASE_NAME ?? 'telehealth_test'}_clinic`;
  let databaseUrl: string;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    [databaseUrl, smtp] = await Promise.all([createDatabase(databaseName), startSmtpServer()]);
  });
  afterAll(async () => {
    // Hooks run in the order declared: the stack is stopped here first, before its database goes.
    await journey.stack?.stop();
    await smtp?.close();
    await dropDatabase(databaseName);
  });
  const journey = twoBrowsers({
    stackSettings: () => ({
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      OUTBOX_WORKER: 'true',
      OUTBOX_POLL_MS: '200',
      MAIL_FROM: 'Clinic <clinic@journey.test>',
    }),
  });

  it('create-admin → admin invites a doctor → doctor books a patient by email → the patient joins from the email → call → password', async () => {
    const tag = randomUUID().slice(0, 8);
    const adminEmail = `admin-${tag}@journey.test`;
    const doctorEmail = `doctor-${tag}@journey.test`;
    const patientEmail = `patient-${tag}@journey.test`;
    const patientName = 'Zoë Ñúñez';
    const reason = `Follow-up on blood pressure ${tag}`;
    const origin = journey.stack.webUrl;

    // 1. The clinic's first admin, from the command line, on the product's database.
    const created = await runFile(
      process.execPath,
      [path.join(ROOT, 'apps/api/dist/cli/create-admin.js'), '--email', adminEmail, '--name', 'Alma Reyes'],
      { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, WEB_ORIGIN: origin }, timeout: 60_000 },
    );
    const adminLink = /https?:\/\/\S+\/set-password\?token=[\w-]+/.exec(created.stdout)?.[0];
    expect(adminLink).toBeDefined();

    // 2. The admin chooses a password from that link, signs in and invites a doctor.
    const { page: adminPage } = await journey.person(journey.doctorBrowser);
    trackPage(adminPage, 'admin');
    await adminPage.goto(adminLink!);
    await choosePassword(adminPage, ADMIN_PASSWORD);
    await signInWith(adminPage, adminEmail, ADMIN_PASSWORD);
    await adminPage.waitForURL(/\/admin$/);
    await adminPage.getByTestId('header-staff').click();
    await adminPage.getByTestId('invite-name').fill('Dr. Rosa Vidal');
    await adminPage.getByTestId('invite-email').fill(doctorEmail);
    await adminPage.getByTestId('invite-role').selectOption('DOCTOR');
    await adminPage.getByTestId('invite-submit').click();
    await adminPage.getByTestId('invite-staff-notice').waitFor();

    // 3. The doctor's emailed link sets a password; the doctor signs in and books a new patient by email.
    const doctorLink = linkIn(await mailTo(smtp, doctorEmail, 'choose a password'), origin, '/set-password');
    const { page: doctorPage } = await journey.person(journey.doctorBrowser);
    trackPage(doctorPage, 'doctor');
    await doctorPage.goto(doctorLink);
    await choosePassword(doctorPage, DOCTOR_PASSWORD);
    await signInWith(doctorPage, doctorEmail, DOCTOR_PASSWORD);
    await doctorPage.waitForURL(/\/doctor$/);
    await doctorPage.getByTestId('patient-mode-new').check();
    await doctorPage.getByTestId('new-patient-name').fill(patientName);
    await doctorPage.getByTestId('new-patient-email').fill(patientEmail);
    const { date, time } = localSlot(new Date(), 'UTC');
    await doctorPage.getByTestId('schedule-date').fill(date);
    await doctorPage.getByTestId('schedule-time').fill(time);
    await doctorPage.getByTestId('schedule-duration').selectOption('30');
    await doctorPage.getByTestId('schedule-reason').fill(reason);
    await screenshots(doctorPage, '50-doctor-books-new-patient');
    await doctorPage.getByTestId('schedule-submit').click();
    await doctorPage.getByTestId('schedule-success').waitFor();
    const booked = doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason });
    await booked.getByTestId('copy-invitation').waitFor();
    await booked.getByTestId('download-ics').waitFor();
    await screenshots(doctorPage, '51-doctor-visit-invitation');

    // 4. The patient opens the emailed link in a browser of their own: no account, no password.
    // The only email the patient has had: the booking confirmation.
    const confirmation = await mailTo(smtp, patientEmail, '');
    const visitLink = linkIn(confirmation, origin, '/j/');
    expect(confirmation.attachments.some((file) => file.filename?.endsWith('.ics'))).toBe(true);
    const { page: patientPage } = await journey.person(journey.patientBrowser);
    trackPage(patientPage, 'patient');
    await patientPage.goto(visitLink);
    await patientPage.getByTestId('device-check').waitFor();
    await screenshots(patientPage, '52-patient-device-check-from-link');
    await patientPage.getByTestId('join-visit').click();
    await callState(patientPage, 'waiting');

    // 5. The doctor admits the patient from the waiting room; both see and hear each other.
    const entry = doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patientName });
    await entry.waitFor();
    await entry.getByTestId('waiting-room-join').click();
    await doctorPage.getByTestId('device-check').waitFor();
    await doctorPage.getByTestId('join-visit').click();
    await bothInState([doctorPage, patientPage], 'connected');
    await Promise.all([expectRemoteVideoPlaying(doctorPage), expectRemoteVideoPlaying(patientPage)]);
    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await patientPage.getByTestId('end-screen').waitFor();

    // 6. After the visit the patient sees the record and keeps an account with a password.
    await patientPage.getByTestId('end-screen-history').click();
    await patientPage.waitForURL(/\/history\/[0-9a-f-]{36}$/);
    await patientPage.getByTestId('session-record').waitFor();
    await patientPage.getByTestId('choose-password').fill(PATIENT_PASSWORD);
    await patientPage.getByTestId('choose-password-repeat').fill(PATIENT_PASSWORD);
    await screenshots(patientPage, '53-patient-record-keep-account');
    await patientPage.getByTestId('choose-password-submit').click();
    await patientPage.getByTestId('choose-password-done').waitFor();

    // The email and the new password open the patient's account in another browser.
    const { page: laterPage } = await journey.person(journey.doctorBrowser);
    await signInWith(laterPage, patientEmail, PATIENT_PASSWORD);
    await laterPage.waitForURL(/\/patient$/);
  }, 180_000);
});
