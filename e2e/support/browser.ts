import fs from 'node:fs';
import os from 'node:os';
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

const CLIP = { width: 320, height: 180, fps: 10, frames: 20 };

/**
 * The journeys' camera: a two-second loop of a white square crossing a grey gradient, 320×180 at 10
 * frames a second, as a Y4M file in the temporary folder (written by the first browser that needs it).
 * Chromium's own fake camera films 720p at 20 frames a second, and every call of a journey encoded and
 * decoded two such streams on CI's two cores: the in-call journey alone took 133 busy core-seconds
 * with it, 109 with the clip. A journey needs moving frames on both sides, not their size.
 */
export function smallCameraClip(): string {
  const file = path.join(os.tmpdir(), `telehealth-camera-${CLIP.width}x${CLIP.height}-${CLIP.fps}fps.y4m`);
  if (fs.existsSync(file)) return file;
  const { width, height, fps, frames } = CLIP;
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  for (let frame = 0; frame < frames; frame += 1) {
    const luma = Buffer.alloc(width * height);
    const square = { x: Math.round((frame / frames) * (width - 40)), y: (height - 40) / 2 };
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < width; x += 1) {
        const inSquare = x >= square.x && x < square.x + 40 && y >= square.y && y < square.y + 40;
        luma[y * width + x] = inSquare ? 235 : 40 + Math.round((x / width) * 120);
      }
    // Grey: both chroma planes at their middle.
    parts.push(Buffer.from('FRAME\n'), luma, Buffer.alloc((width / 2) * (height / 2) * 2, 128));
  }
  // Written whole under a temporary name, then renamed: a browser never reads half a clip.
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.concat(parts));
  fs.renameSync(partial, file);
  return file;
}

/**
 * One Chromium instance per person, with a fake camera and microphone that need no permission prompt.
 * `extraArgs` adds switches (such as `--host-resolver-rules` to give a test address a name).
 * With `permissionPrompts: true` the browser's own permission rules apply instead (nothing says yes
 * for the person), so a test can block a device for real (see `blockMicrophone` in support/devices).
 * `camera`: `small` (journeys) films a 320×180 clip at 10 frames a second (`smallCameraClip`);
 * `chromium` is Chromium's own fake camera, 720p at 20 frames a second (the first-frame benchmark).
 */
export function launchBrowser(
  extraArgs: string[] = [],
  { permissionPrompts = false, camera = 'small' }: { permissionPrompts?: boolean; camera?: 'small' | 'chromium' } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      ...(permissionPrompts ? [] : ['--use-fake-ui-for-media-stream']),
      '--use-fake-device-for-media-stream',
      ...(camera === 'small' ? [`--use-file-for-fake-video-capture=${smallCameraClip()}`] : []),
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
