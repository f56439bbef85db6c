import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newPersonContext } from './support/browser';
import {
  bothInState,
  doctorJoinsFromWaitingRoom,
  hydrated,
  patientJoins,
  scheduleNow,
  signIn,
  trackPage,
  watchPeerConnections,
} from './support/journey';
import { createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/** With SHOTS set (a folder), each step is saved there, at desktop and phone size, to look at. */
const SHOTS = process.env.SHOTS ?? '';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`) });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`) });
  await page.setViewportSize(DESKTOP);
}

// Words of the English interface: none of them may be left on a page in another language. The accounts' names,
// the visit's reason and the browser's fake device names are chosen not to contain any.
const ENGLISH_UI =
  /\b(the|your|you|visit|visits|join|call|sign|password|waiting|doctor|patient|camera|microphone|upcoming|past|history|session|email)\b/i;

/** The page is drawn in `language` (and its direction), with no English left in what a person reads. */
async function expectLanguage(page: Page, language: 'es' | 'ar', what: string): Promise<void> {
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
  const text = await page.evaluate(() => document.body.innerText);
  const english = ENGLISH_UI.exec(text);
  if (english) throw new Error(`${what} (${page.url()}) still says "${english[0]}" in English:\n${text.slice(0, 1500)}`);
}

async function chooseProfileLanguage(page: Page, language: 'es' | 'ar'): Promise<void> {
  await page.goto('/profile');
  await hydrated(page, 'profile-save');
  await page.getByTestId('profile-language').selectOption(language);
  await page.getByTestId('profile-save').click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

describeWithBrowser('languages: Spanish and Arabic (right to left) from the first page to the visit record', () => {
  const journey = twoBrowsers();

  async function person(browser: Browser, name: string, locale: string) {
    const context = await newPersonContext(browser, journey.stack.webUrl, DESKTOP, { locale });
    await watchPeerConnections(context);
    const page = await context.newPage();
    trackPage(page, name);
    return page;
  }

  it('a visitor reads the public pages in their browser’s language, picks Arabic, and signs up in it', async () => {
    const page = await person(journey.patientBrowser, 'visitor', 'es-ES');
    await page.goto('/sign-in');
    await hydrated(page, 'sign-in-submit');
    await expectLanguage(page, 'es', 'the sign-in page of a Spanish browser');
    await shot(page, 'languages-01-sign-in-es');

    await page.getByTestId('language-picker').selectOption('ar');
    await expectLanguage(page, 'ar', 'the sign-in page after picking Arabic');
    await page.goto('/register');
    await hydrated(page, 'register-submit');
    await expectLanguage(page, 'ar', 'the sign-up page');
    await shot(page, 'languages-02-register-ar');
    const email = `mariam-${Date.now()}@journey.test`;
    await page.getByTestId('register-name').fill('مريم حداد');
    await page.getByTestId('register-email').fill(email);
    await page.getByTestId('register-password').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/patient$/);
    await expectLanguage(page, 'ar', 'the new patient’s dashboard');
    await shot(page, 'languages-03-patient-dashboard-ar');

    // The account keeps the language: a fresh browser in English still gets Arabic once signed in.
    const elsewhere = await person(journey.doctorBrowser, 'visitor-elsewhere', 'en-US');
    await signIn(elsewhere, email);
    await elsewhere.waitForURL(/\/patient$/);
    await expectLanguage(elsewhere, 'ar', 'the dashboard on another browser');

    // A change on one device reaches the other's next page, without signing in again there.
    await chooseProfileLanguage(page, 'es');
    await elsewhere.reload();
    await expectLanguage(elsewhere, 'es', 'the other browser after the language was changed on the first');
  }, 120_000);

  it('a Spanish doctor and an Arabic patient each see the visit, the call and its record in their own language', async () => {
    const doctor = await createAccount('DOCTOR', 'Dra. Lucía Moreno', 'Europe/Madrid');
    const patient = await createAccount('PATIENT', 'Omar Haddad', 'Africa/Cairo');
    const reason = 'Control de tensión arterial';
    const doctorPage = await person(journey.doctorBrowser, 'doctor-es', 'en-US');
    const patientPage = await person(journey.patientBrowser, 'patient-ar', 'en-US');

    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await chooseProfileLanguage(doctorPage, 'es');
    await expectLanguage(doctorPage, 'es', 'the doctor’s profile after choosing Spanish');
    await doctorPage.goto('/doctor');
    await expectLanguage(doctorPage, 'es', 'the doctor’s dashboard');
    await scheduleNow(doctorPage, patient, reason);
    await shot(doctorPage, 'languages-04-doctor-dashboard-es');

    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    await chooseProfileLanguage(patientPage, 'ar');
    await shot(patientPage, 'languages-05-profile-ar');
    await patientPage.goto('/patient');
    await hydrated(patientPage, 'join-call');
    await expectLanguage(patientPage, 'ar', 'the patient’s dashboard');

    await patientJoins(patientPage, reason);
    await expectLanguage(patientPage, 'ar', 'the waiting room');
    await shot(patientPage, 'languages-06-waiting-ar');
    await doctorJoinsFromWaitingRoom(doctorPage, patient);
    await bothInState([doctorPage, patientPage], 'connected');
    await expectLanguage(patientPage, 'ar', 'the patient’s call');
    await expectLanguage(doctorPage, 'es', 'the doctor’s call');
    await shot(patientPage, 'languages-07-call-ar');
    await shot(doctorPage, 'languages-08-call-es');

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await patientPage.getByTestId('end-screen').waitFor();
    await expectLanguage(patientPage, 'ar', 'the patient’s end screen');
    await shot(patientPage, 'languages-09-end-ar');

    await patientPage.goto('/history');
    await patientPage.getByTestId('history-row').first().waitFor();
    await expectLanguage(patientPage, 'ar', 'the patient’s past visits');
    await patientPage.getByTestId('history-row-link').first().click();
    await patientPage.waitForURL(/\/history\/.+/);
    await patientPage.getByTestId('session-timeline').waitFor();
    await expectLanguage(patientPage, 'ar', 'the patient’s visit record');
    await shot(patientPage, 'languages-10-record-ar');
  }, 240_000);
});
