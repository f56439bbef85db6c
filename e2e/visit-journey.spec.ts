import type { Browser, Page } from 'playwright-core';
import { SCREENSHOT_DIR, screenshots } from './support/browser';
import {
  bothInState,
  callState,
  doctorJoinsFromWaitingRoom,
  expectRemoteVideoPlaying,
  reachCall,
  scheduleNow,
  signIn,
  trackPage,
} from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

describeWithBrowser('a video visit in two real browsers', () => {
  // Each journey gets two fresh browsers: nothing of an earlier call is left in them.
  const journey = twoBrowsers({ freshBrowsersPerTest: true });
  beforeAll(() => console.log(`screenshots: ${SCREENSHOT_DIR}`));

  async function personPage(browser: Browser): Promise<Page> {
    const { page } = await journey.person(browser);
    trackPage(page, browser === journey.doctorBrowser ? 'doctor' : 'patient');
    return page;
  }

  it('schedule, Join Call, waiting room, connected call with chat and mute, end for both', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Lena Hart');
    const patient = await createAccount('PATIENT', 'Tom Becker', 'Europe/London');
    const reason = 'Persistent cough, second opinion';
    const doctorPage = await personPage(journey.doctorBrowser);
    const patientPage = await personPage(journey.patientBrowser);

    await doctorPage.goto('/doctor');
    await doctorPage.waitForURL(/\/sign-in/);
    await screenshots(doctorPage, '01-sign-in');
    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleNow(doctorPage, patient, reason);
    await screenshots(doctorPage, '02-doctor-dashboard');

    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    await patientPage.getByTestId('patient-appointment').filter({ hasText: reason }).waitFor();
    await screenshots(patientPage, '03-patient-dashboard');
    const visitAnswers: Array<[string, number]> = [];
    const onResponse = (response: { url: () => string; status: () => number }) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/bff/')) visitAnswers.push([pathname, response.status()]);
    };
    patientPage.on('response', onResponse);
    await patientPage.getByTestId('patient-appointment').filter({ hasText: reason }).locator('a[data-testid=join-call]').click();
    await patientPage.getByTestId('device-check').waitFor();
    patientPage.off('response', onResponse);
    // The visit page asks for its own appointment once, instead of paging through the lists.
    expect(visitAnswers.filter(([p]) => /^\/bff\/sessions\/[^/]+\/appointment$/.test(p)).map(([, status]) => status)).toEqual([200]);
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok');
    await screenshots(patientPage, '04-device-check');
    await patientPage.getByTestId('join-visit').click();
    await callState(patientPage, 'waiting');
    await screenshots(patientPage, '05-patient-waiting');

    await doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name }).waitFor();
    await screenshots(doctorPage, '06-doctor-waiting-room');
    await doctorJoinsFromWaitingRoom(doctorPage, patient);

    await bothInState([doctorPage, patientPage], 'connected');
    await Promise.all([expectRemoteVideoPlaying(doctorPage), expectRemoteVideoPlaying(patientPage)]);

    await patientPage.getByTestId('chat-input').fill('Good morning, doctor');
    await patientPage.getByTestId('chat-send').click();
    await doctorPage.getByTestId('chat-message').filter({ hasText: 'Good morning, doctor' }).waitFor();
    await doctorPage.getByTestId('chat-input').fill('Morning Tom, I can see you well');
    await doctorPage.getByTestId('chat-send').click();
    await patientPage.getByTestId('chat-message').filter({ hasText: 'Morning Tom, I can see you well' }).waitFor();

    await patientPage.getByTestId('toggle-mute').click();
    await doctorPage.getByTestId('peer-muted').waitFor();
    await screenshots(doctorPage, '07-call-doctor');
    await screenshots(patientPage, '08-call-patient');

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
    await screenshots(patientPage, '09-end-screen-patient');
    await screenshots(doctorPage, '10-end-screen-doctor');

    await patientPage.goto('/patient');
    await patientPage.getByTestId('patient-upcoming').waitFor();
    await patientPage.waitForTimeout(500);
    const stillJoinable = patientPage.getByTestId('patient-appointment').filter({ hasText: reason }).locator('a[data-testid=join-call]');
    expect(await stillJoinable.count()).toBe(0);
  }, 180_000);

  it('resumes the call after the patient’s page reloads, without the doctor doing anything', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Omar Reyes');
    const patient = await createAccount('PATIENT', 'Ivy Chen', 'Europe/London');
    const reason = 'Reload in the middle of the call';
    const doctorPage = await personPage(journey.doctorBrowser);
    const patientPage = await personPage(journey.patientBrowser);
    await reachCall(doctorPage, patientPage, doctor, patient, reason);
    await expectRemoteVideoPlaying(doctorPage);

    await patientPage.reload();
    await bothInState([doctorPage, patientPage], 'connected', 45_000);
    await Promise.all([expectRemoteVideoPlaying(doctorPage), expectRemoteVideoPlaying(patientPage)]);
    await screenshots(patientPage, '11-call-patient-after-reload');
  }, 180_000);
});
