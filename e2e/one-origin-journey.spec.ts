import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import zlib from 'node:zlib';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { machineNames, lanAddresses } from '../scripts/local-network.mjs';
import { certificateCovers } from '../scripts/tls-certificate.mjs';
import { expectNoCspViolations, launchBrowser, newPersonContext, screenshots } from './support/browser';
import {
  bothInState,
  callState,
  doctorJoinsFromWaitingRoom,
  expectRemoteVideoPlaying,
  patientJoins,
  scheduleNow,
  signIn,
  trackPage,
  watchPeerConnections,
} from './support/journey';
import { launchProduct, LaunchedProduct } from './support/launcher';
import { describeWithBrowser } from './support/two-browsers';

const DEMO_PASSWORD = 'demo-password';
const DOCTOR = 'doctor@demo.test';
const PATIENT = { email: 'patient@demo.test', id: '', name: 'Sam Patel' };
// Linux sends all of 127/8 to this machine: 127.0.0.2 stands in for the laptop's network address,
// as another device would open it. Chromium counts every 127/8 address as potentially trustworthy,
// so the patient's browser also opens the laptop by a name (resolved to 127.0.0.2 by Chromium
// alone): a name is a secure context only over https, exactly like a phone's 192.168.x.y.
const OTHER_MACHINE = '127.0.0.2';
const LAPTOP_NAME = 'clinic-laptop.test';

/** Records every getUserMedia call with the page's origin and whether it was a secure context; the call itself goes through. */
async function watchGetUserMedia(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const calls: { origin: string; secure: boolean }[] = [];
    (window as unknown as { __getUserMediaCalls: typeof calls }).__getUserMediaCalls = calls;
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const native = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      calls.push({ origin: location.origin, secure: window.isSecureContext });
      return native(constraints);
    };
  });
}

/** The signaling sockets a page opened (their URLs), to show they went to the page's own origin. */
function watchSockets(page: Page): string[] {
  const urls: string[] = [];
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

async function person(browser: Browser, origin: string, name: string): Promise<{ page: Page; sockets: string[] }> {
  const context = await newPersonContext(browser, origin, undefined, { ignoreHTTPSErrors: origin.startsWith('https:') });
  await watchPeerConnections(context);
  await watchGetUserMedia(context);
  const page = await context.newPage();
  trackPage(page, name);
  return { page, sockets: watchSockets(page) };
}

/** What `/api/auth/session` (next-auth, through the front server) says in this page: the signed-in email, or null. */
function sessionEmail(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { user?: { email?: string } };
    return session.user?.email ?? null;
  });
}

/**
 * The doctor (at `doctorOrigin`) books a visit for now with the patient found by search; the
 * patient (at `patientOrigin`) joins; the doctor joins from the waiting room; each sees the
 * other's camera. Both signaling sockets went to the address their page was opened at, and
 * getUserMedia was called there, in a secure context.
 */
async function visitAt(
  { doctorOrigin, patientOrigin }: { doctorOrigin: string; patientOrigin: string },
  doctorBrowser: Browser,
  patientBrowser: Browser,
  reason: string,
): Promise<Page[]> {
  const doctor = await person(doctorBrowser, doctorOrigin, 'doctor');
  const patient = await person(patientBrowser, patientOrigin, 'patient');
  await signIn(doctor.page, DOCTOR, DEMO_PASSWORD);
  await doctor.page.waitForURL(`${doctorOrigin}/doctor`);
  await scheduleNow(doctor.page, PATIENT, reason);
  await signIn(patient.page, PATIENT.email, DEMO_PASSWORD);
  await patient.page.waitForURL(`${patientOrigin}/patient`);
  await patientJoins(patient.page, reason);
  await callState(patient.page, 'waiting');
  await doctorJoinsFromWaitingRoom(doctor.page, PATIENT);
  await bothInState([doctor.page, patient.page], 'connected');
  await Promise.all([expectRemoteVideoPlaying(doctor.page), expectRemoteVideoPlaying(patient.page)]);

  for (const [{ page, sockets }, origin] of [
    [doctor, doctorOrigin],
    [patient, patientOrigin],
  ] as const) {
    expect(sockets.length).toBeGreaterThan(0);
    for (const url of sockets) expect(url.startsWith(`${origin.replace(/^http/, 'ws')}/socket.io/`)).toBe(true);
    const calls = await page.evaluate(() => (window as unknown as { __getUserMediaCalls: unknown[] }).__getUserMediaCalls);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((call) => JSON.stringify(call)))).toEqual(new Set([JSON.stringify({ origin, secure: true })]));
  }
  return [doctor.page, patient.page];
}

/** Signs out from the header and lands on the sign-in page of the same address, with no session left. */
async function signOutAt(page: Page, origin: string): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.waitForURL(new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/sign-in`));
  expect(await sessionEmail(page)).toBeNull();
}

/** The front server's listening socket: on every address of the machine (so each printed network address answers). */
function listensOnEveryAddress(port: number): boolean {
  const lines = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' })
    .trim()
    .split('\n');
  return lines.some((line) => /\s(\*|0\.0\.0\.0|\[::\]):\d+\s/.test(line));
}

/** One HTTP request from a chosen local address (127/8 is all this machine), as a client there would send it. */
function requestFrom(
  localAddress: string,
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GET whose body stays bytes, with the Accept-Encoding given. */
function bytesOf(url: string, acceptEncoding: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** A wrong password typed into the web app's sign-in from `localAddress`: next-auth's csrf, then its credentials callback. */
async function failedWebSignIn(origin: string, localAddress: string, email: string): Promise<void> {
  const csrf = await requestFrom(localAddress, `${origin}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
  const form = new URLSearchParams({ csrfToken, email, password: 'not-the-password', json: 'true' }).toString();
  const answer = await requestFrom(localAddress, `${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': '203.0.113.7' },
    body: form,
  });
  expect(answer.status).toBe(401);
}

/** The client addresses the API's audit log recorded for failed sign-ins, oldest first. */
async function failedSignInAddresses(databaseUrl: string): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ ip: string }>(`SELECT ip FROM audit_logs WHERE action = 'auth.sign-in.failed' ORDER BY occurred_at`);
    return rows.map((row) => row.ip);
  } finally {
    await db.end();
  }
}

function httpsGet(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (res) => (res.resume(), resolve(res.statusCode!))).on('error', reject);
  });
}

describeWithBrowser('one origin: the app opened at another machine’s address, over http and over https', () => {
  const databaseBase = process.env.TEST_DATABASE_NAME ?? 'telehealth_test';
  let doctorBrowser: Browser;
  let patientBrowser: Browser;
  let product: LaunchedProduct | null = null;
  beforeAll(async () => {
    [doctorBrowser, patientBrowser] = await Promise.all([
      launchBrowser(),
      launchBrowser([`--host-resolver-rules=MAP ${LAPTOP_NAME} ${OTHER_MACHINE}`]),
    ]);
  });
  afterEach(async () => {
    // Stopped here when a test failed half-way; the tests stop it themselves to check the exit.
    await product?.stop().catch(() => undefined);
    product = null;
    expectNoCspViolations();
  });
  afterAll(async () => {
    await Promise.all([doctorBrowser?.close(), patientBrowser?.close()]);
  });

  it('http: every printed address answers; at http://127.0.0.2 a doctor and a patient sign in, book, join and see each other', async () => {
    product = await launchProduct(`${databaseBase}_one_origin_http`);
    const { port } = product;
    const lan = lanAddresses();
    const printed = [
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}`,
      ...machineNames()
        .slice(1)
        .map((name) => `http://${name}:${port}`),
      ...lan.map((address) => `http://${address}:${port}`),
    ];
    for (const url of printed) expect(product.output()).toContain(url);
    // Traffic goes only to this machine's own names here: the network addresses are proven by the
    // listening socket (every address), not by sending to them. The machine's name resolves locally.
    expect(listensOnEveryAddress(port)).toBe(true);
    for (const url of printed.filter((address) => !lan.some((ip) => address.includes(`//${ip}:`)))) {
      expect((await fetch(`${url}/sign-in`)).status).toBe(200);
      expect(await (await fetch(`${url}/api/health`)).json()).toMatchObject({ status: 'ok' });
    }
    // The API's own port stays on 127.0.0.1: browsers come through the front server.
    await expect(fetch(`http://${OTHER_MACHINE}:${product.apiPort}/api/health`)).rejects.toThrow();

    // The sign-in limits and the audit log see the client's own address, whatever it claims: through
    // the front server to the API (REST), and through next-auth's sign-in (front server, web app, API).
    const origin = `http://${OTHER_MACHINE}:${port}`;
    const rest = await requestFrom('127.0.0.3', `${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
      body: JSON.stringify({ email: 'admin@demo.test', password: 'not-the-password' }),
    });
    expect(rest.status).toBe(401);
    await failedWebSignIn(origin, '127.0.0.4', 'admin@demo.test');
    expect(await failedSignInAddresses(product.databaseUrl)).toEqual(['127.0.0.3', '127.0.0.4']);

    const [doctorPage] = await visitAt(
      { doctorOrigin: origin, patientOrigin: origin },
      doctorBrowser,
      patientBrowser,
      'Knee pain, over http',
    );
    // Next's scripts go out with Brotli from the front server: decompressed, the very bytes Next serves.
    const scripts = await doctorPage!.evaluate(() =>
      [...document.scripts].map((script) => script.src).filter((src) => src.includes('/_next/static/')),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const [brotli, identity] = await Promise.all([bytesOf(script, 'gzip, deflate, br, zstd'), bytesOf(script, 'identity')]);
      expect(brotli.headers).toMatchObject({ 'content-encoding': 'br', vary: expect.stringMatching(/Accept-Encoding/i) });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(zlib.brotliDecompressSync(brotli.body).equals(identity.body)).toBe(true);
    }
    await signOutAt(doctorPage!, origin);

    // What a phone gets over plain http: no secure context, so no camera. Hence --https.
    const phone = (await person(patientBrowser, `http://${LAPTOP_NAME}:${port}`, 'phone')).page;
    await phone.goto('/sign-in');
    expect(await phone.evaluate(() => [window.isSecureContext, typeof navigator.mediaDevices])).toEqual([false, 'undefined']);

    // The same product at localhost, as before: sign-in, the session, the API through /bff, a signaling ticket, sign-out.
    const local = `http://localhost:${port}`;
    const { page } = await person(patientBrowser, local, 'patient2');
    await signIn(page, 'patient2@demo.test', DEMO_PASSWORD);
    await page.waitForURL(`${local}/patient`);
    expect(await sessionEmail(page)).toBe('patient2@demo.test');
    const answers = await page.evaluate(async () => [
      (await fetch('/bff/me')).status,
      (await fetch('/bff/auth/signaling-ticket', { method: 'POST' })).status,
    ]);
    expect(answers).toEqual([200, 200]);
    await signOutAt(page, local);

    expect(await product.stop()).toBe(0);
  }, 180_000);

  it('https: a certificate made for this machine; the doctor at https://127.0.0.2 and the patient at a network name (secure by https alone) see each other', async () => {
    product = await launchProduct(`${databaseBase}_one_origin_https`, { HTTPS: 'true' });
    const { port, dataDir } = product;
    const lan = lanAddresses();
    const output = product.output();
    expect(output).toContain(`https://localhost:${port}`);
    for (const address of lan) expect(output).toContain(`https://${address}:${port}`);
    if (lan.length > 0) expect(output).toContain(`On a phone on the same network: open https://${lan[0]}:${port}`);

    const cert = fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem'), 'utf8');
    expect(certificateCovers(cert, { dnsNames: machineNames(), ips: ['127.0.0.1', '::1', ...lan] })).toBe(true);
    expect(fs.statSync(path.join(dataDir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
    // Checked against that certificate, as by a phone that accepted it.
    expect(await httpsGet(`https://127.0.0.1:${port}/api/health`, cert)).toBe(200);
    expect(await httpsGet(`https://localhost:${port}/sign-in`, cert)).toBe(200);
    // An address typed without https:// is sent to https.
    const typed = await fetch(`http://${OTHER_MACHINE}:${port}/sign-in`, { redirect: 'manual' });
    expect([typed.status, typed.headers.get('location')]).toEqual([308, `https://${OTHER_MACHINE}:${port}/sign-in`]);

    const doctorOrigin = `https://${OTHER_MACHINE}:${port}`;
    const patientOrigin = `https://${LAPTOP_NAME}:${port}`;
    const phone = (await person(patientBrowser, patientOrigin, 'phone')).page;
    await phone.goto('/sign-in');
    expect(await phone.evaluate(() => [window.isSecureContext, location.origin])).toEqual([true, patientOrigin]);
    await screenshots(phone, 'one-origin-https-sign-in');
    await phone.context().close();

    const [doctorPage, patientPage] = await visitAt({ doctorOrigin, patientOrigin }, doctorBrowser, patientBrowser, 'Rash, over https');
    const cookies = await patientPage!.context().cookies();
    expect(cookies.map((cookie) => cookie.name)).toContain('__Secure-next-auth.session-token');
    await signOutAt(doctorPage!, doctorOrigin);
    await signOutAt(patientPage!, patientOrigin);

    expect(await product.stop()).toBe(0);
  }, 180_000);
});
