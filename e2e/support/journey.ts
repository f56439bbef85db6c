import type { BrowserContext, Page } from 'playwright-core';
import { Account, PASSWORD } from './stack';

/**
 * Keeps every RTCPeerConnection a page makes within reach of the test, so it can read the
 * same getStats() the app sees. It observes only: the app's connections are the real ones.
 */
export async function watchPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    (window as unknown as { __telehealthCallTrace: boolean }).__telehealthCallTrace = true;
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        all.push(this);
      }
    };
  });
}

const pageLogs = new WeakMap<Page, string[]>();

/** Keeps the page's warnings, errors and navigations, to explain a failed wait. */
export function trackPage(page: Page, name: string): void {
  const lines: string[] = [];
  pageLogs.set(page, lines);
  const add = (line: string) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${name} ${line.slice(0, 300)}`);
    if (lines.length > 150) lines.shift();
  };
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') add(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) add(`navigated to ${frame.url()}`);
  });
}

/** Remote video frames decoded by the page's connected peer connection(s). */
export function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((stat) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') total += stat.framesDecoded ?? 0;
      });
    }
    return total;
  });
}

/** The remote video element's size and playback clock. */
export function remoteVideo(page: Page): Promise<{ width: number; time: number; paused: boolean }> {
  return page.getByTestId('remote-video').evaluate((element) => {
    const video = element as HTMLVideoElement;
    return { width: video.videoWidth, time: video.currentTime, paused: video.paused };
  });
}

/** Waits until the remote picture really plays: it has a size, its clock advances, frames are decoded. */
export async function expectRemoteVideoPlaying(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid=remote-video]');
    return !!video && video.videoWidth > 0 && !video.paused;
  });
  const before = await remoteVideo(page);
  await page.waitForTimeout(1200);
  const after = await remoteVideo(page);
  if (!(after.width > 0 && after.time > before.time)) throw new Error(`remote video is not playing: ${JSON.stringify({ before, after })}`);
  const frames = await framesDecoded(page);
  if (!(frames > 0)) throw new Error('getStats() reports no decoded remote video frames');
}

export async function callState(page: Page, state: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid=call-state]')?.getAttribute('data-state') === expected,
      state,
      { timeout },
    );
  } catch (error) {
    const seen = await page
      .evaluate(() => ({
        url: location.pathname,
        state: document.querySelector('[data-testid=call-state]')?.getAttribute('data-state') ?? null,
        text: document.querySelector('main')?.textContent?.slice(0, 120),
        peerConnections: ((window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? []).map(
          (pc) => `${pc.connectionState}/${pc.iceConnectionState}/${pc.signalingState}`,
        ),
      }))
      .catch(() => null);
    throw new Error(`call state never became "${state}": ${JSON.stringify(seen)}\n${(pageLogs.get(page) ?? []).join('\n')}`, {
      cause: error,
    });
  }
}

/** Waits for both sides of a call; when one does not get there, says where each one is. */
export async function bothInState(pages: Page[], state: string, timeout = 30_000): Promise<void> {
  const results = await Promise.allSettled(pages.map((page) => callState(page, state, timeout)));
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) throw new Error(failures.map((failure) => (failure.reason as Error).message).join('\n---\n'));
}

/**
 * Waits until React has hydrated the element with `testId` (React marks the DOM nodes it has
 * taken over). Before that, typing and clicks meet plain server HTML: a form submits natively, a
 * focus handler never runs. A person is slower than hydration; a test on a busy machine is not.
 */
export async function hydrated(page: Page, testId: string): Promise<void> {
  try {
    await page.waitForFunction((id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactFiber$'));
    }, testId);
  } catch (error) {
    throw new Error(`${page.url()}: "${testId}" was never hydrated\n${(pageLogs.get(page) ?? []).join('\n')}`, { cause: error });
  }
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await hydrated(page, 'sign-in-submit');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** Date and time fields as the doctor types them, in the doctor's time zone. */
export function localSlot(at: Date, timeZone: string): { date: string; time: string } {
  return {
    date: new Intl.DateTimeFormat('en-CA', { timeZone }).format(at),
    time: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at),
  };
}

/**
 * Searches for `patient` by their email and picks them: specs share one database, so a name may belong to
 * another spec's patient too (a journey once booked the wrong "Leo Brandt"), and a first name may match more
 * patients than the search lists (CI once found the one it wanted missing among the "Leo"s).
 */
export async function choosePatient(doctorPage: Page, patient: Account): Promise<void> {
  await doctorPage.getByTestId('schedule-patient-search').fill(patient.email);
  await doctorPage.getByTestId('schedule-patient-option').filter({ hasText: patient.email }).click();
}

/** The doctor books a visit that starts now, through the dashboard's form (times typed in Europe/Berlin). */
export async function scheduleNow(doctorPage: Page, patient: Account, reason: string): Promise<void> {
  await hydrated(doctorPage, 'schedule-patient-search');
  await choosePatient(doctorPage, patient);
  const { date, time } = localSlot(new Date(), 'Europe/Berlin');
  await doctorPage.getByTestId('schedule-date').fill(date);
  await doctorPage.getByTestId('schedule-time').fill(time);
  await doctorPage.getByTestId('schedule-duration').selectOption('30');
  await doctorPage.getByTestId('schedule-reason').fill(reason);
  await doctorPage.getByTestId('schedule-submit').click();
  await doctorPage.getByTestId('schedule-success').waitFor();
}

export async function patientJoins(patientPage: Page, reason: string): Promise<void> {
  const visit = patientPage.getByTestId('patient-appointment').filter({ hasText: reason });
  await visit.locator('a[data-testid=join-call]').click();
  await patientPage.getByTestId('device-check').waitFor();
  await patientPage.getByTestId('join-visit').click();
}

export async function doctorJoinsFromWaitingRoom(doctorPage: Page, patient: Account): Promise<void> {
  const entry = doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name });
  await entry.waitFor();
  await entry.getByTestId('waiting-room-join').click();
  await doctorPage.getByTestId('device-check').waitFor();
  await doctorPage.getByTestId('join-visit').click();
}

/**
 * The common start of a journey: both sign in, the doctor books a visit for now, the patient
 * joins and waits, the doctor joins from the waiting room, and both reach a connected call.
 */
export async function reachCall(doctorPage: Page, patientPage: Page, doctor: Account, patient: Account, reason: string): Promise<void> {
  await reachCallScreens(doctorPage, patientPage, doctor, patient, reason);
  await bothInState([doctorPage, patientPage], 'connected');
}

/** The same start up to both call screens, whether or not the call then connects. */
export async function reachCallScreens(
  doctorPage: Page,
  patientPage: Page,
  doctor: Account,
  patient: Account,
  reason: string,
): Promise<void> {
  await signIn(doctorPage, doctor.email);
  await doctorPage.waitForURL(/\/doctor$/);
  await scheduleNow(doctorPage, patient, reason);
  await signIn(patientPage, patient.email);
  await patientPage.waitForURL(/\/patient$/);
  await patientJoins(patientPage, reason);
  await callState(patientPage, 'waiting');
  await doctorJoinsFromWaitingRoom(doctorPage, patient);
}

/** `at` moved to the next multiple of five minutes (the reschedule form's time field steps by 5). */
export function nextFiveMinutes(at: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.ceil(at.getTime() / step) * step);
}

/** The doctor books a visit at `at` (typed in Europe/Berlin) through the dashboard's form, and waits until it is on the list. */
export async function scheduleAt(doctorPage: Page, patient: Account, reason: string, at: Date, minutes = 30): Promise<void> {
  await choosePatient(doctorPage, patient);
  const { date, time } = localSlot(at, 'Europe/Berlin');
  await doctorPage.getByTestId('schedule-date').fill(date);
  await doctorPage.getByTestId('schedule-time').fill(time);
  await doctorPage.getByTestId('schedule-duration').selectOption(String(minutes));
  await doctorPage.getByTestId('schedule-reason').fill(reason);
  await doctorPage.getByTestId('schedule-submit').click();
  await doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason }).waitFor();
}

/** The doctor moves the visit booked for `reason` to `at` (typed in Europe/Berlin) from the dashboard's list. */
export async function rescheduleFromList(doctorPage: Page, reason: string, at: Date): Promise<void> {
  await doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason }).getByTestId('reschedule-appointment').click();
  const { date, time } = localSlot(at, 'Europe/Berlin');
  await doctorPage.getByTestId('reschedule-date').fill(date);
  await doctorPage.getByTestId('reschedule-time').fill(time);
  await doctorPage.getByTestId('reschedule-submit').click();
  await doctorPage.getByTestId('reschedule-dialog').waitFor({ state: 'detached' });
}

/**
 * Marks the page's current document, so a later `expectNoReload` can prove that what changed on
 * it came over the socket and not from loading the page again.
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __journeyMark?: boolean }).__journeyMark = true));
}

export async function expectNoReload(page: Page): Promise<void> {
  const marked = await page.evaluate(() => (window as unknown as { __journeyMark?: boolean }).__journeyMark === true);
  if (!marked) throw new Error(`${page.url()} was loaded again: the change did not arrive live`);
}

/** "Tue, Dec 8, 10:30 AM" as the web app writes a date and time in `timeZone`. */
export function appDateTime(at: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(at));
}
