import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, expectNoCspViolations, launchBrowser, newPersonContext } from './browser';
import { watchPeerConnections } from './journey';
import { Stack, startStack } from './stack';

/** `describe` when Chromium is installed, `describe.skip` when not. */
export const describeWithBrowser = browserAvailable() ? describe : describe.skip;

export interface TwoBrowsers {
  stack: Stack;
  doctorBrowser: Browser;
  patientBrowser: Browser;
  /** A fresh person in `browser`: their own context on the web app, peer connections watched, one page. */
  person(browser: Browser): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * For the describe block it is called in: the stack (built API and web app) and one Chromium
 * for each party, all stopped afterwards. With `freshBrowsersPerTest`, every test gets two new
 * browsers, so nothing of an earlier call is left in them.
 */
export function twoBrowsers({
  freshBrowsersPerTest = false,
  stackSettings,
}: {
  freshBrowsersPerTest?: boolean;
  /** Settings of the stack's API, known only once the suite starts (the address of a test SMTP server). */
  stackSettings?: () => Record<string, string>;
} = {}): TwoBrowsers {
  const fixture = {
    async person(browser: Browser) {
      const context = await newPersonContext(browser, fixture.stack.webUrl);
      await watchPeerConnections(context);
      return { context, page: await context.newPage() };
    },
  } as TwoBrowsers;
  const launchBoth = async () => {
    [fixture.doctorBrowser, fixture.patientBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
  };
  const closeBoth = async () => {
    await Promise.all([fixture.doctorBrowser?.close(), fixture.patientBrowser?.close()]);
  };

  beforeAll(async () => {
    [fixture.stack] = await Promise.all([startStack(stackSettings?.()), freshBrowsersPerTest ? undefined : launchBoth()]);
  }, 120_000);
  if (freshBrowsersPerTest) {
    beforeEach(launchBoth);
    afterEach(closeBoth);
  }
  // Every page a journey visits runs under the web app's CSP: any violation fails the journey.
  afterEach(expectNoCspViolations);
  afterAll(async () => {
    if (!freshBrowsersPerTest) await closeBoth();
    await fixture.stack?.stop();
  });
  return fixture;
}
