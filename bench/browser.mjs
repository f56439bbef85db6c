// Benchmark 5: the doctor's Join click to the first decoded remote video frame on both
// sides, with the full product (built API + built web app, e2e/support/stack.ts) and two
// headless Chromiums with fake camera and microphone (e2e/support/browser.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { announce, hardDeadline, ms, parseArgs, ROOT, table, writeResult } from './lib/common.mjs';
import { benchDatabase, REDIS_URL } from './lib/fixtures.mjs';

const require = createRequire(import.meta.url);
require('./lib/ts-require.cjs');

const args = parseArgs({ reps: 10, warmUp: 1, maxMinutes: 6 }, { reps: 2, warmUp: 0, maxMinutes: 1.5 });
hardDeadline(args.maxMinutes * 60_000, 'browser');

const { browserAvailable, launchBrowser, newPersonContext } = require(path.join(ROOT, 'e2e/support/browser.ts'));
const { signIn, watchPeerConnections, framesDecoded } = require(path.join(ROOT, 'e2e/support/journey.ts'));
if (!browserAvailable()) {
  const file = writeResult('browser', { skipped: true, reason: 'Chromium missing' });
  console.log('\nBrowser: skipped, Chromium is missing');
  announce(file);
  process.exit(0);
}

// stack.ts starts the API on TEST_DATABASE_URL and the local Redis: point both at the bench's.
process.env.TEST_DATABASE_URL = await benchDatabase();
process.env.TEST_REDIS_URL ??= REDIS_URL;
const { startStack, createAccount, PASSWORD } = require(path.join(ROOT, 'e2e/support/stack.ts'));

/** Installed in every page: the time of the click on Join and of the first remote frame with a picture. */
function watchFirstFrame() {
  window.__bench = { joinClickAt: null, firstFrameAt: null };
  document.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.closest('[data-testid=join-visit]')) window.__bench.joinClickAt ??= Date.now();
    },
    true,
  );
  const poll = setInterval(() => {
    const video = document.querySelector('[data-testid=remote-video]');
    if (video && video.videoWidth > 0) {
      window.__bench.firstFrameAt = Date.now();
      clearInterval(poll);
    }
  }, 2);
}

const stack = await startStack();
const [doctorBrowser, patientBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);

async function page(browser) {
  const context = await newPersonContext(browser, stack.webUrl);
  await watchPeerConnections(context);
  await context.addInitScript(watchFirstFrame);
  return context.newPage();
}

async function api(pathname, init = {}, auth) {
  const response = await fetch(`${stack.apiUrl}/api${pathname}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
  });
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function visitPage(browser, account, sessionId) {
  const p = await page(browser);
  await signIn(p, account.email);
  await p.waitForURL(/\/(doctor|patient)$/);
  await p.goto(`/visit/${sessionId}`);
  await p.getByTestId('device-check').waitFor();
  await p.waitForFunction(() => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok');
  return p;
}

/** One visit: the patient waits, the doctor clicks Join; both until the first remote frame. */
async function rep(n) {
  const doctor = await createAccount('DOCTOR', `Dr. Bench ${n}`);
  const patient = await createAccount('PATIENT', `Patient Bench ${n}`);
  const { accessToken } = await api('/auth/login', { method: 'POST', body: JSON.stringify({ email: doctor.email, password: PASSWORD }) });
  const appointment = await api(
    '/appointments',
    {
      method: 'POST',
      body: JSON.stringify({ patientId: patient.id, startsAt: new Date().toISOString(), durationMinutes: 30, reason: `Benchmark ${n}` }),
    },
    accessToken,
  );
  const [patientPage, doctorPage] = await Promise.all([
    visitPage(patientBrowser, patient, appointment.sessionId),
    visitPage(doctorBrowser, doctor, appointment.sessionId),
  ]);
  try {
    await patientPage.getByTestId('join-visit').click();
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=call-state]')?.getAttribute('data-state') === 'waiting');
    await doctorPage.getByTestId('join-visit').click();
    const firstFrame = (p) =>
      p.waitForFunction(() => window.__bench.firstFrameAt, null, { timeout: 20_000 }).then(() => p.evaluate(() => window.__bench));
    let d;
    let pt;
    try {
      [d, pt] = await Promise.all([firstFrame(doctorPage), firstFrame(patientPage)]);
    } catch (error) {
      // A call that never shows a picture is a finding, not a reason to lose the other reps.
      const state = (p) =>
        p
          .evaluate(() => ({ call: document.querySelector('[data-testid=call-state]')?.getAttribute('data-state'), bench: window.__bench }))
          .catch(() => null);
      return { failed: error.message.split('\n')[0], doctor: await state(doctorPage), patient: await state(patientPage) };
    }
    const frames = await Promise.all([framesDecoded(doctorPage), framesDecoded(patientPage)]);
    return {
      doctorMs: d.firstFrameAt - d.joinClickAt,
      patientMs: pt.firstFrameAt - d.joinClickAt,
      bothMs: Math.max(d.firstFrameAt, pt.firstFrameAt) - d.joinClickAt,
      framesDecoded: frames,
    };
  } finally {
    await Promise.all([doctorPage.context().close(), patientPage.context().close()]);
  }
}

try {
  for (let i = 0; i < args.warmUp; i += 1) await rep(`warm-${i}`);
  const reps = [];
  const failures = [];
  for (let i = 0; i < args.reps; i += 1) {
    const result = await rep(i + 1);
    if (result.failed) {
      failures.push(result);
      console.error(`rep ${i + 1}: FAILED ${result.failed} ${JSON.stringify({ doctor: result.doctor, patient: result.patient })}`);
    } else {
      reps.push(result);
      console.error(`rep ${i + 1}: doctor ${result.doctorMs} ms, patient ${result.patientMs} ms, both ${result.bothMs} ms`);
    }
  }
  const describe = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      count: sorted.length,
      min: sorted[0],
      median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
      max: sorted.at(-1),
    };
  };
  const stats = {
    both: describe(reps.map((r) => r.bothMs)),
    doctor: describe(reps.map((r) => r.doctorMs)),
    patient: describe(reps.map((r) => r.patientMs)),
  };
  const text = table(
    ['first remote frame after the doctor’s Join click', 'reps ok', 'min ms', 'median ms', 'max ms'],
    Object.entries({ 'both sides': stats.both, 'doctor’s page': stats.doctor, 'patient’s page': stats.patient }).map(([name, s]) => [
      name,
      `${s.count}/${args.reps}`,
      ms(s.min),
      ms(s.median),
      ms(s.max),
    ]),
  );
  console.log(`\nBrowser: full app, two headless Chromiums, fake media\n${text}`);
  announce(writeResult('browser', { args: { ...args }, stats, reps, failures, table: text }));
} finally {
  await Promise.all([doctorBrowser.close(), patientBrowser.close()]);
  await stack.stop();
}
process.exit(0);
