import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Request } from 'playwright-core';
import { screenshots } from './support/browser';
import { signIn, trackPage } from './support/journey';
import { createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/;
const SIGNED_OUT_SENTENCE = 'You were signed out (on this or another device). Please sign in again.';

/** A page on another origin (127.0.0.1 on its own port) that frames `target`, plus a frame of its own as a control. */
async function framingSite(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    if (request.url === '/own') return response.end('<p id="own">own frame</p>');
    response.end(
      `<!doctype html><title>framer</title><iframe id="own" src="/own"></iframe><iframe id="victim" src="${target}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function apiLogin(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

describeWithBrowser('web security: headers, framing, no API token in the page, safe redirects, revoked sessions', () => {
  const journey = twoBrowsers();

  async function personPage(browser: Browser, name: string): Promise<Page> {
    const { page } = await journey.person(browser);
    trackPage(page, name);
    return page;
  }

  it('answers every page with a nonce CSP and the other security headers', async () => {
    const [first, second] = await Promise.all(['/sign-in', '/sign-in'].map((path) => fetch(`${journey.stack.webUrl}${path}`)));
    if (!first || !second) throw new Error('expected two responses');
    const csp = first.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
    ]) {
      expect(csp).toContain(directive);
    }
    const apiOrigin = new URL(journey.stack.apiUrl);
    expect(csp).toContain(`connect-src 'self' ${apiOrigin.origin} ws://${apiOrigin.host}`);
    // A new nonce for every response, and the page's own scripts carry it.
    expect(second.headers.get('content-security-policy')).not.toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.headers.get('permissions-policy')).toContain('camera=(self), microphone=(self), display-capture=(self)');
    // The journey's web app runs with NODE_ENV=production.
    expect(first.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('refuses to be framed by another origin', async () => {
    const framer = await framingSite(`${journey.stack.webUrl}/sign-in`);
    const context = await journey.patientBrowser.newContext();
    try {
      const page = await context.newPage();
      const victimResponse = page.waitForResponse((response) => response.url().startsWith(`${journey.stack.webUrl}/sign-in`));
      await page.goto(framer.url);
      const headers = (await victimResponse).headers();
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // The control frame from the framer's own origin loads, so the check below can see a loaded frame.
      const own = await (await page.$('#own'))!.contentFrame();
      await own!.locator('#own').waitFor();
      await page.waitForTimeout(1500);
      const victim = await (await page.$('#victim'))!.contentFrame();
      expect(victim?.url() ?? '').not.toContain('/sign-in');
      const formsInFrame = victim
        ? await victim
            .locator('[data-testid=sign-in-form]')
            .count()
            .catch(() => 0)
        : 0;
      expect(formsInFrame).toBe(0);
    } finally {
      await context.close();
      await framer.close();
    }
  });

  it('keeps the API token out of the page: REST through /bff, the socket on a short-lived ticket', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Ada Stone');
    const page = await personPage(journey.doctorBrowser, 'doctor');
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    const tickets: Array<{ ticket: string; expiresAt: string }> = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/bff/auth/signaling-ticket') && response.ok()) tickets.push(await response.json());
    });
    const handshakes: string[] = [];
    page.on('websocket', (socket) =>
      socket.on(
        'framesent',
        ({ payload }) => typeof payload === 'string' && payload.startsWith('40/signaling') && handshakes.push(payload),
      ),
    );

    await signIn(page, doctor.email);
    await page.waitForURL(/\/doctor$/);
    await page.locator('[data-testid=waiting-room-connection][data-state=live]').waitFor();
    await page.getByTestId('doctor-appointments').waitFor();

    const session = await page.evaluate(() => fetch('/api/auth/session').then((response) => response.json()));
    expect(session.user.email).toBe(doctor.email);
    expect(session).not.toHaveProperty('accessToken');
    expect(JSON.stringify(session)).not.toMatch(JWT);
    expect(await page.content()).not.toMatch(JWT);
    expect(await page.evaluate(() => document.cookie)).not.toContain('next-auth.session-token');

    expect(requests.filter((request) => request.headers()['authorization'])).toEqual([]);
    const toApi = requests.filter((request) => request.url().startsWith(journey.stack.apiUrl));
    expect(toApi.filter((request) => !new URL(request.url()).pathname.startsWith('/socket.io/'))).toEqual([]);
    expect(requests.some((request) => request.url().startsWith(`${journey.stack.webUrl}/bff/appointments`))).toBe(true);

    expect(tickets.length).toBeGreaterThan(0);
    expect(handshakes.length).toBeGreaterThan(0);
    const sent = JSON.parse(handshakes[0]!.slice(handshakes[0]!.indexOf('{'))) as { token: string };
    expect(tickets.map((t) => t.ticket)).toContain(sent.token);
    for (const { expiresAt } of tickets) expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    // The long token is not what the socket carries: the API hands out a different, longer-lived one on login.
    expect(sent.token).not.toBe(await apiLogin(journey.stack.apiUrl, doctor.email));
  }, 90_000);

  it('the /bff proxy forwards only API paths and only for its own pages', async () => {
    const { webUrl } = journey.stack;
    const patient = await createAccount('PATIENT', 'Nia Brooks');
    const page = await personPage(journey.patientBrowser, 'patient');
    await signIn(page, patient.email);
    await page.waitForURL(/\/patient$/);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await fetch(`${webUrl}/bff/me`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(patient.email);
    for (const path of ['/bff/..%2Fhealth', '/bff/%2e%2e/health', '/bff/me%2F..%2F..', '/bff/http:%2F%2Fevil.example']) {
      const response = await fetch(`${webUrl}${path}`, { headers: { cookie } });
      expect([path, response.status]).toEqual([path, 404]);
    }
    const crossSite = await fetch(`${webUrl}/bff/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({ error: expect.any(String), code: 403, reason: 'forbidden' });
    const noOrigin = await fetch(`${webUrl}/bff/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    // Errors of the API pass through unchanged.
    const missing = await fetch(`${webUrl}/bff/sessions/00000000-0000-4000-8000-000000000000`, { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.any(String), code: 404, reason: 'not_found' });
  }, 60_000);

  it('follows no off-site callbackUrl after sign-in: the user lands on their own home', async () => {
    const patient = await createAccount('PATIENT', 'Omar Haddad');
    const page = await personPage(journey.patientBrowser, 'patient');
    await page.goto('/sign-in?callbackUrl=/.//evil.example/phish');
    await page.getByTestId('sign-in-email').fill(patient.email);
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${journey.stack.webUrl}/patient`);
    // Signed in already, the same link sends the user home too.
    await page.goto('/sign-in?callbackUrl=/.//evil.example/phish');
    await page.waitForURL(`${journey.stack.webUrl}/patient`);
    expect(new URL(page.url()).origin).toBe(new URL(journey.stack.webUrl).origin);
  }, 60_000);

  it('a session signed out on another device lands once on sign-in with a sentence', async () => {
    const patient = await createAccount('PATIENT', 'Lea Martin');
    const page = await personPage(journey.patientBrowser, 'patient');
    await signIn(page, patient.email);
    await page.waitForURL(/\/patient$/);
    await page.getByTestId('patient-upcoming').waitFor();

    // Another device signs the same account out: the API revokes every token of the account.
    const other = await apiLogin(journey.stack.apiUrl, patient.email);
    const logout = await fetch(`${journey.stack.apiUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(logout.status).toBe(204);

    // The open page's next API call through /bff is refused, says so, and clears the session cookie.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/bff/me');
      return { status: response.status, ended: response.headers.get('x-session-ended') };
    });
    expect(answer).toEqual({ status: 401, ended: '1' });
    expect((await page.context().cookies()).filter((c) => c.name.includes('next-auth.session-token'))).toEqual([]);

    // Now a reload with a revoked but still-present cookie (put back): one landing on sign-in, no loop.
    await signIn(page, patient.email);
    await page.waitForURL(/\/patient$/);
    await page.waitForTimeout(1100);
    const again = await apiLogin(journey.stack.apiUrl, patient.email);
    await fetch(`${journey.stack.apiUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${again}` } });
    // Every document the tab loads (redirect hops included), and the ones it lands on.
    const documents: Array<{ path: string; status: number }> = [];
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame())
        documents.push({ path: new URL(response.url()).pathname, status: response.status() });
    });
    await page.goto('/patient');
    await page.waitForTimeout(4000);
    const landings = documents.filter((d) => d.status < 300 || d.status >= 400);
    expect(landings).toEqual([{ path: '/sign-in', status: 200 }]);
    expect(documents.length).toBeLessThanOrEqual(3);
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/patient');
    expect(await page.getByTestId('signed-out-notice').textContent()).toBe(SIGNED_OUT_SENTENCE);
    await screenshots(page, '30-sign-in-signed-out');

    // Signing in again goes back to the page the user was on.
    await page.waitForTimeout(1000);
    await page.getByTestId('sign-in-email').fill(patient.email);
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/patient$/);
    await page.getByTestId('patient-upcoming').waitFor();
  }, 90_000);

  it('registration: a new patient lands on their home; the same email again gets the neutral sentence and a way to sign in', async () => {
    const page = await personPage(journey.patientBrowser, 'patient');
    const email = `new-${Date.now()}@journey.test`;
    await page.goto('/register');
    await page.getByTestId('register-name').fill('Kai Lindqvist');
    await page.getByTestId('register-email').fill(email);
    await page.getByTestId('register-password').fill('a-long-new-password');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/patient$/);
    await page.getByTestId('header-user-name').filter({ hasText: 'Kai Lindqvist' }).waitFor();

    const stranger = await personPage(journey.doctorBrowser, 'stranger');
    await stranger.goto('/register');
    await stranger.getByTestId('register-name').fill('Someone Else');
    await stranger.getByTestId('register-email').fill(email);
    await stranger.getByTestId('register-password').fill('another-password-1');
    await stranger.getByTestId('register-submit').click();
    const notice = stranger.getByTestId('register-notice');
    await notice.waitFor();
    expect(await notice.locator('a[href^="/sign-in"]').count()).toBe(1);
    expect(await stranger.getByTestId('register-error').count()).toBe(0);
    expect(new URL(stranger.url()).pathname).toBe('/register');
    await screenshots(stranger, '31-register-existing-email');
  }, 90_000);

  // Last: failed sign-ins count against the address too, and every browser here shares one.
  it('warns before the last try and then says sign-in is paused', async () => {
    const patient = await createAccount('PATIENT', 'Ines Duarte');
    const page = await personPage(journey.patientBrowser, 'patient');
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-email').fill(patient.email);
    let message = '';
    for (let attempt = 1; attempt <= 10 && !message.includes('One more wrong password'); attempt++) {
      await page.getByTestId('sign-in-password').fill(`wrong-password-${attempt}`);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('sign-in-error').waitFor();
      await page.locator('[data-testid=sign-in-submit]:not([disabled])').waitFor();
      message = (await page.getByTestId('sign-in-error').textContent()) ?? '';
    }
    expect(message).toMatch(/One more wrong password pauses sign-in for this account for \d+ minutes?\./);
    await screenshots(page, '32-sign-in-one-try-left');
    await page.getByTestId('sign-in-password').fill('wrong-password-last');
    await page.getByTestId('sign-in-submit').click();
    await page
      .getByTestId('sign-in-error')
      .filter({ hasText: /paused|too many/i })
      .waitFor();
    await screenshots(page, '33-sign-in-paused');
  }, 90_000);
});
