import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, screenshots } from './support/browser';
import {
  appDateTime,
  callState,
  expectNoReload,
  markDocument,
  nextFiveMinutes,
  patientJoins,
  rescheduleFromList,
  scheduleAt,
  scheduleNow,
  signIn,
  trackPage,
} from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const HOUR = 60 * 60_000;

describeWithBrowser('everyone knows what is happening, in two real browsers', () => {
  const journey = twoBrowsers({ freshBrowsersPerTest: true });
  beforeAll(() => console.log(`screenshots: ${SCREENSHOT_DIR}`));

  async function personPage(browser: Browser, name: string): Promise<Page> {
    const { page } = await journey.person(browser);
    trackPage(page, name);
    return page;
  }

  function statusOf(page: Page, testId: string, reason: string) {
    return page.getByTestId(testId).filter({ hasText: reason }).getByTestId('appointment-status');
  }

  async function expectStatus(page: Page, testId: string, reason: string, status: string): Promise<void> {
    await page.waitForFunction(
      ({ testId, reason, status }) =>
        Array.from(document.querySelectorAll(`[data-testid=${testId}]`))
          .find((row) => row.textContent?.includes(reason))
          ?.querySelector('[data-testid=appointment-status]')
          ?.getAttribute('data-live-status') === status,
      { testId, reason, status },
    );
  }

  it('running late, a visit moved out of the waiting room, a cancellation: all told at once, without reload', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Ana Ruiz');
    const patient = await createAccount('PATIENT', 'Marta Soler', 'Europe/Madrid');
    const now = 'Knee pain, first visit';
    const later = 'Blood test results';
    const doctorPage = await personPage(journey.doctorBrowser, 'doctor');
    const dashboard = await personPage(journey.patientBrowser, 'patient-dashboard');

    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleNow(doctorPage, patient, now);
    await scheduleAt(doctorPage, patient, later, nextFiveMinutes(new Date(Date.now() + 5 * HOUR)));
    await markDocument(doctorPage);

    // The patient's dashboard stays open in one tab for the whole journey; the visit is in another.
    await signIn(dashboard, patient.email);
    await dashboard.waitForURL(/\/patient$/);
    await dashboard.getByTestId('patient-appointment').filter({ hasText: later }).waitFor();
    await markDocument(dashboard);
    await expectStatus(dashboard, 'patient-appointment', now, 'scheduled');
    // Inside the notice period the patient is told to contact the office instead of offered a button.
    const nowRow = dashboard.getByTestId('patient-appointment').filter({ hasText: now });
    await nowRow.getByTestId('patient-cancel-closed').waitFor();
    expect(await nowRow.getByTestId('patient-cancel-visit').count()).toBe(0);

    const room = await dashboard.context().newPage();
    trackPage(room, 'patient-room');
    await room.goto('/patient');
    await patientJoins(room, now);
    await callState(room, 'waiting');

    // Both lists say the patient waits, live.
    await expectStatus(doctorPage, 'doctor-appointment', now, 'patient-waiting');
    expect(await statusOf(doctorPage, 'doctor-appointment', now).textContent()).toMatch(/^Patient waiting \(for (under 1|\d+) min\)$/);
    await expectStatus(dashboard, 'patient-appointment', now, 'patient-waiting');
    await screenshots(doctorPage, '60-doctor-live-status-waiting');

    // The doctor is running late and says so from the waiting room.
    const entry = doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name });
    await entry.getByTestId('waiting-message-toggle').click();
    await screenshots(doctorPage, '61-doctor-waiting-message-control');
    await entry.getByTestId('waiting-message-preset').filter({ hasText: 'Running about 10 minutes late' }).click();
    await entry.getByTestId('waiting-message-sent').filter({ hasText: 'Running about 10 minutes late' }).waitFor();
    const message = room.getByTestId('waiting-message').filter({ hasText: 'Running about 10 minutes late' });
    await message.waitFor();
    expect(await message.textContent()).toContain(doctor.name);
    await entry.getByTestId('waiting-message-text').fill('The lab results just arrived, two more minutes');
    await entry.getByTestId('waiting-message-send').click();
    await room.getByTestId('waiting-message').filter({ hasText: 'two more minutes' }).waitFor();
    expect(await room.getByTestId('waiting-message').count()).toBe(2);
    await screenshots(room, '62-patient-waiting-room-message');

    // The doctor moves the visit to later: the patient leaves the room with the new time, and the dashboard shows it.
    const movedTo = nextFiveMinutes(new Date(Date.now() + 3 * HOUR));
    await rescheduleFromList(doctorPage, now, movedTo);
    await room.getByTestId('visit-moved').waitFor();
    const movedText = await room.getByTestId('visit-moved-text').textContent();
    expect(movedText).toContain(`Your visit was moved to ${appDateTime(movedTo, 'Europe/Madrid')} (Europe/Madrid)`);
    await screenshots(room, '63-patient-taken-out-visit-moved');
    await doctorPage.getByTestId('waiting-room-empty').waitFor();

    await dashboard
      .getByTestId('patient-appointment')
      .filter({ hasText: now })
      .getByTestId('patient-appointment-time')
      .filter({ hasText: appDateTime(movedTo, 'Europe/Madrid') })
      .waitFor();
    await expectStatus(dashboard, 'patient-appointment', now, 'scheduled');
    await dashboard.getByTestId('visit-change-notice').filter({ hasText: 'was moved to' }).waitFor();
    await expectNoReload(dashboard);
    await screenshots(dashboard, '64-patient-dashboard-live');

    // The patient cancels the other visit; the doctor's list changes at once.
    await dashboard.getByTestId('patient-appointment').filter({ hasText: later }).getByTestId('patient-cancel-visit').click();
    await dashboard.getByTestId('patient-cancel-dialog').waitFor();
    await screenshots(dashboard, '65-patient-cancel-dialog');
    await dashboard.getByTestId('confirm-ok').click();
    await dashboard.getByTestId('patient-cancel-dialog').waitFor({ state: 'detached' });
    // A cancelled visit stays among the upcoming ones, marked, until its time has passed.
    await dashboard.getByTestId('patient-appointment').filter({ hasText: later }).locator('[data-live-status=cancelled]').waitFor();

    await doctorPage
      .getByTestId('visit-change-notice')
      .filter({ hasText: `The visit with ${patient.name}` })
      .filter({ hasText: 'was cancelled' })
      .waitFor();
    await doctorPage.getByTestId('doctor-appointment').filter({ hasText: later }).locator('[data-live-status=cancelled]').waitFor();
    await expectNoReload(doctorPage);
    await screenshots(doctorPage, '66-doctor-list-after-patient-cancel');
  }, 180_000);

  it('a visit cancelled while the patient waits: the patient is told and leaves the room', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Jonas Berg');
    const patient = await createAccount('PATIENT', 'Lucía Navarro', 'Europe/Madrid');
    const reason = 'Cancelled while waiting';
    const doctorPage = await personPage(journey.doctorBrowser, 'doctor');
    const patientPage = await personPage(journey.patientBrowser, 'patient');

    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleNow(doctorPage, patient, reason);
    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    await patientJoins(patientPage, reason);
    await callState(patientPage, 'waiting');
    await doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name }).waitFor();

    await doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason }).getByTestId('cancel-appointment').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await patientPage.getByTestId('visit-cancelled-text').filter({ hasText: 'you have left the room' }).waitFor();
    await doctorPage.getByTestId('waiting-room-empty').waitFor();
    await screenshots(patientPage, '67-patient-visit-cancelled-while-waiting');

    await patientPage.getByTestId('visit-back-home').click();
    await patientPage.waitForURL(/\/patient$/);
    await patientPage.getByTestId('patient-upcoming').getByText('You have no upcoming visits').waitFor();
  }, 120_000);

  it('two patients wait for the same doctor: each sees their place in line and when to expect the doctor', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Sofia Lind');
    const first = await createAccount('PATIENT', 'Pablo Ortega', 'Europe/Madrid');
    const second = await createAccount('PATIENT', 'Greta Holm', 'Europe/Madrid');
    const doctorPage = await personPage(journey.doctorBrowser, 'doctor');
    const firstPage = await personPage(journey.patientBrowser, 'first patient');
    const secondPage = await personPage(journey.patientBrowser, 'second patient');

    // Back to back, ten minutes each: the second visit's waiting room opens as the first one starts.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleAt(doctorPage, first, 'Back pain', start, 10);
    await scheduleAt(doctorPage, second, 'Sore throat', new Date(start.getTime() + 10 * 60_000), 10);

    for (const [page, patient, reason] of [
      [firstPage, first, 'Back pain'],
      [secondPage, second, 'Sore throat'],
    ] as const) {
      await signIn(page, patient.email);
      await page.waitForURL(/\/patient$/);
      await patientJoins(page, reason);
      await callState(page, 'waiting');
    }

    await firstPage.getByTestId('waiting-position').filter({ hasText: 'You are next in line · expected around' }).waitFor();
    const place = secondPage.getByTestId('waiting-position');
    await place.filter({ hasText: 'You are 2nd in line' }).waitFor();
    expect(await place.textContent()).toMatch(/^You are 2nd in line · expected around \d{1,2}:\d{2} (AM|PM)$/);
    await screenshots(secondPage, '68-patient-waiting-position');
    await doctorPage.getByTestId('waiting-room-entry').filter({ hasText: second.name }).waitFor();
    expect(await doctorPage.getByTestId('waiting-room-entry').count()).toBe(2);
  }, 150_000);
});
