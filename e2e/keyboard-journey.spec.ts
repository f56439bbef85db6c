import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newPersonContext } from './support/browser';
import { bothInState, callState, hydrated, trackPage, watchPeerConnections } from './support/journey';
import { type Account, api, createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/**
 * A keyboard-only journey: nobody here touches a mouse. Every step is Tab, Shift+Tab, Enter, Escape,
 * typing, or a call shortcut (page.keyboard only: no .click(), no .fill(), no .focus()), and after each
 * step the test says where the focus is and checks that it can be seen.
 */

const DESKTOP = { width: 1280, height: 800 };
/** 1280 × 800 at 200% zoom, as someone with low vision uses it: the call's narrow layout, with a Chat button. */
const ZOOMED = { width: 640, height: 400 };

interface Focus {
  /** The focused element's test id, or its tag when it has none ('BODY' when nothing has focus). */
  at: string;
  /** Its accessible name, roughly (aria-label, or its text): for the failure message. */
  name: string;
  /** It matches :focus-visible and draws an outline (its own or its ::after's) or a box shadow. */
  indicator: boolean;
  /** Not one of five points across it reaches it: something (a fixed bar, a sheet) covers it whole. */
  obscured: boolean;
  /** Inside an open modal dialog (role=dialog/alertdialog with aria-modal). */
  inDialog: boolean;
}

function focusOf(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || !(element instanceof HTMLElement)) {
      return { at: 'BODY', name: '', indicator: false, obscured: false, inDialog: false };
    }
    const drawn = (style: CSSStyleDeclaration) =>
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) || (style.boxShadow !== '' && style.boxShadow !== 'none');
    const indicator =
      element.matches(':focus-visible') && (drawn(getComputedStyle(element)) || drawn(getComputedStyle(element, '::after')));
    const rect = element.getBoundingClientRect();
    const points = [
      [0.5, 0.5],
      [0.15, 0.15],
      [0.85, 0.15],
      [0.15, 0.85],
      [0.85, 0.85],
    ].map(([x, y]) => [rect.left + rect.width * x!, rect.top + rect.height * y!] as const);
    const reached = points.some(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top !== null && (element === top || element.contains(top) || top.contains(element));
    });
    const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    return {
      at: element.getAttribute('data-testid') ?? element.tagName,
      name,
      indicator,
      obscured: !reached,
      inDialog: element.closest('[aria-modal=true]') !== null,
    };
  });
}

/** The focus is on `testId`, visibly: a focus indicator is drawn and nothing covers the element. */
async function expectFocus(page: Page, testId: string): Promise<Focus> {
  const focus = await focusOf(page);
  if (focus.at !== testId) throw new Error(`${page.url()}: focus is on ${focus.at} ("${focus.name}"), not on ${testId}`);
  if (!focus.indicator) throw new Error(`${page.url()}: ${testId} ("${focus.name}") has focus but no visible focus indicator`);
  if (focus.obscured) throw new Error(`${page.url()}: ${testId} ("${focus.name}") has focus but is hidden under something else`);
  return focus;
}

/** Tab (or Shift+Tab) until `testId` has focus, as a person would: fails, with the way taken, if it is not reached in `max` presses. */
async function tabTo(page: Page, testId: string, { max = 60, back = false } = {}): Promise<number> {
  const path: string[] = [];
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await focusOf(page);
    if (focus.at === testId) {
      await expectFocus(page, testId);
      return presses;
    }
    path.push(focus.at);
  }
  throw new Error(`${page.url()}: ${max} × ${back ? 'Shift+Tab' : 'Tab'} never reached ${testId}; the focus went ${path.join(' → ')}`);
}

async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
}

/** Signs in with the keyboard alone: Tab to the email field, type, Tab, type the password, Enter. */
async function keyboardSignIn(page: Page, account: Account): Promise<void> {
  await page.goto('/sign-in');
  await hydrated(page, 'sign-in-submit');
  await tabTo(page, 'sign-in-email', { max: 5 });
  await page.keyboard.type(account.email);
  await press(page, 'Tab');
  await expectFocus(page, 'sign-in-password');
  await page.keyboard.type(PASSWORD);
  await press(page, 'Enter');
}

/** The button's pressed state (Mute's is "pressed" while muted). */
function pressed(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).getAttribute('aria-pressed');
}

async function waitPressed(page: Page, testId: string, value: 'true' | 'false'): Promise<void> {
  await page.waitForFunction(
    ({ testId, value }) => document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('aria-pressed') === value,
    { testId, value },
  );
}

describeWithBrowser('the keyboard alone: sign in, device check, waiting room, a call with mute and chat, the end of the visit', () => {
  const journey = twoBrowsers();
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function person(browser: Browser, name: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await newPersonContext(browser, journey.stack.webUrl, viewport);
    contexts.push(context);
    await watchPeerConnections(context);
    const page = await context.newPage();
    trackPage(page, name);
    return page;
  }

  it('a patient and a doctor go from sign-in to the end screen with Tab, Enter, Escape, typing and M; focus is seen and kept in place throughout', async () => {
    const [doctor, patient] = await Promise.all([
      createAccount('DOCTOR', 'Dr. Keith Moreau'),
      createAccount('PATIENT', 'Tara Quinn', 'Europe/London'),
    ]);
    const reason = 'Knee pain when climbing stairs';
    // Booked through the API: the booking form is the booking and forms journeys' subject.
    const { accessToken: token } = await api<{ accessToken: string }>(journey.stack.apiUrl, '/auth/login', {
      method: 'POST',
      body: { email: doctor.email, password: PASSWORD },
    });
    await api(journey.stack.apiUrl, '/appointments', {
      method: 'POST',
      token,
      body: { patientId: patient.id, startsAt: new Date().toISOString(), durationMinutes: 30, reason },
    });
    const [doctorPage, patientPage] = await Promise.all([
      person(journey.doctorBrowser, 'doctor', DESKTOP),
      person(journey.patientBrowser, 'patient', ZOOMED),
    ]);

    // 1. The patient signs in, opens the visit (Join), checks the devices and joins: the waiting room.
    await keyboardSignIn(patientPage, patient);
    await patientPage.waitForURL(/\/patient$/);
    const visit = patientPage.getByTestId('patient-appointment').filter({ hasText: reason });
    await visit.locator('a[data-testid=join-call]').waitFor();
    await hydrated(patientPage, 'join-call');
    await tabTo(patientPage, 'join-call');
    await press(patientPage, 'Enter');
    await patientPage.getByTestId('device-check').waitFor();
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok');
    await hydrated(patientPage, 'join-visit');
    await tabTo(patientPage, 'join-visit');
    await press(patientPage, 'Enter');
    await callState(patientPage, 'waiting');

    // 2. The doctor signs in and joins from the waiting room's entry for the patient, through the device check.
    await keyboardSignIn(doctorPage, doctor);
    await doctorPage.waitForURL(/\/doctor$/);
    await doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name }).waitFor();
    await hydrated(doctorPage, 'waiting-room-join');
    await tabTo(doctorPage, 'waiting-room-join', { max: 120 });
    await press(doctorPage, 'Enter');
    await doctorPage.getByTestId('device-check').waitFor();
    await hydrated(doctorPage, 'join-visit');
    await tabTo(doctorPage, 'join-visit');
    await press(doctorPage, 'Enter');
    await bothInState([doctorPage, patientPage], 'connected');

    // 3. The patient mutes with M (the focus stays where it was), then with Tab and Enter on Mute.
    const before = await focusOf(patientPage);
    await press(patientPage, 'm');
    await waitPressed(patientPage, 'toggle-mute', 'true');
    await doctorPage.getByTestId('peer-muted').waitFor();
    expect((await focusOf(patientPage)).at).toBe(before.at);
    await tabTo(patientPage, 'toggle-mute');
    await press(patientPage, 'Enter');
    await waitPressed(patientPage, 'toggle-mute', 'false');
    await doctorPage.getByTestId('peer-muted').waitFor({ state: 'detached' });
    await expectFocus(patientPage, 'toggle-mute');
    await press(patientPage, 'Enter');
    await waitPressed(patientPage, 'toggle-mute', 'true');
    await doctorPage.getByTestId('peer-muted').waitFor();
    await expectFocus(patientPage, 'toggle-mute');
    // M on the focused button unmutes again: the shortcut works wherever the focus is, but in a field.
    await press(patientPage, 'm');
    await waitPressed(patientPage, 'toggle-mute', 'false');
    await doctorPage.getByTestId('peer-muted').waitFor({ state: 'detached' });
    await expectFocus(patientPage, 'toggle-mute');

    // 4. The chat: Chat opens the sheet with the focus in the message field; Enter sends (an "m" typed
    //    there is a letter, not a mute); Escape closes it and gives the focus back to Chat.
    await tabTo(patientPage, 'chat-toggle');
    expect(await patientPage.getByTestId('chat-toggle').getAttribute('aria-expanded')).toBe('false');
    await press(patientPage, 'Enter');
    await patientPage.locator('[data-testid=chat][data-sheet=open]').waitFor();
    await patientPage.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'chat-input');
    await expectFocus(patientPage, 'chat-input');
    const line = 'My mic works, I am ready.';
    await patientPage.keyboard.type(line);
    await press(patientPage, 'Enter');
    await doctorPage.getByTestId('chat-message').filter({ hasText: line }).waitFor();
    await patientPage.getByTestId('chat-message').filter({ hasText: line }).waitFor();
    expect(await pressed(patientPage, 'toggle-mute')).toBe('false');
    await expectFocus(patientPage, 'chat-input');
    await press(patientPage, 'Escape');
    await patientPage.locator('[data-testid=chat][data-sheet=closed]').waitFor({ state: 'attached' });
    await expectFocus(patientPage, 'chat-toggle');
    expect(await patientPage.getByTestId('chat-toggle').getAttribute('aria-expanded')).toBe('false');

    // 5. The doctor ends the visit through the End-session dialog: the focus goes into it and stays there
    //    (Tab and Shift+Tab go round), Escape closes it and gives the focus back to End session.
    await tabTo(doctorPage, 'end-session');
    await press(doctorPage, 'Enter');
    await doctorPage.getByTestId('end-session-dialog').waitFor();
    expect((await expectFocus(doctorPage, 'confirm-cancel')).inDialog).toBe(true);
    await press(doctorPage, 'Tab');
    await expectFocus(doctorPage, 'confirm-ok');
    await press(doctorPage, 'Tab');
    await expectFocus(doctorPage, 'confirm-cancel');
    await press(doctorPage, 'Shift+Tab');
    await expectFocus(doctorPage, 'confirm-ok');
    for (let i = 0; i < 5; i++) {
      await press(doctorPage, i % 2 === 0 ? 'Tab' : 'Shift+Tab');
      expect((await focusOf(doctorPage)).inDialog).toBe(true);
    }
    // M behind an open dialog is not a shortcut: the doctor stays unmuted.
    await press(doctorPage, 'm');
    expect(await pressed(doctorPage, 'toggle-mute')).toBe('false');
    await press(doctorPage, 'Escape');
    await doctorPage.getByTestId('end-session-dialog').waitFor({ state: 'detached' });
    await expectFocus(doctorPage, 'end-session');
    await callState(doctorPage, 'connected');

    await press(doctorPage, 'Enter');
    await doctorPage.getByTestId('end-session-dialog').waitFor();
    await expectFocus(doctorPage, 'confirm-cancel');
    await press(doctorPage, 'Tab');
    await expectFocus(doctorPage, 'confirm-ok');
    await press(doctorPage, 'Enter');

    // 6. Both reach the end screen, its heading focused, so the keyboard (and a screen reader) starts there.
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
    await Promise.all(
      [doctorPage, patientPage].map((page) =>
        page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'end-screen-title'),
      ),
    );
    await expectFocus(doctorPage, 'end-screen-title');
    await expectFocus(patientPage, 'end-screen-title');
    // And on from there: the record, by the keyboard.
    await tabTo(doctorPage, 'end-screen-history', { max: 5 });
    await press(doctorPage, 'Enter');
    await doctorPage.getByTestId('session-record').waitFor();
  }, 180_000);
});
