import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { screenshots } from './support/browser';
import { signIn, trackPage } from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const SET_PASSWORD_LINK = /set-password\?token=[\w-]+/;
const DOCTOR_PASSWORD = 'fresh-doctor-password-42';

/** The set-password link of the newest email to `recipient`, read from the outbox as the mailer would send it. */
async function linkSentTo(recipient: string): Promise<string> {
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await db.query<{ text: string }>(
        'SELECT text FROM outbox_messages WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1',
        [recipient],
      );
      const match = rows[0] ? SET_PASSWORD_LINK.exec(rows[0].text) : null;
      if (match) return `/${match[0]}`;
      if (Date.now() > deadline) throw new Error(`no set-password link was sent to ${recipient}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await db.end();
  }
}

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

function staffRow(page: Page, email: string) {
  return page.locator(`[data-testid=staff-member][data-email="${email}"]`);
}

describeWithBrowser('staff: an admin invites a doctor, who sets a password from the email link; deactivation locks them out', () => {
  const journey = twoBrowsers();

  it('invite → set password → sign in → deactivate → signed out on the next page', async () => {
    const admin = await createAccount('ADMIN', 'Alma Reyes');
    const doctorEmail = `doctor-${randomUUID().slice(0, 8)}@journey.test`;
    const doctorName = 'Dr. Rosa Vidal';

    // The admin opens Staff from the header and invites a doctor.
    const { page: adminPage } = await journey.person(journey.doctorBrowser);
    trackPage(adminPage, 'admin');
    await signIn(adminPage, admin.email);
    await adminPage.waitForURL(/\/admin$/);
    await adminPage.getByTestId('header-staff').click();
    await adminPage.waitForURL(/\/admin\/staff$/);
    await staffRow(adminPage, admin.email).waitFor();
    // No way to deactivate oneself.
    expect(await staffRow(adminPage, admin.email).getByTestId('staff-deactivate').count()).toBe(0);

    await adminPage.getByTestId('invite-name').fill(doctorName);
    await adminPage.getByTestId('invite-email').fill(doctorEmail);
    await adminPage.getByTestId('invite-role').selectOption('DOCTOR');
    await adminPage.getByTestId('invite-submit').click();
    await adminPage.getByTestId('invite-staff-notice').waitFor();
    await staffRow(adminPage, doctorEmail).locator('[data-testid=staff-status][data-status=invited]').waitFor();

    // The same email again: the API's sentence (409).
    await adminPage.getByTestId('invite-name').fill(doctorName);
    await adminPage.getByTestId('invite-email').fill(doctorEmail);
    await adminPage.getByTestId('invite-submit').click();
    const conflict = adminPage.getByTestId('invite-staff-error');
    await conflict.waitFor();
    expect((await conflict.textContent())?.length).toBeGreaterThan(10);
    await screenshots(adminPage, '40-admin-staff-invited');

    // The doctor opens the invitation link in a browser of their own and chooses a password.
    const link = await linkSentTo(doctorEmail);
    const { page: doctorPage } = await journey.person(journey.patientBrowser);
    trackPage(doctorPage, 'doctor');
    await doctorPage.goto(link);
    await doctorPage.getByTestId('set-password-form').waitFor();
    await doctorPage.getByTestId('set-password-password').fill(DOCTOR_PASSWORD);
    await doctorPage.getByTestId('set-password-repeat').fill(`${DOCTOR_PASSWORD}-typo`);
    await doctorPage.getByTestId('set-password-submit').click();
    await doctorPage.getByTestId('set-password-repeat-error').waitFor();
    await doctorPage.getByTestId('set-password-repeat').fill(DOCTOR_PASSWORD);
    await screenshots(doctorPage, '41-set-password');
    await doctorPage.getByTestId('set-password-submit').click();
    await doctorPage.getByTestId('set-password-done').waitFor();

    // The link works once: again, it is the API's sentence and the way to a new link.
    await doctorPage.goto(link);
    await doctorPage.getByTestId('set-password-password').fill(DOCTOR_PASSWORD);
    await doctorPage.getByTestId('set-password-repeat').fill(DOCTOR_PASSWORD);
    await doctorPage.getByTestId('set-password-submit').click();
    await doctorPage.getByTestId('set-password-forgot').waitFor();
    await screenshots(doctorPage, '42-set-password-used-link');

    // "Forgot password?" from the sign-in form: the neutral answer.
    await doctorPage.getByTestId('set-password-forgot').click();
    await doctorPage.waitForURL(/\/forgot-password$/);
    await doctorPage.goto('/sign-in');
    await doctorPage.getByTestId('sign-in-forgot').click();
    await doctorPage.waitForURL(/\/forgot-password$/);
    await doctorPage.getByTestId('forgot-password-email').fill(doctorEmail);
    await doctorPage.getByTestId('forgot-password-submit').click();
    await doctorPage.getByTestId('forgot-password-notice').waitFor();
    await screenshots(doctorPage, '43-forgot-password');

    // The doctor signs in with the new password and lands on their dashboard.
    await signInWith(doctorPage, doctorEmail, DOCTOR_PASSWORD);
    await doctorPage.waitForURL(/\/doctor$/);

    // Back at Staff, the doctor is active; the admin deactivates them (with a confirmation).
    await adminPage.reload();
    const row = staffRow(adminPage, doctorEmail);
    await row.locator('[data-testid=staff-status][data-status=active]').waitFor();
    await row.getByTestId('staff-deactivate').click();
    await adminPage.getByTestId('staff-deactivate-dialog').waitFor();
    await adminPage.getByTestId('confirm-ok').click();
    await row.locator('[data-testid=staff-status][data-status=deactivated]').waitFor();
    await screenshots(adminPage, '44-admin-staff-deactivated');

    // The doctor's next page is the sign-in page, and the password no longer opens the account.
    await doctorPage.goto('/doctor');
    await doctorPage.waitForURL(/\/sign-in/);
    await signInWith(doctorPage, doctorEmail, DOCTOR_PASSWORD);
    await doctorPage.getByTestId('sign-in-error').waitFor();

    // Reactivated, the doctor can sign in again.
    await row.getByTestId('staff-reactivate').click();
    await row.locator('[data-testid=staff-status][data-status=active]').waitFor();
    await signInWith(doctorPage, doctorEmail, DOCTOR_PASSWORD);
    await doctorPage.waitForURL(/\/doctor$/);
  }, 120_000);
});
