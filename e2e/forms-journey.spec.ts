import type { Page, Request } from 'playwright-core';
import { newPersonContext, screenshots } from './support/browser';
import { hydrated, trackPage } from './support/journey';
import { createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const PHONE = { width: 390, height: 844 };
/** The API's "field: problem" form ("email: must be an email address"), which people must never see. */
const RAW_FIELD_SENTENCE = /\b[a-z][\w.]*: (must|is|are|give|Invalid)\b/;
/** Next.js's JavaScript (not its CSS): what a phone under load is still downloading while its person types. */
const NEXT_SCRIPTS = /\/_next\/static\/chunks\/.+\.js(\?.*)?$/;

/** Desktop and phone pictures of each error state, only when asked for (SHOTS=1): they cost time on a busy machine. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await screenshots(page, `forms-${name}`, '/tmp/shots17');
}

/** The id of the element that has focus, or its test id: where a keyboard or screen reader is. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active ? (active.getAttribute('data-testid') ?? active.id) : null;
  });
}

/** What the input says about itself to assistive technology: invalid or not, and the text of what describes it. */
function described(page: Page, testId: string): Promise<{ invalid: string | null; description: string }> {
  return page.getByTestId(testId).evaluate((input) => ({
    invalid: input.getAttribute('aria-invalid'),
    description: (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`)
      .join(' | '),
  }));
}

async function expectNoRawFieldSentence(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(RAW_FIELD_SENTENCE);
}

/** The sign-in requests a page sends to next-auth, with their bodies. */
function signInRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/auth/callback/credentials') sent.push(request);
  });
  return sent;
}

describeWithBrowser('forms: checked in the browser first, errors on their fields, focus kept, nothing typed is lost', () => {
  const journey = twoBrowsers();

  it('an empty or misshapen email is named on its field, which is marked invalid and takes focus; the server is not asked', async () => {
    const { page } = await journey.person(journey.patientBrowser);
    trackPage(page, 'patient');
    const sent = signInRequests(page);
    await page.goto('/sign-in');
    await hydrated(page, 'sign-in-submit');

    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-email-error').waitFor();
    expect(await described(page, 'sign-in-email')).toEqual({ invalid: 'true', description: 'Enter your email address.' });
    expect(await described(page, 'sign-in-password')).toEqual({ invalid: 'true', description: 'Enter your password.' });
    expect(await focused(page)).toBe('sign-in-email');
    expect(await page.getByTestId('sign-in-error').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('do not match an account');
    await shot(page, 'sign-in-empty-email');

    await page.getByTestId('sign-in-email').fill('sam@clinic');
    await page.getByTestId('sign-in-password').fill('some password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-email-error').filter({ hasText: 'Enter an email address like name@example.com.' }).waitFor();
    expect(await described(page, 'sign-in-password')).toEqual({ invalid: null, description: '' });
    expect(await focused(page)).toBe('sign-in-email');
    expect(sent).toHaveLength(0);
  }, 60_000);

  it('what a person types on a phone before the page’s JavaScript has loaded is kept and sent', async () => {
    const patient = await createAccount('PATIENT', 'Nadia Rahman');
    const context = await newPersonContext(journey.patientBrowser, journey.stack.webUrl, PHONE, {
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    trackPage(page, 'phone');
    const sent = signInRequests(page);
    // The JavaScript is held back while the person types into the server-rendered form.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(NEXT_SCRIPTS, async (route) => {
      await released;
      await route.continue();
    });
    try {
      await page.goto('/sign-in', { waitUntil: 'commit' });
      await page.getByTestId('sign-in-email').waitFor();
      const takenOver = () =>
        page.getByTestId('sign-in-email').evaluate((input) => Object.keys(input).some((key) => key.startsWith('__reactFiber$')));
      expect(await takenOver()).toBe(false);
      await page.getByTestId('sign-in-email').fill(patient.email);
      await page.getByTestId('sign-in-password').fill(PASSWORD);
      await page.waitForTimeout(1000);
      expect(await takenOver()).toBe(false);
    } finally {
      release();
    }
    await hydrated(page, 'sign-in-submit');
    expect(await page.getByTestId('sign-in-email').inputValue()).toBe(patient.email);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/patient$/);
    expect(sent).toHaveLength(1);
    expect(new URLSearchParams(sent[0]!.postData() ?? '').get('email')).toBe(patient.email);
    await context.close();
  }, 60_000);

  it('a refused field comes back on that field or as a sentence in words, never as "field: problem"', async () => {
    const { page } = await journey.person(journey.patientBrowser);
    trackPage(page, 'patient');
    // Passes the browser's loose check, not the API's: the API's 400 is "email: must be an email address".
    const almostAnEmail = 'sam@clinic..example';

    await page.goto('/register');
    await hydrated(page, 'register-submit');
    await page.getByTestId('register-name').fill('Sam Okafor');
    await page.getByTestId('register-email').fill(almostAnEmail);
    await page.getByTestId('register-password').fill('a-long-new-password');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-email-error').waitFor();
    expect(await described(page, 'register-email')).toEqual({ invalid: 'true', description: 'Email should look like name@example.com.' });
    expect(await focused(page)).toBe('register-email');
    await expectNoRawFieldSentence(page);
    await shot(page, 'register-refused-email');

    await page.goto('/forgot-password');
    await hydrated(page, 'forgot-password-submit');
    await page.getByTestId('forgot-password-email').fill(almostAnEmail);
    await page.getByTestId('forgot-password-submit').click();
    await page.getByTestId('forgot-password-email-error').filter({ hasText: 'Email should look like name@example.com.' }).waitFor();
    await expectNoRawFieldSentence(page);

    // A field that is not on the form (the link's token) is said in words, in the summary, which takes focus.
    await page.goto('/set-password?token=not%20a%20token!');
    await hydrated(page, 'set-password-submit');
    await page.getByTestId('set-password-password').fill('a-long-new-password');
    await page.getByTestId('set-password-repeat').fill('a-long-new-password');
    await page.getByTestId('set-password-submit').click();
    await page.getByTestId('set-password-error').waitFor();
    expect(await page.getByTestId('set-password-error').textContent()).toMatch(/^The link is not a set-password token\./);
    expect(await focused(page)).toBe('set-password-error');
    await expectNoRawFieldSentence(page);

    // Two different passwords: said on the second field.
    await page.getByTestId('set-password-repeat').fill('another-long-password');
    await page.getByTestId('set-password-submit').click();
    await page.getByTestId('set-password-repeat-error').waitFor();
    expect((await described(page, 'set-password-repeat')).invalid).toBe('true');
    expect(await focused(page)).toBe('set-password-repeat');
  }, 60_000);

  // Last: failed sign-ins count against the address too, and every browser here shares one.
  it('warns before the last wrong password, then says when to try again; focus stays on the sentence', async () => {
    const patient = await createAccount('PATIENT', 'Tomas Lindgren');
    const { page } = await journey.person(journey.patientBrowser);
    trackPage(page, 'patient');
    await page.goto('/sign-in');
    await hydrated(page, 'sign-in-submit');
    await page.getByTestId('sign-in-email').fill(patient.email);
    const summary = page.getByTestId('sign-in-error');
    let message = '';
    for (let attempt = 1; attempt <= 10 && !message.includes('One more wrong password'); attempt++) {
      await page.getByTestId('sign-in-password').fill(`wrong-password-${attempt}`);
      await page.getByTestId('sign-in-submit').click();
      await summary.waitFor();
      await page.locator('[data-testid=sign-in-submit]:not([disabled])').waitFor();
      message = (await summary.textContent()) ?? '';
      if (attempt === 1) {
        expect(message).toBe('That email and password do not match an account. Check them and try again.');
        // After a refusal, focus is on the sentence, not lost to <body>.
        expect(await focused(page)).toBe('sign-in-error');
      }
    }
    await shot(page, 'sign-in-last-try');
    expect(message).toBe(
      'That email and password do not match an account. One more wrong password pauses sign-in for this account for 15 minutes.',
    );
    expect(await focused(page)).toBe('sign-in-error');
    await expectNoRawFieldSentence(page);

    await page.getByTestId('sign-in-password').fill('wrong-password-last');
    await page.getByTestId('sign-in-submit').click();
    await summary.filter({ hasText: 'paused: try again in 15 minutes.' }).waitFor();
    // Even the right password now waits, and the sentence says for how long, in words.
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await summary.filter({ hasText: /Try again in 1[45] minutes\./ }).waitFor();
    expect(await focused(page)).toBe('sign-in-error');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await shot(page, 'sign-in-paused');
  }, 90_000);
});
