import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { ROOT } from './stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser journeys need Debian's Chromium. In CI they are required (a missing browser
 * fails the run); on a developer machine without it they are skipped with a notice.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing (apt-get install -y chromium).`);
  console.warn(`skipping browser journeys: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  return false;
}

/**
 * One Chromium instance per person, with a fake camera and microphone that need no permission prompt.
 * `extraArgs` adds switches (such as `--host-resolver-rules` to give a test address a name).
 * With `permissionPrompts: true` the browser's own permission rules apply instead (nothing says yes
 * for the person), so a test can block a device for real (see `blockMicrophone` in support/devices).
 * `cameraFps`: the fake camera's frame rate. Journeys film at 10 frames a second: each call encodes
 * and decodes two 720p streams on CI's two cores, and Chromium's 20 cost a quarter more of the run's
 * CPU with nothing more to see; the first-frame benchmark keeps Chromium's own rate.
 */
export function launchBrowser(extraArgs: string[] = [], { permissionPrompts = false, cameraFps = 10 } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      ...(permissionPrompts ? [] : ['--use-fake-ui-for-media-stream']),
      `--use-fake-device-for-media-stream=fps=${cameraFps}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/**
 * Every Content-Security-Policy violation seen on any page of any person's context, as
 * "<page url>: <what>". The journeys fail when one appears (see `expectNoCspViolations`).
 */
export const cspViolations: string[] = [];

/** Collects CSP violations of every page in `context`: the DOM event and Chromium's console error. */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__reportCspViolation', ({ page }, line: string) => {
    cspViolations.push(`${page.url()}: ${line}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (line: string) => void }).__reportCspViolation;
      report?.(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`,
      );
    });
  });
  const watchPage = (page: Page) =>
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspViolations.push(`${page.url()}: console: ${message.text().slice(0, 300)}`);
    });
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

/** Throws (failing the journey) when any page showed a CSP violation since the last call. */
export function expectNoCspViolations(): void {
  const seen = cspViolations.splice(0);
  if (seen.length > 0) throw new Error(`Content-Security-Policy violations:\n${seen.join('\n')}`);
}

export async function newPersonContext(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 800 },
  /** More of Playwright's context options (`ignoreHTTPSErrors` for the launcher's self-signed certificate). */
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, baseURL, viewport, permissions: ['camera', 'microphone', 'notifications'] });
  context.setDefaultTimeout(20_000);
  await watchCsp(context);
  return context;
}

export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');

/** Saves the page at desktop size and again at a phone's, so both layouts can be looked at (in `dir`, the run's folder unless told). */
export async function screenshots(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const desktop = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(desktop);
}
