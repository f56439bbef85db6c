import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { expectAccessible } from './support/axe';
import { screenshots } from './support/browser';
import { bothInState, callState, framesDecoded, hydrated, signIn, trackPage } from './support/journey';
import { expectVideoPlaying } from './support/media';
import { createAccount, type Account } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/** Desktop and phone pictures of each new state, only when asked for (SHOTS, a folder): they cost time on a busy machine. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await screenshots(page, `instant-${name}`, process.env.SHOTS.startsWith('/') ? process.env.SHOTS : undefined);
}

/** The account reads the app in `language` from its next page on (as chosen on the profile page). */
async function speaks(account: Account, language: 'en' | 'es' | 'ar'): Promise<void> {
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  try {
    await db.query('UPDATE users SET language = $1 WHERE id = $2', [language, account.id]);
  } finally {
    await db.end();
  }
}

/** Waits until the element with `testId` has the keyboard focus. */
async function focusOn(page: Page, testId: string): Promise<void> {
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);
}

/** The text the page would paste now. */
function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Waits until the page's call receives sound: audio packets arrive on a connected peer connection. */
async function hearsTheOtherSide(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      let packets = 0;
      for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
        if (pc.connectionState !== 'connected') continue;
        (await pc.getStats()).forEach((stat) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'audio') packets += stat.packetsReceived ?? 0;
        });
      }
      return packets > 0;
    },
    undefined,
    { polling: 250 },
  );
}

/** The visit's device check, with the camera in `camera` state (`off` for an audio call). */
async function deviceCheckWithCamera(page: Page, camera: 'off' | 'ok'): Promise<void> {
  await page.getByTestId('device-check').waitFor();
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === expected,
    camera,
  );
  await page.waitForFunction(() => document.querySelector('[data-testid=microphone-status]')?.getAttribute('data-status') === 'ok');
  await hydrated(page, 'join-visit');
}

describeWithBrowser('instant visits: started from the dashboard, shared by link and code, as an audio or a video call', () => {
  const journey = twoBrowsers();

  async function personPage(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
    const person = await journey.person(browser);
    trackPage(person.page, name);
    return person;
  }

  /** The doctor on the dashboard, allowed to use the clipboard (to paste what Copy put there). */
  async function doctorDashboard(doctor: Account): Promise<Page> {
    const { context, page } = await personPage(journey.doctorBrowser, 'doctor');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: journey.stack.webUrl });
    await signIn(page, doctor.email);
    await page.waitForURL(/\/doctor$/);
    await hydrated(page, 'instant-visit-open');
    return page;
  }

  /** Opens the instant visit's form: focus lands on its first choice. */
  async function openInstantForm(page: Page): Promise<ReturnType<Page['getByTestId']>> {
    await page.getByTestId('instant-visit-open').click();
    const form = page.getByTestId('instant-visit-form');
    await form.waitFor();
    await focusOn(page, 'instant-mode-existing');
    return form;
  }

  /** Starts the visit and reads its link and code off the page, where focus has landed. */
  async function start(page: Page): Promise<{ started: ReturnType<Page['getByTestId']>; link: string; code: string }> {
    await page.getByTestId('instant-visit-submit').click();
    const started = page.getByTestId('instant-visit-started');
    await started.waitFor();
    await focusOn(page, 'instant-visit-started');
    const link = ((await started.getByTestId('instant-visit-link').textContent()) ?? '').trim();
    const code = ((await started.getByTestId('instant-visit-code').textContent()) ?? '').trim();
    expect(link.startsWith(`${journey.stack.webUrl}/j/`)).toBe(true);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    return { started, link, code };
  }

  it('an audio call for a new patient named without email: the link from the page opens it, both join with cameras off and hear each other', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Nadia Sol');
    const patientName = 'Rosa Jiménez';
    const doctorPage = await doctorDashboard(doctor);

    // 1. The doctor opens the compact form; starting with nobody chosen is said on the patient's field.
    await shot(doctorPage, 'closed');
    const form = await openInstantForm(doctorPage);
    await form.getByTestId('instant-visit-submit').click();
    await form.getByTestId('schedule-patient-error').filter({ hasText: 'Choose a patient' }).waitFor();
    await focusOn(doctorPage, 'schedule-patient-search');
    await shot(doctorPage, 'form-problem');

    // 2. A new patient by name only, an audio call, 20 minutes unless changed.
    await form.getByTestId('instant-mode-new').check();
    await form.getByTestId('instant-new-name').fill(patientName);
    await form.getByTestId('instant-media-audio').check();
    expect(await form.getByTestId('instant-duration').inputValue()).toBe('20');
    await expectAccessible(doctorPage, 'the instant visit form (new patient, audio call)');
    await shot(doctorPage, 'form-new-patient-audio');

    // 3. Started: the link and code are on the page at once, each copied with its own button (and said so).
    const { started, link, code } = await start(doctorPage);
    expect(await started.textContent()).toContain(`Audio call with ${patientName} is ready`);
    // No email was given, so none was sent: the doctor is the way the link reaches the patient.
    expect(await started.textContent()).not.toContain('emailed');
    await started.getByTestId('instant-copy-link').click();
    await started.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    expect(await clipboardText(doctorPage)).toBe(link);
    await started.getByTestId('instant-copy-code').click();
    await started.getByTestId('instant-copy-code-status').filter({ hasText: 'Code copied' }).waitFor();
    expect(await clipboardText(doctorPage)).toBe(code);
    await expectAccessible(doctorPage, 'the instant visit started (link and code)');
    await shot(doctorPage, 'started-audio');

    // 4. The visit is on the upcoming list, tagged as an audio call.
    const row = doctorPage.getByTestId('doctor-appointment').filter({ hasText: patientName });
    await row.getByTestId('audio-call-tag').waitFor();

    // 5. The patient opens the link in a browser of their own: the device check starts with the camera off and says why.
    const { page: patientPage } = await personPage(journey.patientBrowser, 'patient');
    await patientPage.goto(link);
    await deviceCheckWithCamera(patientPage, 'off');
    await patientPage.getByTestId('audio-call-notice').waitFor();
    expect(await patientPage.getByTestId('audio-only').isChecked()).toBe(true);
    expect(await patientPage.getByTestId('device-preview').count()).toBe(0);
    await shot(patientPage, 'patient-device-check-audio');
    await patientPage.getByTestId('join-visit').click();
    await callState(patientPage, 'waiting');

    // 6. The doctor joins from the waiting room, with the camera off too; both are connected, by voice only.
    const entry = doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patientName });
    await entry.waitFor();
    await entry.getByTestId('waiting-room-join').click();
    await deviceCheckWithCamera(doctorPage, 'off');
    await doctorPage.getByTestId('audio-call-notice').waitFor();
    await doctorPage.getByTestId('join-visit').click();
    await bothInState([doctorPage, patientPage], 'connected');
    for (const page of [doctorPage, patientPage]) {
      // The other side's tile says what the visit is, not that they turned a camera off.
      const audioCall = page.getByTestId('peer-audio-call');
      await audioCall.waitFor();
      expect(await audioCall.textContent()).toBe('Audio call');
      expect(await page.getByTestId('peer-video-off').count()).toBe(0);
      await page.getByTestId('local-video-off').waitFor();
      await hearsTheOtherSide(page);
    }
    expect(await Promise.all([framesDecoded(doctorPage), framesDecoded(patientPage)])).toEqual([0, 0]);
    await shot(doctorPage, 'audio-call-doctor');

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await patientPage.getByTestId('end-screen').waitFor();
  }, 180_000);

  it('a video call for a patient on file, started in Arabic: Join now takes the doctor in, the patient comes by the link, both see each other', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Omar Haddad');
    const patient = await createAccount('PATIENT', 'Sam Lee', 'Europe/London');
    await speaks(doctor, 'ar');
    const doctorPage = await doctorDashboard(doctor);
    expect(await doctorPage.evaluate(() => document.documentElement.dir)).toBe('rtl');

    // 1. The patient on file, found as the booking form finds them; a video call is the default.
    const form = await openInstantForm(doctorPage);
    await form.getByTestId('schedule-patient-search').fill(patient.email);
    await form.getByTestId('schedule-patient-option').filter({ hasText: patient.email }).click();
    await form.getByTestId('schedule-patient-selected').waitFor();
    expect(await form.getByTestId('instant-media-video').isChecked()).toBe(true);
    await form.getByTestId('instant-reason').fill('متابعة الطفح الجلدي');
    await expectAccessible(doctorPage, 'the instant visit form (patient on file, Arabic)');
    await shot(doctorPage, 'form-existing-video-ar');

    const { started, link } = await start(doctorPage);
    expect(await started.getAttribute('data-media')).toBe('video');
    expect(await started.textContent()).toContain(patient.name);
    await expectAccessible(doctorPage, 'the instant visit started (Arabic)');
    await shot(doctorPage, 'started-video-ar');
    const row = doctorPage.getByTestId('doctor-appointment').filter({ hasText: 'متابعة الطفح الجلدي' });
    await row.waitFor();
    expect(await row.getByTestId('audio-call-tag').count()).toBe(0);

    // 2. Join now: the doctor goes to the visit's device check (camera on) and into the call first.
    const sessionId = await started.getAttribute('data-session-id');
    await started.getByTestId('instant-join-now').click();
    await doctorPage.waitForURL(new RegExp(`/visit/${sessionId}$`));
    await deviceCheckWithCamera(doctorPage, 'ok');
    expect(await doctorPage.getByTestId('audio-call-notice').count()).toBe(0);
    await doctorPage.getByTestId('join-visit').click();

    // 3. The patient opens the shared link in a browser of their own and joins: moving pictures on both sides.
    const { page: patientPage } = await personPage(journey.patientBrowser, 'patient');
    await patientPage.goto(link);
    await deviceCheckWithCamera(patientPage, 'ok');
    await patientPage.getByTestId('join-visit').click();
    await bothInState([doctorPage, patientPage], 'connected');
    await Promise.all([expectVideoPlaying(doctorPage, 'remote-video'), expectVideoPlaying(patientPage, 'remote-video')]);
    expect(await framesDecoded(doctorPage)).toBeGreaterThan(0);
    expect(await framesDecoded(patientPage)).toBeGreaterThan(0);

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await patientPage.getByTestId('end-screen').waitFor();
  }, 180_000);
});
