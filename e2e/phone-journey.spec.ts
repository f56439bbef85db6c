import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { newPersonContext } from './support/browser';
import {
  bothInState,
  callState,
  doctorJoinsFromWaitingRoom,
  expectRemoteVideoPlaying,
  hydrated,
  patientJoins,
  scheduleNow,
  signIn,
  trackPage,
  watchPeerConnections,
} from './support/journey';
import { createAccount, type Account } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/** With SHOTS set (a folder, e.g. /tmp/shots17), each step is saved there as a screenshot to look at. */
const SHOTS = process.env.SHOTS ?? '';
const DESKTOP = { width: 1280, height: 800 };
/** An iPhone-sized phone: 390 × 844 CSS pixels, touch, the mobile viewport. */
const PHONE: BrowserContextOptions = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PHONE_SIZE = { width: 390, height: 844 };
/** 1280 × 800 at 200% zoom: the page lays out in half as many CSS pixels. */
const ZOOMED = { width: 640, height: 400 };

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** React's hydration failures (minified in production as errors #418, #423, #425) seen on `page`. */
function watchHydration(page: Page): string[] {
  const seen: string[] = [];
  const check = (text: string) => {
    if (/hydrat|#418|#423|#425/i.test(text)) seen.push(`${page.url()}: ${text.slice(0, 300)}`);
  };
  page.on('console', (message) => check(message.text()));
  page.on('pageerror', (error) => check(error.message));
  return seen;
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
  width: number;
  height: number;
}

function box(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!element) return null;
    const { top, bottom, left, right, width, height } = element.getBoundingClientRect();
    return { top, bottom, left, right, width, height };
  }, selector);
}

/** The header is one line: not taller than a line of buttons, every item on the same row, none over another. */
async function expectOneLineHeader(page: Page): Promise<void> {
  const rows = await page.evaluate(() => {
    const inner = document.querySelector('.header-inner')!;
    const items = [...inner.children].map((child) => child.getBoundingClientRect()).filter((rect) => rect.width > 0);
    return {
      height: inner.getBoundingClientRect().height,
      centres: items.map((rect) => Math.round((rect.top + rect.bottom) / 2)),
      overlaps: items.slice(1).filter((rect, i) => rect.left < items[i]!.right - 1).length,
    };
  });
  expect(rows.height).toBeLessThanOrEqual(64);
  expect(Math.max(...rows.centres) - Math.min(...rows.centres)).toBeLessThanOrEqual(4);
  expect(rows.overlaps).toBe(0);
}

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  if (widths.scroll > widths.inner) throw new Error(`${what} (${page.url()}) scrolls sideways: ${widths.scroll} px in ${widths.inner} px`);
}

/** The page as at 200% zoom on a 1280 × 800 screen: no sideways scrolling; then back to `size`. */
async function expectFitsZoomed(page: Page, what: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(ZOOMED);
  await page.waitForTimeout(200);
  await shot(page, `zoom200-${what}`);
  await expectNoSidewaysScroll(page, `${what} at 200% zoom`);
  await page.setViewportSize(size);
  await page.waitForTimeout(100);
}

describeWithBrowser('the phone: a call on a 390 × 844 phone, the app installable, pages that fit narrow and zoomed', () => {
  const journey = twoBrowsers();

  async function person(browser: Browser, name: string, viewport: { width: number; height: number }, options: BrowserContextOptions) {
    const context = await newPersonContext(browser, journey.stack.webUrl, viewport, options);
    await watchPeerConnections(context);
    const page = await context.newPage();
    trackPage(page, name);
    return { context, page, hydration: watchHydration(page) };
  }

  async function chatLine(doctorPage: Page, text: string): Promise<void> {
    await doctorPage.getByTestId('chat-input').fill(text);
    await doctorPage.getByTestId('chat-send').click();
    await doctorPage.getByTestId('chat-message').filter({ hasText: text }).waitFor();
  }

  it('a Berlin doctor on a desktop and a patient on a phone: one-line header, video filling the phone, a thumb’s bar, the chat as a sheet with unread lines', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Maya Chen');
    const patient: Account = await createAccount('PATIENT', 'Sam Patel', 'Europe/London');
    const reason = 'Rash on the left arm';
    // The doctor's browser speaks German, the patient's American English: each reads times their way.
    const doc = await person(journey.doctorBrowser, 'doctor', DESKTOP, { locale: 'de-DE' });
    const pat = await person(journey.patientBrowser, 'patient', PHONE_SIZE, { ...PHONE, locale: 'en-US' });
    const doctorPage = doc.page;
    const patientPage = pat.page;

    await patientPage.goto('/sign-in');
    await hydrated(patientPage, 'sign-in-submit');
    await shot(patientPage, 'phone-01-sign-in');
    await expectNoSidewaysScroll(patientPage, 'sign-in on a phone');
    await expectFitsZoomed(patientPage, 'sign-in', PHONE_SIZE);

    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleNow(doctorPage, patient, reason);
    const doctorTime = await doctorPage.getByTestId('doctor-appointment').filter({ hasText: reason }).locator('.item-title').textContent();
    // 24 hours in German ("21:45–22:15"), no AM or PM.
    expect(doctorTime).toMatch(/^\d{1,2}:\d{2}–\d{1,2}:\d{2} · /);
    expect(doctorTime).not.toMatch(/AM|PM/);
    await shot(doctorPage, 'desktop-02-doctor-dashboard-de');
    await expectFitsZoomed(doctorPage, 'doctor-dashboard', DESKTOP);

    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    const patientTime = await patientPage
      .getByTestId('patient-appointment')
      .filter({ hasText: reason })
      .getByTestId('patient-appointment-time')
      .textContent();
    expect(patientTime).toMatch(/\d:\d{2}\s(AM|PM)/);
    await hydrated(patientPage, 'user-menu');
    await expectOneLineHeader(patientPage);
    await expectNoSidewaysScroll(patientPage, 'patient dashboard on a phone');
    // Name and Sign out are behind the initials on a phone.
    expect(await patientPage.getByTestId('header-user-name').isVisible()).toBe(false);
    await patientPage.getByTestId('user-menu').tap();
    await patientPage.getByTestId('header-user-name').filter({ hasText: patient.name }).waitFor();
    expect(await patientPage.getByTestId('sign-out').isVisible()).toBe(true);
    await shot(patientPage, 'phone-03-patient-dashboard-menu');
    await patientPage.keyboard.press('Escape');
    await patientPage.getByTestId('header-user-name').waitFor({ state: 'hidden' });
    await shot(patientPage, 'phone-03-patient-dashboard');
    await expectFitsZoomed(patientPage, 'patient-dashboard', PHONE_SIZE);

    await patientJoins(patientPage, reason);
    await callState(patientPage, 'waiting');
    await doctorJoinsFromWaitingRoom(doctorPage, patient);
    await bothInState([doctorPage, patientPage], 'connected');
    await expectRemoteVideoPlaying(patientPage);
    await patientPage.waitForTimeout(300);

    // The video fills the phone between the header and the bar of controls, fixed at the bottom.
    const [header, stage, bar, video] = await Promise.all(
      ['header', '[data-testid=call-stage]', '.call-bar', '[data-testid=remote-video]'].map((selector) => box(patientPage, selector)),
    );
    expect(bar!.bottom).toBeCloseTo(PHONE_SIZE.height, 0);
    expect(stage!.top).toBeGreaterThanOrEqual(header!.bottom);
    expect(stage!.bottom).toBeLessThanOrEqual(bar!.top + 1);
    expect(stage!.height).toBeGreaterThan(PHONE_SIZE.height * 0.6);
    expect(stage!.width).toBeGreaterThan(PHONE_SIZE.width - 24);
    expect(video!.height).toBeGreaterThanOrEqual(stage!.height - 2);
    // Every control is in the bar, on screen, at least 44 × 44 px.
    const targets = await patientPage.$$eval('.call-bar [role=toolbar] button', (buttons) =>
      buttons
        .filter((button) => getComputedStyle(button).display !== 'none')
        .map((button) => {
          const { top, bottom, width, height } = button.getBoundingClientRect();
          return { name: button.textContent, top, bottom, width, height };
        }),
    );
    expect(targets.map((target) => target.name)).toEqual(
      expect.arrayContaining([expect.stringContaining('Mute'), expect.stringContaining('Chat')]),
    );
    for (const target of targets) {
      expect(target.width).toBeGreaterThanOrEqual(44);
      expect(target.height).toBeGreaterThanOrEqual(44);
      expect(target.top).toBeGreaterThanOrEqual(bar!.top);
      expect(target.bottom).toBeLessThanOrEqual(PHONE_SIZE.height);
    }
    await expectOneLineHeader(patientPage);
    await expectNoSidewaysScroll(patientPage, 'the call on a phone');
    // The chat is closed on the phone; on the desktop it is beside the call, with no Chat button.
    expect(await patientPage.getByTestId('chat').isVisible()).toBe(false);
    expect(await doctorPage.getByTestId('chat-input').isVisible()).toBe(true);
    expect(await doctorPage.getByTestId('chat-toggle').isVisible()).toBe(false);
    await shot(patientPage, 'phone-04-call-patient');
    await shot(doctorPage, 'desktop-04-call-doctor');

    // A line from the doctor while the sheet is closed: the Chat button counts it.
    await chatLine(doctorPage, 'Can you move closer to the light?');
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=chat-unread]')?.getAttribute('data-count') === '1');
    await chatLine(doctorPage, 'And turn your arm a little.');
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=chat-unread]')?.getAttribute('data-count') === '2');
    expect(await patientPage.getByTestId('chat-toggle').textContent()).toContain('2 unread messages');
    await shot(patientPage, 'phone-05-call-unread');

    // Opened: the sheet sits above the bar, the lines are there, the focus is in the message field, nothing is unread.
    await patientPage.getByTestId('chat-toggle').tap();
    await patientPage.getByTestId('chat-message').filter({ hasText: 'Can you move closer to the light?' }).waitFor();
    const sheet = await box(patientPage, '[data-testid=chat]');
    const barNow = await box(patientPage, '.call-bar');
    expect(sheet!.bottom).toBeLessThanOrEqual(barNow!.top + 1);
    expect(sheet!.top).toBeGreaterThan(0);
    expect(await patientPage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-input');
    expect(await patientPage.getByTestId('chat-unread').count()).toBe(0);
    await patientPage.getByTestId('chat-input').fill('Is this better?');
    await patientPage.getByTestId('chat-send').tap();
    await doctorPage.getByTestId('chat-message').filter({ hasText: 'Is this better?' }).waitFor();
    await shot(patientPage, 'phone-06-chat-sheet');

    // Escape closes it, and the focus goes back to the Chat button.
    await patientPage.getByTestId('chat-input').focus();
    await patientPage.keyboard.press('Escape');
    await patientPage.getByTestId('chat').waitFor({ state: 'hidden' });
    expect(await patientPage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-toggle');
    // Another line while closed counts again; Close closes too.
    await chatLine(doctorPage, 'Yes, much better.');
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=chat-unread]')?.getAttribute('data-count') === '1');
    await patientPage.getByTestId('chat-toggle').tap();
    await patientPage.getByTestId('chat-close').tap();
    await patientPage.getByTestId('chat').waitFor({ state: 'hidden' });
    expect(await patientPage.getByTestId('chat-unread').count()).toBe(0);

    // Scrolled down to the verification code, the bar stays where the thumb is.
    await patientPage.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await patientPage.waitForTimeout(200);
    expect((await box(patientPage, '.call-bar'))!.bottom).toBeCloseTo(PHONE_SIZE.height, 0);
    await shot(patientPage, 'phone-07-call-scrolled');
    await patientPage.evaluate(() => window.scrollTo(0, 0));

    await expectFitsZoomed(doctorPage, 'call-doctor', DESKTOP);
    await expectFitsZoomed(patientPage, 'call-patient', PHONE_SIZE);

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
    await shot(patientPage, 'phone-08-end');

    // Past visits and the record, on the phone and zoomed.
    await patientPage.goto('/history');
    await patientPage.getByTestId('history-row').first().waitFor();
    await expectOneLineHeader(patientPage);
    await expectNoSidewaysScroll(patientPage, 'history on a phone');
    await shot(patientPage, 'phone-09-history');
    await expectFitsZoomed(patientPage, 'history', PHONE_SIZE);
    await patientPage.getByTestId('history-row-link').first().click();
    await patientPage.getByTestId('session-record').waitFor();
    await expectNoSidewaysScroll(patientPage, 'the record on a phone');
    await shot(patientPage, 'phone-10-record');
    await expectFitsZoomed(patientPage, 'record', PHONE_SIZE);
    await doctorPage.goto('/history');
    await doctorPage.getByTestId('history-row').first().waitFor();
    await expectFitsZoomed(doctorPage, 'history-doctor', DESKTOP);
    await doctorPage.getByTestId('history-row-link').first().click();
    await doctorPage.getByTestId('session-record').waitFor();
    await shot(doctorPage, 'desktop-10-record-de');
    await expectFitsZoomed(doctorPage, 'record-doctor', DESKTOP);

    // The device check, zoomed and on the phone (a new visit, the camera asked for again).
    await doctorPage.goto('/doctor');
    await scheduleNow(doctorPage, patient, 'Follow-up of the rash');
    await patientPage.goto('/patient');
    const next = patientPage.getByTestId('patient-appointment').filter({ hasText: 'Follow-up of the rash' });
    await next.locator('a[data-testid=join-call]').tap();
    await patientPage.getByTestId('device-check').waitFor();
    await expectNoSidewaysScroll(patientPage, 'the device check on a phone');
    await shot(patientPage, 'phone-11-device-check');
    await expectFitsZoomed(patientPage, 'device-check', PHONE_SIZE);

    expect([...doc.hydration, ...pat.hydration]).toEqual([]);
    await Promise.all([doc.context.close(), pat.context.close()]);
  }, 240_000);

  it('the booking form fits a 320 px phone, and an admin’s header keeps one line there', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Lena Hart');
    const admin = await createAccount('ADMIN', 'Ada Admin');
    const narrow = { width: 320, height: 700 };
    const doc = await person(journey.doctorBrowser, 'doctor-320', narrow, PHONE);
    await signIn(doc.page, doctor.email);
    await doc.page.waitForURL(/\/doctor$/);
    await hydrated(doc.page, 'schedule-date');
    await expectOneLineHeader(doc.page);
    await expectNoSidewaysScroll(doc.page, 'the doctor dashboard at 320 px');
    for (const field of ['schedule-date', 'schedule-time', 'schedule-duration']) {
      const { left, right } = (await box(doc.page, `[data-testid=${field}]`))!;
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(narrow.width);
    }
    await doc.page.getByTestId('schedule-date').scrollIntoViewIfNeeded();
    await shot(doc.page, 'phone320-12-booking-form');

    const adm = await person(journey.doctorBrowser, 'admin-320', narrow, PHONE);
    await signIn(adm.page, admin.email);
    await adm.page.waitForURL(/\/admin$/);
    await hydrated(adm.page, 'user-menu');
    await expectOneLineHeader(adm.page);
    await expectNoSidewaysScroll(adm.page, 'the admin overview at 320 px');
    await shot(adm.page, 'phone320-13-admin');
    await expectFitsZoomed(adm.page, 'admin', narrow);
    expect([...doc.hydration, ...adm.hydration]).toEqual([]);
    await Promise.all([doc.context.close(), adm.context.close()]);
  }, 120_000);

  it('installs as an app: a manifest with icons, linked from the page, allowed by the CSP', async () => {
    const { context, page } = await person(journey.patientBrowser, 'installer', PHONE_SIZE, PHONE);
    const response = await page.goto('/sign-in');
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toMatch(/img-src 'self'/);

    const head = await page.evaluate(() => ({
      manifest: document.querySelector('link[rel=manifest]')?.getAttribute('href'),
      appleIcon: document.querySelector('link[rel=apple-touch-icon]')?.getAttribute('href'),
      themeColor: document.querySelector('meta[name=theme-color]')?.getAttribute('content'),
    }));
    expect(head.manifest).toBeTruthy();
    expect(head.appleIcon).toBeTruthy();
    expect(head.themeColor).toBe('#0f6e74');

    const manifest = await (await page.request.get(head.manifest!)).json();
    expect(manifest).toMatchObject({
      name: 'Telehealth',
      short_name: 'Telehealth',
      start_url: '/',
      display: 'standalone',
      theme_color: '#0f6e74',
      background_color: '#f4f6f8',
    });
    const icons = manifest.icons as Array<{ src: string; sizes: string; purpose?: string }>;
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`)).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    for (const { src, sizes } of [...icons, { src: head.appleIcon!, sizes: '180x180' }]) {
      const icon = await page.request.get(src);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toBe('image/png');
      // A PNG's width and height are in its header (IHDR), bytes 16–23.
      const bytes = await icon.body();
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(sizes);
    }
    await context.close();
  }, 60_000);
});
