import type { Browser, Page } from 'playwright-core';
import { screenshots } from './support/browser';
import {
  callState,
  choosePatient,
  hydrated,
  localSlot,
  nextFiveMinutes,
  patientJoins,
  scheduleAt,
  signIn,
  trackPage,
} from './support/journey';
import { createAccount, type Account } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DOCTOR_ZONE = 'Europe/Berlin';
// The patient lives elsewhere: the too-early page must speak the patient's zone, not the doctor's or UTC.
const PATIENT_ZONE = 'America/New_York';

/** Desktop and phone pictures of each new state, only when asked for (SHOTS): they cost time on a busy machine. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS?.startsWith('/') ? process.env.SHOTS : '/tmp/shots17';
  if (process.env.SHOTS) await screenshots(page, `booking-${name}`, dir);
}

/** "4:50 PM" as the web app writes a time in `timeZone`. */
function appTime(at: Date | string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(at));
}

/** The booking form's default slot at `now`: the next quarter hour at least a minute away, in the doctor's zone. */
function nextQuarterHour(now: number): { date: string; time: string } {
  const quarter = 15 * MINUTE;
  return localSlot(new Date(Math.ceil((now + MINUTE) / quarter) * quarter), DOCTOR_ZONE);
}

/** The text of every live region on the page, in document order. */
function liveRegionTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('[aria-live]')).map((region) => region.textContent ?? ''));
}

/** Reads every live region twice, a second apart: nothing in them may change on its own (no ticking timer). */
async function expectLiveRegionsStill(page: Page): Promise<string[]> {
  const first = await liveRegionTexts(page);
  await page.waitForTimeout(1_100);
  expect(await liveRegionTexts(page)).toEqual(first);
  return first;
}

describeWithBrowser('booking and the lists, in real browsers', () => {
  const journey = twoBrowsers();

  async function personPage(browser: Browser, name: string): Promise<Page> {
    const { page } = await journey.person(browser);
    trackPage(page, name);
    return page;
  }

  async function doctorDashboard(doctor: Account): Promise<Page> {
    const page = await personPage(journey.doctorBrowser, 'doctor');
    await signIn(page, doctor.email);
    await page.waitForURL(/\/doctor$/);
    await hydrated(page, 'schedule-patient-search');
    return page;
  }

  async function searchAndChoose(page: Page, patient: Account): Promise<void> {
    await choosePatient(page, patient);
  }

  function row(page: Page, testId: string, reason: string) {
    return page.getByTestId(testId).filter({ hasText: reason });
  }

  /** A visit that starts now, for a patient on file: the dashboard's instant visit (the one way to start at once). */
  async function startInstantVisit(page: Page, patient: Account, reason: string): Promise<void> {
    await page.getByTestId('instant-visit-open').click();
    const form = page.getByTestId('instant-visit-form');
    await form.getByTestId('schedule-patient-search').fill(patient.email);
    await form.getByTestId('schedule-patient-option').filter({ hasText: patient.email }).click();
    await form.getByTestId('schedule-patient-selected').waitFor();
    await form.getByTestId('instant-reason').fill(reason);
    await page.getByTestId('instant-visit-submit').click();
    await page.getByTestId('instant-visit-started').waitFor();
  }

  it('Schedule visit books at the chosen time and leaves a fresh form; problems are said on their fields, in words; starting now is the instant visit’s', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Lena Hart');
    const patient = await createAccount('PATIENT', 'Tom Becker', PATIENT_ZONE);
    const page = await doctorDashboard(doctor);

    // One way to start a visit at once: the form points to the instant visit and has no Start now of its own.
    expect(await page.getByTestId('schedule-instant-hint').textContent()).toContain('Start instant visit');
    expect(await page.getByTestId('schedule-form').getByRole('button', { name: 'Start now' }).count()).toBe(0);

    // Nothing filled in but the default slot: each missing thing is said on its field, and focus goes to the first.
    await page.getByTestId('schedule-submit').click();
    await page.getByTestId('schedule-patient-error').waitFor();
    await page.getByTestId('schedule-reason-error').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-patient');
    expect(await page.getByTestId('schedule-patient-search').getAttribute('aria-invalid')).toBe('true');

    // A start in the past comes back from the API on the time field, without its "startsAt:" prefix.
    await searchAndChoose(page, patient);
    const yesterday = localSlot(new Date(Date.now() - 24 * HOUR), DOCTOR_ZONE);
    await page.getByTestId('schedule-date').fill(yesterday.date);
    await page.getByTestId('schedule-time').fill(yesterday.time);
    await page.getByTestId('schedule-reason').fill('First visit, in two hours');
    await page.getByTestId('schedule-submit').click();
    const timeError = page.getByTestId('schedule-time-error');
    await timeError.waitFor();
    expect(await timeError.textContent()).toBe('The start time must not be in the past.');
    expect(await page.getByTestId('schedule-form').textContent()).not.toContain('startsAt');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-time');
    await shot(page, '01-doctor-field-error');

    // A time two hours ahead: booked, said with the patient's name and the time, and on the list.
    const inTwoHours = nextFiveMinutes(new Date(Date.now() + 2 * HOUR));
    const slot2 = localSlot(inTwoHours, DOCTOR_ZONE);
    await page.getByTestId('schedule-date').fill(slot2.date);
    await page.getByTestId('schedule-time').fill(slot2.time);
    const before = Date.now();
    await page.getByTestId('schedule-submit').click();
    const success = page.getByTestId('schedule-success');
    await success.waitFor();
    const after = Date.now();
    const said = (await success.textContent()) ?? '';
    expect(said).toContain(patient.name);
    expect(said).toContain(appTime(inTwoHours, DOCTOR_ZONE));
    const booked = row(page, 'doctor-appointment', 'First visit, in two hours');
    await booked.waitFor();
    expect((await booked.textContent()) ?? '').toMatch(new RegExp(`^${appTime(inTwoHours, DOCTOR_ZONE)}`));

    // The form is fresh for the next visit: no patient, no reason, the next quarter hour, focus on the patient.
    await page.getByTestId('schedule-patient-search').waitFor();
    expect(await page.getByTestId('schedule-patient-search').inputValue()).toBe('');
    expect(await page.getByTestId('schedule-reason').inputValue()).toBe('');
    const slot = { date: await page.getByTestId('schedule-date').inputValue(), time: await page.getByTestId('schedule-time').inputValue() };
    expect([nextQuarterHour(before), nextQuarterHour(after)]).toContainEqual(slot);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schedule-patient');
    expect(await page.getByTestId('schedule-time-error').count()).toBe(0);
    await page.keyboard.press('Escape');
    await shot(page, '02-doctor-after-booking');
  }, 120_000);

  it('a cancelled visit in the future stays among the upcoming visits, marked Cancelled, and is not a past visit', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Omar Haddad');
    const patient = await createAccount('PATIENT', 'Ines Vogel', PATIENT_ZONE);
    const reason = 'Allergy follow-up, cancelled';
    const page = await doctorDashboard(doctor);
    await scheduleAt(page, patient, reason, nextFiveMinutes(new Date(Date.now() + 26 * HOUR)));
    await row(page, 'doctor-appointment', reason).getByTestId('cancel-appointment').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('cancel-dialog').waitFor({ state: 'detached' });
    await page.locator(`[data-testid=doctor-appointment]:has-text("${reason}") [data-live-status=cancelled]`).waitFor();
    expect(await row(page, 'doctor-appointment', reason).getByTestId('cancel-appointment').count()).toBe(0);
    await shot(page, '03-doctor-cancelled-upcoming');

    const patientPage = await personPage(journey.patientBrowser, 'patient');
    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    const upcoming = row(patientPage, 'patient-appointment', reason);
    await upcoming.locator('[data-live-status=cancelled]').waitFor();
    expect(await upcoming.getByTestId('join-call').count()).toBe(0);
    await patientPage.getByTestId('patient-past').getByText('No past visits yet.').waitFor();
    expect(await row(patientPage, 'patient-past-appointment', reason).count()).toBe(0);
    await shot(patientPage, '04-patient-cancelled-upcoming');

    // The history (GET /api/sessions) has no past visit yet, for either of them.
    for (const person of [patientPage, page]) {
      await person.goto('/history');
      await person.getByTestId('history-count').waitFor();
      expect(await person.getByTestId('history-count').textContent()).toMatch(/^No past visits yet/);
    }
  }, 120_000);

  it('the too-early visit page says when the visit opens in the patient’s own time, and offers the device check, not Rejoin', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Maya Chen');
    const patient = await createAccount('PATIENT', 'Sam Patel', PATIENT_ZONE);
    const reason = 'Later today, blood pressure';
    const page = await doctorDashboard(doctor);
    const startsAt = nextFiveMinutes(new Date(Date.now() + HOUR));
    await scheduleAt(page, patient, reason, startsAt);
    const sessionId = await row(page, 'doctor-appointment', reason).getAttribute('data-session-id');

    const patientPage = await personPage(journey.patientBrowser, 'patient');
    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    await patientPage.goto(`/visit/${sessionId}`);
    const opensAt = new Date(startsAt.getTime() - 10 * MINUTE);
    const early = patientPage.getByTestId('device-check-early');
    await early.filter({ hasText: appTime(opensAt, PATIENT_ZONE) }).waitFor();
    expect(await early.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(await patientPage.getByTestId('rejoin').count()).toBe(0);
    await shot(patientPage, '05-patient-device-check-early');

    // A device whose clock runs ahead lets the patient try to join; the server refuses: too early.
    await patientPage.clock.setSystemTime(opensAt.getTime() + MINUTE);
    await hydrated(patientPage, 'join-visit');
    await patientPage.getByTestId('join-visit').click();
    await patientPage.locator('[data-testid=end-screen][data-state=too-early]').waitFor();
    const text = (await patientPage.getByTestId('end-screen-text').textContent()) ?? '';
    expect(text).toMatch(/^The visit opens (at|on) .+ \(.+\)\.$/);
    expect(text).toContain(appTime(opensAt, PATIENT_ZONE));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z\b/);
    expect(await patientPage.getByTestId('rejoin').count()).toBe(0);
    await patientPage.getByTestId('end-screen-device-check').waitFor();
    await patientPage.getByTestId('end-screen-home').waitFor();
    expect(await patientPage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('end-screen-title');
    await shot(patientPage, '06-patient-too-early');
  }, 120_000);

  it('live regions announce arrivals and changes, never a ticking timer', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Ada Moss');
    const patient = await createAccount('PATIENT', 'Bruno Keller', PATIENT_ZONE);
    const reason = 'Waiting room, quietly';
    const page = await doctorDashboard(doctor);
    await startInstantVisit(page, patient, reason);

    const patientPage = await personPage(journey.patientBrowser, 'patient');
    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    await patientJoins(patientPage, reason);
    await callState(patientPage, 'waiting');

    // The patient's status line ticks ("Waiting for your doctor… (0:03)"); what is announced does not.
    const ticking = patientPage.getByTestId('call-state');
    const shown = await ticking.textContent();
    const announced = await expectLiveRegionsStill(patientPage);
    await patientPage.waitForFunction((before) => document.querySelector('[data-testid=call-state]')?.textContent !== before, shown, {
      timeout: 5_000,
    });
    expect(announced).toContain('Waiting for your doctor…');
    expect(announced.join(' ')).not.toMatch(/\d+:\d\d/);
    await shot(patientPage, '07-patient-waiting');

    // The doctor's waiting room: the waiting time ticks on the list; the arrival is said once, by name.
    const entry = row(page, 'waiting-room-entry', patient.name);
    await entry.waitFor();
    await page.getByTestId('waiting-room-announcement').filter({ hasText: patient.name }).waitFor();
    const elapsed = await entry.getByTestId('waiting-room-elapsed').textContent();
    await expectLiveRegionsStill(page);
    await page.waitForFunction((before) => document.querySelector('[data-testid=waiting-room-elapsed]')?.textContent !== before, elapsed, {
      timeout: 5_000,
    });
    await shot(page, '08-doctor-waiting-room');

    // The doctor joins: the patient hears that the call connects with the doctor, once.
    await entry.getByTestId('waiting-room-join').click();
    await page.getByTestId('join-visit').click();
    await callState(patientPage, 'connected');
    await patientPage
      .getByTestId('call-state-announcement')
      .filter({ hasText: `Connected with ${doctor.name}` })
      .waitFor();
    // Join notices come and go on their own; the state's announcement stays as it is while the connection facts change.
    const announcement = patientPage.getByTestId('call-state-announcement');
    const connected = await announcement.textContent();
    await patientPage.waitForTimeout(1_100);
    expect(await announcement.textContent()).toBe(connected);
  }, 150_000);
});
