import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPersonContext } from './support/browser';
import { type AccessibilityFindings, withAccessibilityFindings } from './support/axe';
import {
  bothInState,
  callState,
  doctorJoinsFromWaitingRoom,
  hydrated,
  scheduleNow,
  signIn,
  trackPage,
  watchPeerConnections,
} from './support/journey';
import { type Account, api, createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const DESKTOP = { width: 1280, height: 800 };
/** An iPhone-sized window: the call's phone layout (bottom bar, chat as a sheet). */
const PHONE = { width: 390, height: 844 };
/** WCAG 2.2 AA's minimum target (SC 2.5.8), and the size a thumb needs, which the phone's bar gives. */
const MIN_TARGET = 24;
const THUMB_TARGET = 44;

/** A visit that starts now, booked through the API (the booking form's own states are checked in English). */
async function bookNow(apiUrl: string, doctor: Account, patient: Account, reason: string): Promise<string> {
  const { accessToken: token } = await api<{ accessToken: string }>(apiUrl, '/auth/login', {
    method: 'POST',
    body: { email: doctor.email, password: PASSWORD },
  });
  const booked = await api<{ sessionId: string }>(apiUrl, '/appointments', {
    method: 'POST',
    token,
    body: { patientId: patient.id, startsAt: new Date().toISOString(), durationMinutes: 30, reason },
  });
  return booked.sessionId;
}

/** The size of every call control on screen: the toolbar's buttons, and the chat's Send and Close. */
function callControlSizes(page: Page): Promise<Array<{ control: string; width: number; height: number }>> {
  return page.$$eval(
    '[data-testid=call-screen] [role=toolbar] button, [data-testid=call-screen] [data-testid=chat-send], [data-testid=call-screen] [data-testid=chat-close]',
    (buttons) =>
      buttons
        .filter((button) => button.getClientRects().length > 0 && getComputedStyle(button).visibility !== 'hidden')
        .map((button) => {
          const { width, height } = button.getBoundingClientRect();
          return { control: button.getAttribute('data-testid') ?? button.textContent ?? '?', width, height };
        }),
  );
}

/** Every call control is at least `min` × `min` CSS pixels (noted with the journey's findings); the toolbar has its usual buttons. */
async function expectTargets(a11y: AccessibilityFindings, page: Page, min: number, what: string): Promise<void> {
  const sizes = await callControlSizes(page);
  expect(sizes.map((size) => size.control)).toEqual(expect.arrayContaining(['toggle-mute', 'toggle-camera', 'leave-call']));
  const small = sizes.filter((size) => size.width < min || size.height < min);
  if (small.length > 0) {
    a11y.problems.push(
      `${what}: call controls smaller than ${min} × ${min} px: ${small.map((s) => `${s.control} ${s.width.toFixed(1)} × ${s.height.toFixed(1)}`).join(', ')}`,
    );
  }
}

/** The person's language, chosen on their profile page: the app's pages follow it, Arabic right to left. */
async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.goto('/profile');
  await hydrated(page, 'profile-save');
  await page.getByTestId('profile-language').selectOption(language);
  await page.getByTestId('profile-save').click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language, { timeout: 15_000 });
}

async function expectPageLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl'): Promise<void> {
  expect(await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))).toEqual({ lang, dir });
}

describeWithBrowser('accessibility: every page and state the journeys visit passes axe (WCAG 2.2 AA), in English and in Arabic', () => {
  const journey = twoBrowsers();
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function person(browser: Browser, name: string): Promise<Page> {
    const context = await newPersonContext(browser, journey.stack.webUrl, DESKTOP);
    contexts.push(context);
    await watchPeerConnections(context);
    const page = await context.newPage();
    trackPage(page, name);
    return page;
  }

  /** The pages anyone can open: sign-in (and a refused password), register, forgot password, the visit code, a bad visit link. */
  async function publicPages(a11y: AccessibilityFindings, page: Page): Promise<void> {
    await page.goto('/sign-in');
    await hydrated(page, 'sign-in-submit');
    await a11y.expect(page, 'sign-in');
    await page.getByTestId('sign-in-email').fill('nobody-here@journey.test');
    await page.getByTestId('sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    await a11y.expect(page, 'sign-in, a refused password shown');

    await page.goto('/register');
    await hydrated(page, 'register-submit');
    await a11y.expect(page, 'register');
    await page.goto('/forgot-password');
    await hydrated(page, 'forgot-password-submit');
    await a11y.expect(page, 'forgot password');
    await page.goto('/join');
    await hydrated(page, 'visit-code-submit');
    await a11y.expect(page, 'join with a visit code');
    await page.goto('/j/this-link-opens-no-visit');
    await page.getByTestId('visit-link-problem').waitFor();
    await a11y.expect(page, 'a visit link that does not work');
  }

  /** The doctor's dashboard: empty, the booking form with a problem on its field, then with the visit booked. */
  async function doctorBooks(a11y: AccessibilityFindings, page: Page, doctor: Account, patient: Account, reason: string): Promise<void> {
    await signIn(page, doctor.email);
    await page.waitForURL(/\/doctor$/);
    await hydrated(page, 'schedule-submit');
    await page.locator('[data-testid=waiting-room-connection][data-state=live]').waitFor();
    await a11y.expect(page, 'doctor dashboard');
    // Sent with no patient and no reason: each field says what it needs.
    await page.getByTestId('schedule-submit').click();
    await page.getByTestId('schedule-patient-error').waitFor();
    await page.getByTestId('schedule-reason-error').waitFor();
    await a11y.expect(page, 'doctor dashboard, the booking form showing field problems');
    await scheduleNow(page, patient, reason);
    await page.getByTestId('doctor-appointment').filter({ hasText: reason }).waitFor();
    await a11y.expect(page, 'doctor dashboard with a booked visit');
  }

  it(
    'in English: public pages, dashboards, device check, waiting room, the call, the end, history, a record, the profile, the admin’s pages',
    () =>
      withAccessibilityFindings(async (a11y) => {
        const [doctor, patient, admin] = await Promise.all([
          createAccount('DOCTOR', 'Dr. Iris Okafor'),
          createAccount('PATIENT', 'Jonas Weber', 'Europe/London'),
          createAccount('ADMIN', 'Ada Lindqvist'),
        ]);
        const reason = 'Persistent cough after a cold';
        const [doctorPage, visitorPage] = await Promise.all([
          person(journey.doctorBrowser, 'doctor'),
          person(journey.patientBrowser, 'visitor'),
        ]);

        // 1. Signed out and the doctor's dashboard, side by side (two browsers).
        await Promise.all([publicPages(a11y, visitorPage), doctorBooks(a11y, doctorPage, doctor, patient, reason)]);

        // 2. The patient: dashboard, profile, device check, waiting.
        const patientPage = await person(journey.patientBrowser, 'patient');
        await signIn(patientPage, patient.email);
        await patientPage.waitForURL(/\/patient$/);
        const visit = patientPage.getByTestId('patient-appointment').filter({ hasText: reason });
        await visit.locator('a[data-testid=join-call]').waitFor();
        const sessionId = (await visit.getAttribute('data-session-id'))!;
        await a11y.expect(patientPage, 'patient dashboard with a visit to join');
        await patientPage.goto('/profile');
        await hydrated(patientPage, 'profile-save');
        await a11y.expect(patientPage, 'profile (name, time zone, language)');
        await patientPage.goto('/patient');
        await visit.locator('a[data-testid=join-call]').click();
        await patientPage.getByTestId('device-check').waitFor();
        await patientPage.waitForFunction(
          () => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok',
        );
        await hydrated(patientPage, 'join-visit');
        await a11y.expect(patientPage, 'device check');
        await patientPage.getByTestId('join-visit').click();
        await callState(patientPage, 'waiting');
        await doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name }).waitFor();
        await Promise.all([
          a11y.expect(patientPage, 'waiting room (patient waiting)'),
          a11y.expect(doctorPage, 'doctor dashboard, the waiting-room panel showing the patient'),
        ]);

        // 3. The call, on both sides, a chat line in it; the controls are big enough for a finger.
        await doctorJoinsFromWaitingRoom(doctorPage, patient);
        await bothInState([doctorPage, patientPage], 'connected');
        await doctorPage.getByTestId('chat-input').fill('Hello Jonas, can you hear me?');
        await doctorPage.getByTestId('chat-send').click();
        await patientPage.getByTestId('chat-message').filter({ hasText: 'can you hear me' }).waitFor();
        await Promise.all([
          a11y.expectWithContrast(doctorPage, 'the call (doctor, chat beside it)'),
          a11y.expectWithContrast(patientPage, 'the call (patient, chat beside it)'),
        ]);
        await expectTargets(a11y, doctorPage, MIN_TARGET, 'the doctor’s call on a desktop');
        await expectTargets(a11y, patientPage, MIN_TARGET, 'the patient’s call on a desktop');

        // The patient's window as narrow as a phone: the bar at the bottom, the chat a sheet.
        await patientPage.setViewportSize(PHONE);
        await patientPage.getByTestId('chat-toggle').waitFor();
        await expectTargets(a11y, patientPage, THUMB_TARGET, 'the patient’s call on a phone');
        await a11y.expectWithContrast(patientPage, 'the call on a phone (patient)');
        await patientPage.getByTestId('chat-toggle').click();
        await patientPage.locator('[data-testid=chat][data-sheet=open]').waitFor();
        await expectTargets(a11y, patientPage, THUMB_TARGET, 'the patient’s call on a phone, chat open');
        await a11y.expectWithContrast(patientPage, 'the call on a phone with the chat open (patient)');
        await patientPage.getByTestId('chat-close').click();
        await patientPage.setViewportSize(DESKTOP);

        // 4. The End-session dialog, then the end screen on both sides.
        await doctorPage.getByTestId('end-session').click();
        await doctorPage.getByTestId('end-session-dialog').waitFor();
        await a11y.expect(doctorPage, 'the call with the End-session dialog open (doctor)');
        await doctorPage.getByTestId('confirm-ok').click();
        await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
        await Promise.all([a11y.expect(doctorPage, 'end screen (doctor)'), a11y.expect(patientPage, 'end screen (patient)')]);

        // 5. Past visits and the record: the patient's list and record, the doctor's record with notes.
        await doctorPage.getByTestId('end-screen-history').click();
        await doctorPage.getByTestId('session-record').waitFor();
        await patientPage.goto('/history');
        const row = patientPage.locator(`[data-testid=history-row][data-session-id="${sessionId}"]`);
        await row.waitFor();
        await Promise.all([a11y.expect(doctorPage, 'visit record (doctor, with notes)'), a11y.expect(patientPage, 'history list')]);
        await row.getByTestId('history-row-link').click();
        await patientPage.getByTestId('session-record').waitFor();
        await a11y.expect(patientPage, 'visit record (patient)');

        // 6. The clinic's admin: overview with the audit log, staff, the clinic's visits and this one.
        const adminPage = await person(journey.doctorBrowser, 'admin');
        await signIn(adminPage, admin.email);
        await adminPage.waitForURL(/\/admin$/);
        await adminPage.getByTestId('audit-entry').first().waitFor();
        await adminPage.getByTestId('open-rooms-totals').waitFor();
        await a11y.expect(adminPage, 'admin overview and audit log');
        await adminPage.goto('/admin/staff');
        await adminPage.getByTestId('staff-member').first().waitFor();
        await a11y.expect(adminPage, 'admin staff');
        await adminPage.goto('/admin/visits');
        await adminPage.getByTestId('clinic-visit-row').first().waitFor();
        await a11y.expect(adminPage, 'clinic visits');
        await adminPage.goto(`/admin/visits/${sessionId}`);
        await adminPage.getByTestId('clinic-visit').waitFor();
        await a11y.expect(adminPage, 'one clinic visit (admin)');
      }),
    300_000,
  );

  it(
    'in Arabic, right to left: the profile, dashboards, device check, the call on a desktop and a phone, the end, history and a record',
    () =>
      withAccessibilityFindings(async (a11y) => {
        const [doctor, patient] = await Promise.all([
          createAccount('DOCTOR', 'Dr. Layla Haddad'),
          createAccount('PATIENT', 'Omar Nasser', 'Asia/Dubai'),
        ]);
        const reason = 'Headaches in the afternoon';
        const sessionId = await bookNow(journey.stack.apiUrl, doctor, patient, reason);
        const [doctorPage, patientPage] = await Promise.all([
          person(journey.doctorBrowser, 'doctor'),
          person(journey.patientBrowser, 'patient'),
        ]);

        // Each signs in and chooses Arabic on their profile page.
        await Promise.all([
          (async () => {
            await signIn(doctorPage, doctor.email);
            await doctorPage.waitForURL(/\/doctor$/);
            await chooseLanguage(doctorPage, 'ar');
          })(),
          (async () => {
            await signIn(patientPage, patient.email);
            await patientPage.waitForURL(/\/patient$/);
            await chooseLanguage(patientPage, 'ar');
          })(),
        ]);
        await patientPage.reload();
        await hydrated(patientPage, 'profile-save');
        await expectPageLanguage(patientPage, 'ar', 'rtl');
        await a11y.expect(patientPage, 'profile (Arabic)');

        // Dashboards.
        await Promise.all([doctorPage.goto('/doctor'), patientPage.goto('/patient')]);
        await doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason }).waitFor();
        const visit = patientPage.getByTestId('patient-appointment').filter({ hasText: reason });
        await visit.locator('a[data-testid=join-call]').waitFor();
        await expectPageLanguage(doctorPage, 'ar', 'rtl');
        await expectPageLanguage(patientPage, 'ar', 'rtl');
        await Promise.all([a11y.expect(doctorPage, 'doctor dashboard (Arabic)'), a11y.expect(patientPage, 'patient dashboard (Arabic)')]);

        // Device check, waiting, the call.
        await visit.locator('a[data-testid=join-call]').click();
        await patientPage.getByTestId('device-check').waitFor();
        await patientPage.waitForFunction(
          () => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok',
        );
        await hydrated(patientPage, 'join-visit');
        await a11y.expect(patientPage, 'device check (Arabic)');
        await patientPage.getByTestId('join-visit').click();
        await callState(patientPage, 'waiting');
        await doctorJoinsFromWaitingRoom(doctorPage, patient);
        await bothInState([doctorPage, patientPage], 'connected');
        await Promise.all([
          a11y.expectWithContrast(doctorPage, 'the call (doctor, Arabic)'),
          a11y.expectWithContrast(patientPage, 'the call (patient, Arabic)'),
        ]);
        await expectTargets(a11y, patientPage, MIN_TARGET, 'the patient’s call in Arabic');
        // The same call on a phone, right to left: the bar at the thumb, the chat a sheet.
        await patientPage.setViewportSize(PHONE);
        await patientPage.getByTestId('chat-toggle').waitFor();
        await expectTargets(a11y, patientPage, THUMB_TARGET, 'the patient’s call on a phone in Arabic');
        await a11y.expectWithContrast(patientPage, 'the call on a phone (patient, Arabic)');
        await patientPage.getByTestId('chat-toggle').click();
        await patientPage.locator('[data-testid=chat][data-sheet=open]').waitFor();
        await a11y.expectWithContrast(patientPage, 'the call on a phone with the chat open (patient, Arabic)');
        await patientPage.getByTestId('chat-close').click();
        await patientPage.setViewportSize(DESKTOP);

        // The end, history and the record.
        await doctorPage.getByTestId('end-session').click();
        await doctorPage.getByTestId('end-session-dialog').waitFor();
        await a11y.expect(doctorPage, 'End-session dialog (Arabic)');
        await doctorPage.getByTestId('confirm-ok').click();
        await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
        await Promise.all([
          a11y.expect(doctorPage, 'end screen (doctor, Arabic)'),
          a11y.expect(patientPage, 'end screen (patient, Arabic)'),
        ]);
        await Promise.all([doctorPage.goto(`/history/${sessionId}`), patientPage.goto('/history')]);
        await doctorPage.getByTestId('session-record').waitFor();
        await patientPage.locator(`[data-testid=history-row][data-session-id="${sessionId}"]`).waitFor();
        await expectPageLanguage(patientPage, 'ar', 'rtl');
        await Promise.all([a11y.expect(doctorPage, 'visit record (doctor, Arabic)'), a11y.expect(patientPage, 'history list (Arabic)')]);
      }),
    240_000,
  );
});
