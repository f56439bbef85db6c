// Benchmark 7 (issue 18): what the patient's visit page weighs and how long a phone waits for its
// device check. The product as `npm start` serves patients (e2e/support/launcher.ts: the real
// launcher, whose front server sends Next's build files with Brotli to a browser that takes it;
// `--via=next` weighs `next start` on its own instead, gzip, as e2e/support/stack.ts runs it) and
// one headless Chromium (fake camera and microphone, e2e/support/browser.ts). Every load is cold: a
// fresh browser context, so an empty HTTP cache. Bytes come from Chromium's own network events (CDP
// `Network.loadingFinished.encodedDataLength`, less the response's headers: the script as it
// crossed the wire, compressed); times from navigation to the device check on the screen,
// unthrottled and under emulated slow networks (CDP `Network.emulateNetworkConditions`).
//
// Each load's scripts are counted twice: those the device check needed (see `neededForDeviceCheck`), and
// every script fetched until the network has been quiet for 1.5 s after it showed, which adds what
// the page fetches for later (the call's code, loaded with `import()` while the device check shows).
//
// Two loads, each of them per network profile and rep:
//   visit: `/visit/<sessionId>` opened cold by a patient who holds a visit-link session (a reload,
//          a second tab, the link opened again later): the page's own weight, the figure.
//   link:  `/j/<token>` opened cold with no session (the patient taps the emailed link): the link
//          page signs in, `/` sends the browser on to the visit page, which shows the device check.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { announce, hardDeadline, median, ms, parseArgs, ROOT, sleep, table, writeResult } from './lib/common.mjs';
import { benchDatabase, REDIS_URL } from './lib/fixtures.mjs';

const require = createRequire(import.meta.url);
require('./lib/ts-require.cjs');
const ts = require('typescript');

// --targetKb: the budget for the visit page's scripts. --top: chunks listed with their contents.
// --via: `front` (npm start's front server, as patients get the page) or `next` (`next start` alone).
// --settleMs: after the untimed load, the front server's time to compress every file at its best.
const args = parseArgs(
  {
    reps: 3,
    profiles: ['none', 'slow4g', '400k'],
    loads: ['visit', 'link'],
    targetKb: 150,
    top: 8,
    maxMinutes: 12,
    via: 'front',
    settleMs: 3000,
  },
  { reps: 1, profiles: ['none', 'slow4g'], maxMinutes: 2.5 },
);
hardDeadline(args.maxMinutes * 60_000, 'page-weight');

/** 1 KB = 1,000 bytes, as DevTools counts. */
const KB = 1000;
const kb = (bytes) => (Number.isFinite(bytes) ? (bytes / KB).toFixed(1) : String(bytes));

/**
 * Emulated networks, as Chromium applies them to every request of the page (latency is added per
 * request, throughput caps the bytes). `slow4g` is DevTools' "Slow 4G" preset, with DevTools' own
 * factors (1.6 Mbit/s × 0.9 down, 750 kbit/s × 0.9 up, 150 ms × 3.75 latency); `400k` is slower
 * still: 400 kbit/s both ways, 400 ms. The CPU is not slowed down.
 */
const PROFILES = {
  none: { label: 'unthrottled (loopback)', conditions: null },
  slow4g: {
    label: 'Slow 4G (1.44 Mbit/s down, 675 kbit/s up, 563 ms)',
    conditions: { latency: 150 * 3.75, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  },
  '400k': {
    label: '400 kbit/s both ways, 400 ms',
    conditions: { latency: 400, downloadThroughput: 400e3 / 8, uploadThroughput: 400e3 / 8 },
  },
};
if (!['front', 'next'].includes(args.via)) throw new Error(`--via=${args.via}: front or next`);
for (const name of args.profiles) if (!PROFILES[name]) throw new Error(`unknown profile ${name} (${Object.keys(PROFILES).join(', ')})`);

const { browserAvailable, launchBrowser, newPersonContext } = require(path.join(ROOT, 'e2e/support/browser.ts'));
if (!browserAvailable()) {
  const file = writeResult('page-weight', { skipped: true, reason: 'Chromium missing' });
  console.log('\nPage weight: skipped, Chromium is missing');
  announce(file);
  process.exit(0);
}

process.env.TEST_REDIS_URL ??= REDIS_URL;
const { startStack, createAccount, api, PASSWORD } = require(path.join(ROOT, 'e2e/support/stack.ts'));

/** The built web app, whose /_next/static/ files `next start` serves. */
const NEXT_DIR = path.join(ROOT, 'apps/web/.next');

/**
 * The product to weigh: `origin` is where browsers open it, `apiUrl` the API. `front`: `npm start`'s
 * launcher on a database of its own (its accounts are made there); `next`: the API and `next start`.
 */
async function startProduct() {
  const settings = { VISIT_LINK_REDEEMS_PER_ADDRESS: '10000' };
  if (args.via === 'next') {
    process.env.TEST_DATABASE_URL = await benchDatabase();
    const stack = await startStack(settings);
    return { origin: stack.webUrl, apiUrl: stack.apiUrl, stop: stack.stop };
  }
  const { launchProduct } = require(path.join(ROOT, 'e2e/support/launcher.ts'));
  const { dropDatabase } = require(path.join(ROOT, 'apps/api/test/test-database.ts'));
  const name = `${process.env.BENCH_DATABASE_NAME ?? 'telehealth_bench'}_page_weight`;
  await dropDatabase(name);
  const product = await launchProduct(name, settings);
  process.env.TEST_DATABASE_URL = product.databaseUrl;
  const origin = `http://localhost:${product.port}`;
  return { origin, apiUrl: origin, stop: () => product.stop() };
}

/** The pages each load renders on its way to the device check (folders of apps/web/app). */
const LOAD_PAGES = { visit: ['visit/[sessionId]/page'], link: ['j/[token]/page', 'page', 'visit/[sessionId]/page'] };

/**
 * The scripts `pages` render with, by Next's manifests of the build: the main files every page
 * loads, and each page's entry chunks (its layouts' and its own). A script a load fetched that is
 * none of them came from an `import()`: code the page asked for itself once it was up.
 */
function routeScripts(pages) {
  const build = JSON.parse(fs.readFileSync(path.join(NEXT_DIR, 'build-manifest.json'), 'utf8'));
  const files = new Set([...build.rootMainFiles, ...build.polyfillFiles].map((file) => `/_next/${file}`));
  for (const page of pages) {
    const context = {};
    vm.runInNewContext(fs.readFileSync(path.join(NEXT_DIR, 'server/app', `${page}_client-reference-manifest.js`), 'utf8'), context);
    for (const manifest of Object.values(context.__RSC_MANIFEST ?? {}))
      for (const chunks of Object.values(manifest.entryJSFiles ?? {})) for (const chunk of chunks) files.add(`/_next/${chunk}`);
  }
  return files;
}
const ROUTE_SCRIPTS = Object.fromEntries(Object.entries(LOAD_PAGES).map(([load, pages]) => [load, routeScripts(pages)]));

/**
 * Installed in every page: the wall-clock time (ms) at which the device check appeared and the
 * camera preview worked, comparable with this process's clock and with Chromium's request times.
 */
function watchDeviceCheck() {
  const marks = {};
  window.__pageWeight = marks;
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    if (marks.deviceCheckAt === undefined && document.querySelector('[data-testid=device-check]')) marks.deviceCheckAt = now();
    if (marks.cameraOkAt === undefined && document.querySelector('[data-testid=camera-status]')?.getAttribute('data-status') === 'ok')
      marks.cameraOkAt = now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
}

/** Chromium's view of every request of `page`: bytes on the wire and decoded, type, encoding, start time. */
async function recordNetwork(page, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  const requests = new Map();
  // CDP stamps events on a monotonic clock (s); `requestWillBeSent` also gives the wall clock, which the page's marks use.
  let wallOffset = null;
  const wallMs = (timestamp) => (timestamp + wallOffset) * 1000;
  cdp.on('Network.requestWillBeSent', (event) => {
    wallOffset ??= event.wallTime - event.timestamp;
    const known = requests.get(event.requestId);
    // A redirect keeps the request id: the hops' bytes add up, the first hop's start counts.
    requests.set(event.requestId, {
      ...(known ?? { wire: 0, decoded: 0, headerBytes: 0 }),
      url: event.request.url,
      type: event.type,
      startedAt: known?.startedAt ?? event.wallTime * 1000,
      initiator: known?.initiator ?? event.initiator?.type,
      done: false,
    });
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(request, {
      type: event.type,
      status: event.response.status,
      encoding: headers['content-encoding'] ?? 'none',
      // What had arrived when the response began: its status line and headers.
      headerBytes: request.headerBytes + event.response.encodedDataLength,
      fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache),
    });
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.decoded += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { wire: request.wire + event.encodedDataLength, done: true, finishedAt: wallMs(event.timestamp) });
  });
  cdp.on('Network.loadingFailed', (event) => {
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { done: true, failed: event.errorText });
  });
  return { cdp, requests };
}

/** Resolves once no request has been in flight nor started for `quietMs` (or after `maxMs`); sockets do not count. */
async function networkIdle(requests, quietMs, maxMs) {
  const deadline = Date.now() + maxMs;
  let count = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const inFlight = [...requests.values()].some((r) => !r.done && r.type !== 'WebSocket' && r.type !== 'EventSource');
    if (requests.size !== count || inFlight) {
      count = requests.size;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sum = (list, key) => list.reduce((total, item) => total + (item[key] ?? 0), 0);

/**
 * Whether the device check needed a script: it had finished loading when the device check showed,
 * and a page of the load renders with it (`routes`, from routeScripts). What the page fetches with its own
 * `import()` (the call's code, asked for as the page mounts) may be in before the device check on a
 * fast network, where it races the appointment's request, but the device check never waits for it.
 */
const neededForDeviceCheck = (script, shownAt, routes) => script.finishedAt <= shownAt && routes.has(script.file);

/** The scripts and documents of one load, with their bytes; `shownAt` (wall clock, ms) tells the device check's from the rest. */
function weighLoad(requests, shownAt, routes) {
  const all = [...requests.values()];
  const scripts = all
    .filter((r) => r.type === 'Script' && !r.fromCache)
    .map((r) => {
      const file = new URL(r.url).pathname;
      return {
        file,
        // The script as served: compressed, without the HTTP headers (`wire` has them).
        bytes: r.wire - r.headerBytes,
        wire: r.wire,
        decoded: r.decoded,
        encoding: r.encoding,
        status: r.status,
        failed: r.failed,
        initiator: r.initiator,
        neededForDeviceCheck: neededForDeviceCheck({ file, finishedAt: r.finishedAt }, shownAt, routes),
        // Relative to the device check showing (negative: before it).
        startedMs: Math.round(r.startedAt - shownAt),
        finishedMs: Math.round(r.finishedAt - shownAt),
      };
    });
  const part = (list) => ({ count: list.length, bytes: sum(list, 'bytes'), decoded: sum(list, 'decoded') });
  const documents = all.filter((r) => r.type === 'Document');
  return {
    scripts,
    scriptCount: scripts.length,
    scriptBytes: sum(scripts, 'bytes'),
    scriptWireBytes: sum(scripts, 'wire'),
    scriptDecodedBytes: sum(scripts, 'decoded'),
    toDeviceCheck: part(scripts.filter((s) => s.neededForDeviceCheck)),
    afterDeviceCheck: part(scripts.filter((s) => !s.neededForDeviceCheck)),
    encodings: [...new Set(scripts.map((s) => s.encoding))],
    documentBytes: sum(documents, 'wire'),
    documentDecodedBytes: sum(documents, 'decoded'),
    requests: all.length,
    wireBytes: sum(all, 'wire'),
  };
}

/** One cold load: a fresh context (empty cache), the profile's network, navigation until the device check shows and the network is quiet. */
async function coldLoad(browser, { load, url, storageState, profile }) {
  const context = await newPersonContext(browser, product.origin, undefined, storageState ? { storageState } : {});
  await context.addInitScript(watchDeviceCheck);
  const page = await context.newPage();
  try {
    const { cdp, requests } = await recordNetwork(page, PROFILES[profile].conditions);
    const startedAt = Date.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page
      .waitForFunction(() => window.__pageWeight?.deviceCheckAt, null, { timeout: 60_000, polling: 50 })
      .catch(async (error) => {
        const seen = await page.evaluate(() => ({ url: location.href, text: document.body?.innerText.slice(0, 300) })).catch(() => null);
        const pending = [...requests.values()].filter((r) => !r.done).map((r) => r.url);
        throw new Error(`${url} (${profile}): no device check: ${error.message.split('\n')[0]} ${JSON.stringify({ seen, pending })}`);
      });
    await page.waitForFunction(() => window.__pageWeight?.cameraOkAt, null, { timeout: 30_000, polling: 50 }).catch(() => undefined);
    const marks = await page.evaluate(() => window.__pageWeight);
    // What the page fetches once it shows the device check (prefetches, parts loaded later) counts too.
    await networkIdle(requests, 1500, PROFILES[profile].conditions ? 30_000 : 10_000);
    await cdp.detach().catch(() => undefined);
    return {
      deviceCheckMs: marks.deviceCheckAt - startedAt,
      cameraOkMs: marks.cameraOkAt ? marks.cameraOkAt - startedAt : null,
      ...weighLoad(requests, marks.deviceCheckAt, ROUTE_SCRIPTS[load]),
    };
  } finally {
    await context.close();
  }
}

// ---- what is in a chunk ----

/**
 * What each module of a Turbopack chunk is, told by its content (production chunks carry numeric
 * module ids, not paths): the first rule whose pattern the module's code matches. Approximate by
 * design (Turbopack also merges some modules into one), good enough to see whose bytes a chunk holds.
 */
const KINDS = [
  ['zod', /\$Zod|\b_zod\b|ZodError|ZodType|BIGINT_FORMAT_RANGES|case"invalid_type"|\.frCA=/],
  ['contracts: zod schemas', /\.Z[A-Z]\w*Schema\s*=|\bZ[A-Z]\w*Schema\b/],
  // Compiled to CommonJS (the server's copy), the libs' modules assign their exports (`i.CallEngine=`); the browser
  // bundles their ESM source, which Turbopack hoists into one module with the web app's call code (its stats seam names it).
  [
    'call engine',
    /\.(CallEngine|PeerLink|PlainSignalingSocket|PreparedConnection|INITIAL_ADAPTIVE_STATE|CallError|FINAL_CALL_STATES|AUDIO_LEVEL_STEP)=|__telehealthStatsReplay/,
  ],
  [
    'contracts: constants and rules',
    /\.(ERROR_REASONS|LANGUAGES|SignalingEvent|APPOINTMENT_STATUSES|REFUSAL_REASON|VISIT_CODE_ALPHABET|PLAIN_SIGNALING_PATH|GUEST_ROLES|STAFF_ROLES|SESSION_EVENT_TYPES|CLINIC_VISIT_PHASES|PASSWORD_MIN_LENGTH|MAX_WAITING_MESSAGE_LENGTH|MALFORMED_TEXT_MESSAGE|ROLES)=/,
  ],
  // socket.io-client's own code (its version check, its transports), not the call engine's socket, which names the same protocol.
  ['socket.io-client', /It seems you are trying to reach a Socket\.IO server|engine\.io-client|webtransport|\.open="0",\w+\.close="1"/],
  ['React', /react\.dev\/errors|__reactFiber|__reactContainer|react\.transitional\.element|__REACT_DEVTOOLS_GLOBAL_HOOK__|unstable_now/],
  ['next-intl', /IntlError|MISSING_MESSAGE|FORMATTING_ERROR|NextIntlClientProvider|intl-messageformat/],
  ['react-query', /queryHash|QueryObserver|QueryClient|tanstack|observerOptionsUpdated/],
  ['next-auth', /__NEXTAUTH|next-auth|nextauth|CLIENT_SESSION_ERROR/],
  ['the app (components, hooks, lib, messages)', /data-testid|x-session-ended|telehealth|"brand"/],
  [
    'Next.js runtime',
    /__next|next-router|__NEXT|Next-Router|\b_rsc\b|nextjs|NEXT_|EntryStatus|[Pp]refetch|[Nn]avigat|FreshnessPolicy|ACTION_|serverAction|LoadingBoundary|ReadonlyURLSearchParams|isLocalURL|formatUrl|useMergedRef|DecodeError|getDeploymentId|WarningIcon|appBootstrap|onRecoverableError|HeadManagerContext|AppRouter|INTERCEPTION_ROUTE|x-deployment-id|\/_tree/,
  ],
];

/** The module factories of one chunk: `(globalThis.TURBOPACK ||= []).push([currentScript, id, factory, id, factory, …])`. */
function factoriesOf(code) {
  const source = ts.createSourceFile('chunk.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  for (const statement of source.statements) {
    const call = ts.isExpressionStatement(statement) ? statement.expression : null;
    const list = call && ts.isCallExpression(call) ? call.arguments[0] : null;
    if (list && ts.isArrayLiteralExpression(list))
      return list.elements
        .filter((e) => ts.isArrowFunction(e) || ts.isFunctionExpression(e))
        .map((e) => code.slice(e.getStart(source), e.end));
  }
  return [];
}

/** A chunk's contents by kind: raw bytes, and each kind's share of the chunk's compressed bytes (by its raw share); null without the file. */
function chunkContents(script) {
  const file = path.join(NEXT_DIR, script.file.replace(/^\/_next\//, ''));
  if (!fs.existsSync(file)) return null;
  const code = fs.readFileSync(file, 'utf8');
  const factories = factoriesOf(code);
  // The Turbopack runtime itself is a chunk of plain statements.
  const modules = factories.length
    ? factories.map((f) => [KINDS.find(([, pattern]) => pattern.test(f))?.[0] ?? 'other', f.length])
    : [['Next.js runtime', code.length]];
  const raw = sum(
    modules.map(([, bytes]) => ({ bytes })),
    'bytes',
  );
  const kinds = new Map();
  for (const [kind, bytes] of modules) kinds.set(kind, (kinds.get(kind) ?? 0) + bytes);
  return [...kinds.entries()]
    .map(([kind, bytes]) => ({ kind, raw: bytes, compressed: (script.bytes * bytes) / raw }))
    .sort((a, b) => b.raw - a.raw);
}

// ---- the run ----

const product = await startProduct();
const browser = await launchBrowser();

/** A patient with a visit that starts now, booked by a doctor: its visit page and the patient's link, as the invitation gives it. */
async function bookVisit() {
  const doctor = await createAccount('DOCTOR', 'Dr. Page Weight');
  const patient = await createAccount('PATIENT', 'Patient Page Weight');
  const { accessToken } = await api(product.apiUrl, '/auth/login', { method: 'POST', body: { email: doctor.email, password: PASSWORD } });
  const appointment = await api(product.apiUrl, '/appointments', {
    method: 'POST',
    token: accessToken,
    body: { patientId: patient.id, startsAt: new Date().toISOString(), durationMinutes: 60, reason: 'Page weight' },
  });
  const invitation = await api(product.apiUrl, `/appointments/${appointment.id}/invitation`, { token: accessToken });
  return { visitPath: `/visit/${appointment.sessionId}`, linkPath: new URL(invitation.link).pathname };
}

/**
 * Untimed: the link opened once (it warms the servers); the session it gives is the `visit` loads'.
 * The front server compresses each build file at Brotli's best once, in the background, and answers
 * with a quicker Brotli meanwhile (scripts/front-brotli.mjs): every file is asked for here, the call's
 * code too, and `settleMs` leaves it the time to finish, so that every timed load gets the same bytes.
 */
async function patientSession({ visitPath, linkPath }) {
  const context = await newPersonContext(browser, product.origin);
  try {
    const page = await context.newPage();
    const { cdp, requests } = await recordNetwork(page, null);
    await page.goto(linkPath);
    await page.getByTestId('device-check').waitFor({ timeout: 60_000 });
    if (new URL(page.url()).pathname !== visitPath) throw new Error(`the link led to ${page.url()}, not ${visitPath}`);
    await networkIdle(requests, 1500, 10_000);
    await cdp.detach().catch(() => undefined);
    if (args.via === 'front') await sleep(args.settleMs);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** Each load's weight (from its first unthrottled load: every cold load fetches the same files) and its times per profile. */
function summarize(runs) {
  return Object.fromEntries(
    args.loads.map((load) => {
      const mine = runs.filter((r) => r.load === load);
      const reference = mine.find((r) => r.profile === 'none') ?? mine[0];
      const byProfile = Object.fromEntries(
        args.profiles.map((profile) => {
          const times = mine.filter((r) => r.profile === profile);
          const describe = (key) => {
            const values = times.map((r) => r[key]).filter(Number.isFinite);
            return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
          };
          return [profile, { deviceCheckMs: describe('deviceCheckMs'), cameraOkMs: describe('cameraOkMs'), reps: times.length }];
        }),
      );
      const { scripts, ...weight } = reference;
      for (const key of ['rep', 'profile', 'load', 'deviceCheckMs', 'cameraOkMs']) delete weight[key];
      // Every cold load of a page should fetch the same bytes: more than one figure here says it did not.
      const seen = (bytesOf) => [...new Set(mine.map(bytesOf))].sort((a, b) => a - b);
      const scriptBytesSeen = seen((r) => r.scriptBytes);
      const toDeviceCheckBytesSeen = seen((r) => r.toDeviceCheck.bytes);
      return [load, { ...weight, scriptBytesSeen, toDeviceCheckBytesSeen, byProfile, scripts }];
    }),
  );
}

const LOAD_LABEL = { visit: 'visit page, cold (session held)', link: 'visit link → device check, cold' };

function report(loads, chunks, kinds, met) {
  const weightText = table(
    ['load', 'scripts', 'JS KB compressed', 'to the device check', 'fetched for later', 'with headers', 'decoded', 'HTML KB', 'encoding'],
    Object.entries(loads).map(([load, l]) => [
      LOAD_LABEL[load],
      l.scriptCount,
      kb(l.scriptBytes),
      `${l.toDeviceCheck.count} scripts, ${kb(l.toDeviceCheck.bytes)} KB`,
      `${l.afterDeviceCheck.count} scripts, ${kb(l.afterDeviceCheck.bytes)} KB`,
      kb(l.scriptWireBytes),
      kb(l.scriptDecodedBytes),
      kb(l.documentBytes),
      l.encodings.join(', '),
    ]),
  );
  const timeText = table(
    ['navigation → device check shown', 'network', 'reps', 'median ms', 'min ms', 'max ms', 'camera preview, median ms'],
    Object.entries(loads).flatMap(([load, l]) =>
      Object.entries(l.byProfile).map(([profile, p]) => [
        LOAD_LABEL[load],
        PROFILES[profile].label,
        p.reps,
        ms(p.deviceCheckMs.median),
        ms(p.deviceCheckMs.min),
        ms(p.deviceCheckMs.max),
        ms(p.cameraOkMs.median),
      ]),
    ),
  );
  const chunkText = table(
    ['visit page chunk', 'for', 'KB compressed', 'KB decoded', 'what is in it (≈ KB compressed, by content)'],
    chunks
      .slice(0, args.top)
      .map((c) => [
        c.file.split('/').pop(),
        c.neededForDeviceCheck ? 'device check' : 'later',
        kb(c.bytes),
        kb(c.decoded),
        c.contents ? c.contents.map((part) => `${part.kind} ${kb(part.compressed)}`).join('; ') : 'n/a',
      ]),
  );
  const kindText = table(
    ['in the visit page’s scripts', '≈ KB compressed', 'KB decoded', 'chunks'],
    kinds.map((k) => [k.kind, kb(k.compressed), kb(k.raw), k.chunks]),
  );
  const visit = loads.visit ?? Object.values(loads)[0];
  const verdict =
    `visit page: ${kb(visit.toDeviceCheck.bytes)} KB of compressed JavaScript to the device check (${visit.toDeviceCheck.count} scripts), ` +
    `${kb(visit.scriptBytes)} KB in all with what it fetches for later (${visit.scriptCount} scripts, ${visit.encodings.join('/')}); ` +
    `target ≤ ${args.targetKb} KB: to the device check ${met.toDeviceCheck ? 'met' : 'MISSED'}, in all ${met.all ? 'met' : 'MISSED'}`;
  return { text: `${weightText}\n\n${timeText}\n\n${chunkText}\n\n${kindText}`, verdict };
}

try {
  const visitOf = await bookVisit();
  const storageState = await patientSession(visitOf);
  const runs = [];
  for (let rep = 1; rep <= args.reps; rep += 1) {
    for (const profile of args.profiles) {
      for (const load of args.loads) {
        const url = load === 'visit' ? visitOf.visitPath : visitOf.linkPath;
        const run = await coldLoad(browser, { load, url, storageState: load === 'visit' ? storageState : null, profile });
        runs.push({ rep, profile, load, ...run });
        console.error(
          `rep ${rep} ${profile} ${load}: ${run.scriptCount} scripts, ${kb(run.scriptBytes)} KB (${run.encodings.join('/')}), ` +
            `${run.toDeviceCheck.count} scripts, ${kb(run.toDeviceCheck.bytes)} KB to the device check at ${ms(run.deviceCheckMs)} ms`,
        );
      }
    }
  }
  const loads = summarize(runs);
  const visit = loads.visit ?? Object.values(loads)[0];
  const chunks = [...visit.scripts].sort((a, b) => b.bytes - a.bytes).map((script) => ({ ...script, contents: chunkContents(script) }));
  const byKind = new Map();
  for (const part of chunks.flatMap((chunk) => chunk.contents ?? [])) {
    const total = byKind.get(part.kind) ?? { raw: 0, compressed: 0, chunks: 0 };
    byKind.set(part.kind, { raw: total.raw + part.raw, compressed: total.compressed + part.compressed, chunks: total.chunks + 1 });
  }
  const kinds = [...byKind.entries()].map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.compressed - a.compressed);
  // `met`: every script of the cold load, the call's code fetched for later too; `toDeviceCheckMet`: what the device check needed.
  const met = visit.scriptBytes <= args.targetKb * KB;
  const toDeviceCheckMet = visit.toDeviceCheck.bytes <= args.targetKb * KB;
  const { text, verdict } = report(loads, chunks, kinds, { all: met, toDeviceCheck: toDeviceCheckMet });
  console.log(`\nPage weight (cold loads; Chromium's bytes of each script as served)\n${text}\n\n${verdict}`);
  announce(
    writeResult('page-weight', {
      args: { ...args },
      profiles: Object.fromEntries(args.profiles.map((p) => [p, PROFILES[p]])),
      targetBytes: args.targetKb * KB,
      met,
      toDeviceCheckMet,
      loads,
      chunks,
      kinds,
      // Each run's scripts are the same files as its load's (see `loads.*.scripts`); its figures stay.
      runs: runs.map((run) => Object.fromEntries(Object.entries(run).filter(([key]) => key !== 'scripts'))),
      table: text,
    }),
  );
} finally {
  await browser.close();
  await product.stop();
}
process.exit(0);
