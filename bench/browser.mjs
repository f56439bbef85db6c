// Benchmark 5: the doctor's Join click to the first decoded remote video frame on both
// sides, with the full product (built API + built web app, e2e/support/stack.ts) and two
// headless Chromiums with fake camera and microphone (e2e/support/browser.ts); alternated,
// rep by rep, with a bare two-page WebRTC call in the same two browsers (the floor: the
// browsers' own ICE, DTLS and first decode, signaling through a WebSocket relay in this process).
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { announce, hardDeadline, LOOPBACK, ms, parseArgs, ROOT, table, writeResult } from './lib/common.mjs';
import { benchDatabase, REDIS_URL } from './lib/fixtures.mjs';

const require = createRequire(import.meta.url);
require('./lib/ts-require.cjs');

// --thinkMs: how long the doctor looks at the device check after the patient is waiting, before clicking Join
// (0: at once; the doctor's page has been on the device check since before the patient's click).
// --spike=false: our call only; --spikeStartBitrate=0: the spike with the browser's own start bitrate (300 kbps).
// --timeline=true: every rep's events, as each page saw them, on stderr; --trace=true adds the engine's own notes.
// The engine's start bitrate (built: libs/call-engine/dist), which the spike's descriptions get too.
const { START_BITRATE_KBPS, withStartBitrate } = require(path.join(ROOT, 'libs/call-engine/dist/start-bitrate.js'));

const args = parseArgs(
  {
    reps: 10,
    warmUp: 1,
    maxMinutes: 8,
    thinkMs: 0,
    spike: 'true',
    spikeStartBitrate: START_BITRATE_KBPS,
    timeline: 'false',
    trace: 'false',
  },
  { reps: 2, warmUp: 0, maxMinutes: 1.5 },
);
hardDeadline(args.maxMinutes * 60_000, 'browser');
const withSpike = args.spike !== 'false';

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

/**
 * Installed in every page of the app: the time of the click on Join and of the first remote frame
 * with a picture, and a timeline of what led there (requests, signaling frames sent and received,
 * peer connection states, the main thread's busy stretches; with `timeline` its long frames, with
 * `trace` the engine's own notes), each stamped with Date.now().
 */
function watchFirstFrame({ trace, timeline }) {
  // The engine's step-by-step notes cost the page time (each one goes to the console): only when asked for.
  window.__telehealthCallTrace = trace;
  const events = [];
  window.__bench = { joinClickAt: null, firstFrameAt: null, events };
  const mark = (what) => events.push([Date.now(), what]);
  document.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.closest('[data-testid=join-visit]')) {
        window.__bench.joinClickAt ??= Date.now();
        mark('click join');
      }
    },
    true,
  );
  let lastPoll = Date.now();
  const poll = setInterval(() => {
    // A poll that comes late: the page's main thread was busy that long (rendering, scripts).
    const now = Date.now();
    if (now - lastPoll > 10) events.push([lastPoll, `busy ${now - lastPoll} ms`]);
    lastPoll = now;
    const video = document.querySelector('[data-testid=remote-video]');
    if (video && video.videoWidth > 0) {
      window.__bench.firstFrameAt = Date.now();
      mark('first frame');
      clearInterval(poll);
    }
  }, 2);
  // The call engine's step-by-step notes, with `trace`.
  const warn = console.warn;
  console.warn = function (...rest) {
    if (typeof rest[0] === 'string' && rest[0].startsWith('[call] ')) mark(rest[0].slice(7, 110));
    return warn.apply(this, rest);
  };
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(typeof input === 'string' ? input : (input.url ?? String(input)), location.href).pathname;
    mark(`fetch ${url}`);
    return nativeFetch.call(this, input, init).then((response) => (mark(`fetched ${url}`), response));
  };
  // A Socket.IO frame: 42/signaling,7["offer",…] is the event "offer" (ack id 7); 43/signaling,7[…] the answer to 7.
  const frame = (data) => {
    if (typeof data !== 'string') return 'binary';
    const match = /^4([0-6])(?:\/[^,[]*,)?(\d*)(?:\["([^"]+)")?/.exec(data);
    if (!match) return data.length < 4 ? `engine.io ${data}` : data.slice(0, 30);
    if (match[1] === '0') return 'connect';
    if (match[1] === '3') return `ack ${match[2]}`;
    return match[3] ? match[3] : data.slice(0, 30);
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...rest) {
      super(...rest);
      mark('ws new');
      this.addEventListener('open', () => mark('ws open'));
      this.addEventListener('message', ({ data }) => mark(`recv ${frame(data)}`));
    }
    send(data) {
      mark(`send ${frame(data)}`);
      return super.send(data);
    }
  };
  // Long animation frames (over 50 ms): what kept the main thread, scripts and layout, for a timeline.
  if (timeline && typeof PerformanceObserver !== 'undefined') {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const at = Math.round(performance.timeOrigin + entry.startTime);
          const layout = entry.styleAndLayoutStart ? Math.round(entry.startTime + entry.duration - entry.styleAndLayoutStart) : 0;
          const scripts = (entry.scripts ?? [])
            .filter((script) => script.duration >= 3)
            .map((script) => `${script.invoker || script.sourceFunctionName}:${Math.round(script.duration)}`)
            .join(' ');
          events.push([at, `long frame ${Math.round(entry.duration)} ms (layout ${layout}) ${scripts}`.slice(0, 200)]);
        }
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // not in this browser
    }
  }
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...rest) {
      super(...rest);
      mark('pc new');
      this.addEventListener('signalingstatechange', () => mark(`pc signaling ${this.signalingState}`));
      this.addEventListener('icegatheringstatechange', () => mark(`pc gathering ${this.iceGatheringState}`));
      this.addEventListener('iceconnectionstatechange', () => mark(`pc ice ${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`pc ${this.connectionState}`));
      this.addEventListener('track', ({ track }) => mark(`pc track ${track.kind}`));
    }
  };
}

const stack = await startStack();
// Chromium's own fake camera, 720p (the journeys film a small clip to spare CI's cores).
const camera = { camera: 'chromium' };
const [doctorBrowser, patientBrowser] = await Promise.all([launchBrowser([], camera), launchBrowser([], camera)]);

async function page(browser) {
  const context = await newPersonContext(browser, stack.webUrl);
  await watchPeerConnections(context);
  await context.addInitScript(watchFirstFrame, { trace: args.trace === 'true', timeline: args.timeline === 'true' });
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
  try {
    await signIn(p, account.email);
    await p.waitForURL(/\/(doctor|patient)$/);
    await p.goto(`/visit/${sessionId}`);
    await p.getByTestId('device-check').waitFor();
    await p.waitForFunction(() => document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok');
    return p;
  } catch (error) {
    await p.context().close();
    throw error;
  }
}

/** The first time each event happened, in ms after `origin`; later repeats are left out. */
function milestones(events, origin) {
  const first = {};
  for (const [at, what] of events) first[what] ??= at - origin;
  return first;
}

/** Where the time went in one rep: milestones of the doctor's page (D) and the patient's (P), after the click. */
const STEPS = [
  ['D', 'ws open', 'signaling socket open (negative: before the click)'],
  ['D', 'join-room', 'join-room sent'],
  ['D', 'peer-joined', 'peer-joined received'],
  ['P', 'peer-joined', 'peer-joined received'],
  ['D', 'offer', 'offer sent'],
  ['P', 'offer', 'offer received'],
  ['P', 'answer', 'answer sent'],
  ['D', 'answer', 'answer received'],
  ['D', 'pc ice connected', 'ICE connected'],
  ['P', 'pc ice connected', 'ICE connected'],
  ['D', 'pc connected', 'DTLS done (connected)'],
  ['P', 'pc connected', 'DTLS done (connected)'],
  ['D', 'first frame', 'first frame'],
  ['P', 'first frame', 'first frame'],
];

function stepsOf(doctorEvents, patientEvents, origin) {
  const d = milestones(doctorEvents, origin);
  const p = milestones(patientEvents, origin);
  const sent = (m, event) => m[`send ${event}`];
  const got = (m, event) => m[`recv ${event}`];
  const at = (m, key, side) =>
    key === 'join-room' || (key === 'offer' && side === 'D') || (key === 'answer' && side === 'P')
      ? sent(m, key)
      : key === 'peer-joined' || key === 'offer' || key === 'answer'
        ? got(m, key)
        : m[key];
  return Object.fromEntries(STEPS.map(([side, key, label]) => [`${side}: ${label}`, at(side === 'D' ? d : p, key, side) ?? null]));
}

/** One visit: the patient waits, the doctor clicks Join; both until the first remote frame. */
async function ourRep(n) {
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
  const pages = await Promise.allSettled([
    visitPage(patientBrowser, patient, appointment.sessionId),
    visitPage(doctorBrowser, doctor, appointment.sessionId),
  ]);
  const [patientPage, doctorPage] = pages.map((settled) => (settled.status === 'fulfilled' ? settled.value : null));
  if (!patientPage || !doctorPage) {
    await Promise.all([patientPage?.context().close(), doctorPage?.context().close()]);
    const reason = pages.find((settled) => settled.status === 'rejected').reason;
    return { failed: `visit page not ready: ${String(reason?.message ?? reason).split('\n')[0]}` };
  }
  try {
    await patientPage.getByTestId('join-visit').click();
    await patientPage.waitForFunction(() => document.querySelector('[data-testid=call-state]')?.getAttribute('data-state') === 'waiting');
    if (args.thinkMs > 0) await doctorPage.waitForTimeout(args.thinkMs);
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
    const origin = d.joinClickAt;
    if (args.timeline === 'true') {
      const lines = [...d.events.map(([at, what]) => [at, 'D', what]), ...pt.events.map(([at, what]) => [at, 'P', what])]
        .filter(([at]) => at >= origin - 2000)
        .sort((a, b) => a[0] - b[0]);
      console.error(
        `rep ${n} timeline (ms after the click):\n${lines.map(([at, side, what]) => `  ${at - origin} ${side} ${what}`).join('\n')}`,
      );
    }
    return {
      doctorMs: d.firstFrameAt - origin,
      patientMs: pt.firstFrameAt - origin,
      bothMs: Math.max(d.firstFrameAt, pt.firstFrameAt) - origin,
      framesDecoded: frames,
      steps: stepsOf(d.events, pt.events, origin),
    };
  } finally {
    await Promise.all([doctorPage.context().close(), patientPage.context().close()]);
  }
}

// ---- the spike: two bare pages, the least a browser-to-browser call takes here ----

// The spike's page and its signaling relay, both served by this process on loopback: Chromium's
// local network access checks refuse a loopback socket to a page that Playwright answered itself.
const relayServer = withSpike
  ? http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>spike</title><body></body>');
    })
  : null;
const relay = relayServer ? new WebSocketServer({ server: relayServer }) : null;
if (relayServer) {
  await new Promise((resolve) => relayServer.listen(0, LOOPBACK, resolve));
  // Every message goes to the other socket(s) of the same pair, as it is.
  relay.on('connection', (socket, request) => {
    socket.pair = new URL(request.url, 'http://relay').searchParams.get('pair');
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      // Each description as our engine applies it: with its start bitrate (see libs/call-engine start-bitrate.ts).
      if (message.sdp && args.spikeStartBitrate > 0) message.sdp.sdp = withStartBitrate(message.sdp.sdp, args.spikeStartBitrate);
      const text = JSON.stringify(message);
      for (const other of relay.clients) if (other !== socket && other.pair === socket.pair) other.send(text);
    });
  });
}
const SPIKE_URL = relayServer ? `http://${LOOPBACK}:${relayServer.address().port}/spike` : '';

/**
 * One side of the bare call, set up before the clock starts as the app's pages are (camera and
 * microphone with the app's constraints, the signaling socket open, a <video> for the other side).
 * The caller's `__spikeStart()` creates its peer connection and offers; the callee creates its own
 * when the offer comes and answers; candidates trickle both ways through the relay.
 */
async function spikeSetUp({ url, role }) {
  const video = document.createElement('video');
  Object.assign(video, { autoplay: true, playsInline: true, muted: true });
  document.body.append(video);
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' },
  });
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error('relay unreachable'));
  });
  const state = { role, startAt: null, connectedAt: null, firstFrameAt: null };
  window.__spike = state;
  const send = (message) => socket.send(JSON.stringify(message));
  let pc = null;
  const pending = [];
  const open = () => {
    pc = new RTCPeerConnection({ iceServers: [] });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    pc.onicecandidate = ({ candidate }) => candidate && send({ candidate: candidate.toJSON() });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') state.connectedAt ??= Date.now();
    };
    pc.ontrack = ({ streams: [remote] }) => {
      if (!remote || video.srcObject === remote) return;
      video.srcObject = remote;
      void video.play().catch(() => undefined);
    };
    const poll = setInterval(() => {
      if (video.videoWidth > 0) {
        state.firstFrameAt = Date.now();
        clearInterval(poll);
      }
    }, 2);
  };
  let inbox = Promise.resolve();
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    inbox = inbox.then(async () => {
      if (message.sdp) {
        if (!pc) open();
        await pc.setRemoteDescription(message.sdp);
        for (const candidate of pending.splice(0)) await pc.addIceCandidate(candidate);
        if (message.sdp.type === 'offer') {
          await pc.setLocalDescription();
          send({ sdp: pc.localDescription });
        }
      } else if (message.candidate) {
        if (pc?.remoteDescription) await pc.addIceCandidate(message.candidate);
        else pending.push(message.candidate);
      }
    });
  };
  window.__spikeStart = async () => {
    state.startAt = Date.now();
    open();
    await pc.setLocalDescription();
    send({ sdp: pc.localDescription });
  };
}

async function spikePage(browser, pair, role) {
  const context = await newPersonContext(browser, stack.webUrl);
  try {
    const p = await context.newPage();
    await p.goto(SPIKE_URL);
    await p.evaluate(spikeSetUp, { url: `${SPIKE_URL.replace(/^http/, 'ws')}?pair=${pair}`, role });
    return p;
  } catch (error) {
    await context.close();
    throw error;
  }
}

async function spikeRep(n) {
  const pages = await Promise.allSettled([spikePage(doctorBrowser, n, 'caller'), spikePage(patientBrowser, n, 'callee')]);
  const [caller, callee] = pages.map((settled) => (settled.status === 'fulfilled' ? settled.value : null));
  if (!caller || !callee) {
    await Promise.all([caller?.context().close(), callee?.context().close()]);
    return { failed: `spike page not ready: ${String(pages.find((settled) => settled.status === 'rejected').reason).split('\n')[0]}` };
  }
  try {
    if (args.thinkMs > 0) await caller.waitForTimeout(args.thinkMs);
    await caller.evaluate(() => window.__spikeStart());
    const firstFrame = (p) =>
      p.waitForFunction(() => window.__spike.firstFrameAt, null, { timeout: 20_000 }).then(() => p.evaluate(() => window.__spike));
    let c;
    let e;
    try {
      [c, e] = await Promise.all([firstFrame(caller), firstFrame(callee)]);
    } catch (error) {
      return { failed: error.message.split('\n')[0] };
    }
    return {
      doctorMs: c.firstFrameAt - c.startAt,
      patientMs: e.firstFrameAt - c.startAt,
      bothMs: Math.max(c.firstFrameAt, e.firstFrameAt) - c.startAt,
      steps: {
        'caller: DTLS done (connected)': c.connectedAt - c.startAt,
        'callee: DTLS done (connected)': e.connectedAt - c.startAt,
        'caller: first frame': c.firstFrameAt - c.startAt,
        'callee: first frame': e.firstFrameAt - c.startAt,
      },
    };
  } finally {
    await Promise.all([caller.context().close(), callee.context().close()]);
  }
}

// ---- the run ----

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};
const describe = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, min: sorted[0], median: median(sorted), max: sorted.at(-1) };
};
const sides = (reps) => ({
  both: describe(reps.map((r) => r.bothMs)),
  doctor: describe(reps.map((r) => r.doctorMs)),
  patient: describe(reps.map((r) => r.patientMs)),
});

try {
  for (let i = 0; i < args.warmUp; i += 1) {
    await ourRep(`warm-${i}`);
    if (withSpike) await spikeRep(`warm-${i}`);
  }
  const reps = [];
  const failures = [];
  const spikeReps = [];
  const spikeFailures = [];
  // Paired by rep: ours ÷ the spike's, both sides, when both showed a picture.
  const ratios = [];
  // The machine's 1-minute load average before each rep: both browsers, the API and the web server share its cores.
  const loads = [];
  for (let i = 0; i < args.reps; i += 1) {
    loads.push(os.loadavg()[0]);
    const result = await ourRep(i + 1);
    if (result.failed) {
      failures.push(result);
      console.error(`rep ${i + 1}: FAILED ${result.failed} ${JSON.stringify({ doctor: result.doctor, patient: result.patient })}`);
    } else {
      reps.push(result);
      console.error(`rep ${i + 1}: doctor ${result.doctorMs} ms, patient ${result.patientMs} ms, both ${result.bothMs} ms`);
    }
    if (!withSpike) continue;
    const spike = await spikeRep(i + 1);
    if (spike.failed) {
      spikeFailures.push(spike);
      console.error(`spike ${i + 1}: FAILED ${spike.failed}`);
      continue;
    }
    spikeReps.push(spike);
    console.error(`spike ${i + 1}: caller ${spike.doctorMs} ms, callee ${spike.patientMs} ms, both ${spike.bothMs} ms`);
    if (!result.failed) ratios.push(result.bothMs / spike.bothMs);
  }
  const stats = sides(reps);
  const spikeStats = withSpike ? sides(spikeReps) : null;
  const medianSteps = (list) =>
    Object.fromEntries(
      Object.keys(list[0]?.steps ?? {}).map((name) => [name, median(list.map((r) => r.steps[name]).filter((v) => Number.isFinite(v)))]),
    );
  const steps = medianSteps(reps);
  const spikeSteps = medianSteps(spikeReps);
  const rows = Object.entries({ 'both sides': stats.both, 'doctor’s page': stats.doctor, 'patient’s page': stats.patient }).map(
    ([name, s]) => [name, `${s.count}/${args.reps}`, ms(s.min), ms(s.median), ms(s.max)],
  );
  if (spikeStats) {
    rows.push(
      ...Object.entries({
        'spike (bare WebRTC), both sides': spikeStats.both,
        'spike, caller': spikeStats.doctor,
        'spike, callee': spikeStats.patient,
      }).map(([name, s]) => [name, `${s.count}/${args.reps}`, ms(s.min), ms(s.median), ms(s.max)]),
    );
  }
  const text = table(['first remote frame after the doctor’s Join click', 'reps ok', 'min ms', 'median ms', 'max ms'], rows);
  const spikeSummary = spikeStats && {
    stats: spikeStats,
    reps: spikeReps,
    failures: spikeFailures,
    // Ours ÷ the floor, both sides: of the medians, and the median of the ratios paired by rep.
    ratioOfMedians: stats.both.median / spikeStats.both.median,
    pairedRatio: median(ratios),
  };
  const stepsText = table(
    ['median milestone (ms after the click; the spike: after its start)', 'ms'],
    [...Object.entries(steps), ...Object.entries(spikeSteps).map(([name, value]) => [`spike ${name}`, value])].map(([name, value]) => [
      name,
      ms(value),
    ]),
  );
  console.log(`\nBrowser: full app, two headless Chromiums, fake media\n${text}`);
  if (spikeSummary)
    console.log(
      `\nours ÷ bare WebRTC (both sides): ${spikeSummary.ratioOfMedians.toFixed(2)}× of the medians, ${spikeSummary.pairedRatio.toFixed(2)}× paired by rep`,
    );
  const load = describe(loads);
  console.log(`\nWhere the time goes (our call)\n${stepsText}`);
  console.log(`\nLoad average (1 min) before each rep: ${load.min.toFixed(2)}-${load.max.toFixed(2)}, median ${load.median.toFixed(2)}`);
  announce(writeResult('browser', { args: { ...args }, stats, reps, failures, steps, spikeSteps, spike: spikeSummary, load, table: text }));
} finally {
  relay?.close();
  relayServer?.close();
  await Promise.all([doctorBrowser.close(), patientBrowser.close()]);
  await stack.stop();
}
process.exit(0);
