// `npm run bench`: every benchmark in turn (each its own process, bounded in time), then one
// table with the targets, written to bench/results/summary-latest.{json,md} and, on a full
// run, into BENCHMARKS.md between its result markers. Flags are passed on to every script
// (e.g. `npm run bench -- --smoke`); `--only=relay,join` runs a subset.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine, ms, parseArgs, ratio, RESULTS_DIR, ROOT, table } from './lib/common.mjs';

const BENCHMARKS = ['relay', 'reports', 'capacity', 'join', 'cross-node', 'browser', 'page-weight', 'api'];
const args = parseArgs({ only: BENCHMARKS, fromResults: 'false' });
const passOn = process.argv.slice(2).filter((arg) => !arg.startsWith('--only=') && !arg.startsWith('--fromResults'));

function run(name) {
  // --fromResults: only rebuild the summary from each benchmark's bench/results/<name>-latest.json.
  if (args.fromResults === 'true') {
    const file = path.join(RESULTS_DIR, `${name}-latest.json`);
    return Promise.resolve(fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { failed: 'no results yet' });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, `bench/${name}.mjs`), ...passOn], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => ((out += chunk), process.stdout.write(chunk)));
    // Above the relay's own hard deadline (25 min: four servers, two workloads, 1,000 rooms).
    const timer = setTimeout(() => child.kill('SIGKILL'), 30 * 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const file = /^RESULT (.+)$/m.exec(out)?.[1];
      resolve(code === 0 && file ? JSON.parse(fs.readFileSync(file, 'utf8')) : { failed: `exit ${code}` });
    });
  });
}

const started = Date.now();
const results = {};
for (const name of BENCHMARKS.filter((b) => args.only.includes(b))) {
  console.error(`\n=== ${name} ===`);
  results[name] = await run(name);
}

const rows = [];
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : 'MISSED');
const relay = results.relay;
if (relay?.verdict) {
  for (const [mode, v] of Object.entries(relay.verdict)) {
    const g = relay.summary[mode].gateway?.pooled;
    // Spread starts (issue 18): also no stall over 50 ms, seen as our worst delivery of the run.
    if (v.vsBare)
      rows.push([
        `relay p99, ${mode} (our ${ms(g.p99)} ms${mode === 'spread' ? `, worst delivery ${ms(g.max)} ms` : ''})`,
        mode === 'spread' ? '≤ 1.2× bare Socket.IO, no stall over 50 ms' : '≤ 1.2× bare Socket.IO',
        ratio(v.vsBare.median),
        verdict(v.vsBare.median <= 1.2 && (mode !== 'spread' || g.max <= 50)),
      ]);
    if (v.vsPeer) rows.push([`relay p99, ${mode}`, '< PeerJS server', ratio(v.vsPeer.median), verdict(v.vsPeer.median < 1)]);
    // The plain WebSocket (issue 19), on the same API process: at or below the PeerJS server.
    const p = relay.summary[mode].plain?.pooled;
    if (v.plainVsPeer)
      rows.push([
        `relay p99, plain WebSocket, ${mode} (our ${ms(p.p99)} ms)`,
        '≤ 1.0× PeerJS server',
        `${ratio(v.plainVsPeer.median)} (${ratio(v.plainVsBare?.median)} bare, ${ratio(v.plainVsGateway?.median)} our gateway)`,
        verdict(v.plainVsPeer.median <= 1),
      ]);
  }
  // The mesh of 4: our gateway against bare Socket.IO on the same mesh, and what the mesh costs
  // over two people on our gateway (issue 18: ≤ 1.5×; bare Socket.IO's own figure beside it).
  for (const [mode, v] of Object.entries(relay.verdict)) {
    const m = relay.summary[mode].gatewayMesh4?.pooled;
    if (v.meshVsBare)
      rows.push([
        `relay p99, mesh of 4, ${mode} (our ${ms(m.p99)} ms)`,
        '≤ 1.2× bare Socket.IO (mesh of 4)',
        ratio(v.meshVsBare.median),
        verdict(v.meshVsBare.median <= 1.2),
      ]);
    if (v.meshVsPair)
      rows.push([
        `relay p99, mesh of 4 ÷ two-person, ${mode}`,
        '≤ 1.5× the two-person figure',
        `${ratio(v.meshVsPair.median)}${v.bareMeshVsPair ? ` (bare Socket.IO’s own ${ratio(v.bareMeshVsPair.median)})` : ''}`,
        verdict(v.meshVsPair.median <= 1.5),
      ]);
  }
}
const reports = results.reports;
if (reports?.verdict) {
  for (const [mode, v] of Object.entries(reports.verdict)) {
    rows.push([
      `relay p99 while ${reports.args.concurrentReports} large PDF reports render, ${mode} (${v.reportsRendered} rendered)`,
      '≤ 1.2× the same run without reports',
      ratio(v.vsAlone.median),
      verdict(v.vsAlone.median <= 1.2),
    ]);
    rows.push([
      `health p99 while reports render (worst round)`,
      '< 50 ms',
      `${ms(v.healthP99)} ms (max ${ms(v.healthMax)}, ${v.healthFailed} failed; ${ms(v.healthP99Alone)} ms without reports)`,
      verdict(v.healthP99 < 50 && v.healthFailed === 0),
    ]);
  }
}
const capacity = results.capacity;
if (capacity?.steps) {
  const last = capacity.steps.at(-1);
  const wanted = Math.max(...capacity.args.steps);
  // Issue 18 asks for 20,000; this machine's per-process open-file limit stops the steps at 19,500 (bench/capacity.mjs).
  rows.push([`capacity: sockets reached`, '20000', `${last.sockets} (of ${wanted} tried)`, verdict(last.sockets >= 20_000)]);
  rows.push([
    `capacity: heartbeat p99 at ${last.sockets}`,
    '< 50 ms',
    `${ms(last.p99)} ms (${capacity.verdict})`,
    verdict(last.sockets >= wanted && last.p99 < 50),
  ]);
  const bare = capacity.bare?.steps.find((step) => step.sockets === last.sockets);
  const context = [
    `live heap ${last.liveHeapPerSocketKb?.toFixed(1)} KB`,
    bare && `bare Socket.IO ${bare.rssPerSocketKb.toFixed(1)} KB RSS, ${bare.liveHeapPerSocketKb.toFixed(1)} KB live`,
  ]
    .filter(Boolean)
    .join('; ');
  rows.push([
    `capacity: RSS per socket at ${last.sockets}`,
    '≤ 25 KB',
    `${last.rssPerSocketKb.toFixed(1)} KB (${context})`,
    verdict(last.rssPerSocketKb <= 25),
  ]);
}
if (results.join?.stats)
  rows.push([
    `join-room p99 at ${results.join.args.rate}/s`,
    '≤ 20 ms at 500/s, 0 failed',
    `${ms(results.join.stats.p99)} ms (p50 ${ms(results.join.stats.p50)}, ${results.join.errors} failed)`,
    verdict(results.join.stats.p99 <= 20 && results.join.errors === 0 && results.join.args.rate >= 500),
  ]);
const cross = results['cross-node'];
if (cross?.verdict) {
  for (const [mode, v] of Object.entries(cross.verdict))
    rows.push([
      `cross-node p99, ${mode} (node B on core ${cross.args.nodeBCore})`,
      '≤ 2× one process',
      `${ratio(v.vsSingle.median)} (${ratio(v.vsSingleRedis.median)} one + Redis)`,
      verdict(v.vsSingle.median <= 2),
    ]);
}
if (results.browser?.stats) {
  const spike = results.browser.spike?.stats
    ? `; bare WebRTC ${ms(results.browser.spike.stats.both.median)} ms, ${results.browser.spike.ratioOfMedians.toFixed(2)}×`
    : '';
  rows.push([
    'browser: Join click to first frame, both sides',
    'median ≤ 250 ms',
    `${ms(results.browser.stats.both.median)} ms (min ${ms(results.browser.stats.both.min)}, max ${ms(results.browser.stats.both.max)}${spike}${results.browser.failures?.length ? `; ${results.browser.failures.length} of ${results.browser.args.reps} reps never showed a picture` : ''})`,
    verdict(results.browser.stats.both.median <= 250),
  ]);
} else if (results.browser?.skipped) rows.push(['browser', 'median ≤ 250 ms', 'skipped: Chromium missing', 'n/a']);
const weight = results['page-weight'];
if (weight?.loads?.visit) {
  const visit = weight.loads.visit;
  // Older results have no split: everything then counted as the device check's.
  const toDeviceCheck = visit.toDeviceCheck ?? { count: visit.scriptCount, bytes: visit.scriptBytes };
  rows.push([
    `page weight: patient's visit page cold, compressed JS (${visit.encodings?.join('/') ?? 'gzip'}) to the device check; in all`,
    `≤ ${weight.args.targetKb} KB`,
    `${(toDeviceCheck.bytes / 1000).toFixed(1)} KB in ${toDeviceCheck.count} scripts; in all ${(visit.scriptBytes / 1000).toFixed(1)} KB in ${visit.scriptCount}, the call's code fetched for later (device check ${ms(visit.byProfile.slow4g?.deviceCheckMs.median)} ms on Slow 4G, ${ms(visit.byProfile.none?.deviceCheckMs.median)} ms unthrottled)`,
    weight.toDeviceCheckMet === undefined ? verdict(weight.met) : `${verdict(weight.toDeviceCheckMet)}; in all ${verdict(weight.met)}`,
  ]);
} else if (weight?.skipped) rows.push(['page weight', '≤ 150 KB', 'skipped: Chromium missing', 'n/a']);
const apiResults = results.api?.results;
if (apiResults) {
  const report = apiResults['report.pdf'];
  rows.push([
    'report.pdf p50',
    '≤ 100 ms',
    report.available === false ? report.reason : `${ms(report.p50)} ms (p99 ${ms(report.p99)})`,
    verdict(report.available === false ? undefined : report.p50 <= 100),
  ]);
  for (const name of ['list upcoming', 'list past']) {
    const s = apiResults[name];
    rows.push([
      `GET /api/appointments (${name.split(' ')[1]}), ${results.api.args.appointments} appointments, p99`,
      '≤ 20 ms',
      `${ms(s.p99)} ms (p50 ${ms(s.p50)})`,
      verdict(s.p99 <= 20),
    ]);
  }
}
for (const [name, result] of Object.entries(results))
  if (result.failed) rows.push([name, '', `benchmark failed (${result.failed})`, 'FAILED']);

const m = machine();
const summary = table(['measure', 'target', 'result', 'verdict'], rows);
const detail = Object.entries(results)
  .filter(([, r]) => r.table)
  .map(([name, r]) => `### ${name}\n\n${r.table}`)
  .join('\n\n');
const machineLine = `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; ${m.pinning}`;
const when =
  args.fromResults === 'true'
    ? `Summary of the latest results (${
        Object.values(results)
          .map((r) => r.at)
          .filter(Boolean)
          .sort()[0] ?? '?'
      } onwards)`
    : `Run ${new Date().toISOString()} in ${Math.round((Date.now() - started) / 1000)} s`;
const markdown = `${when} on: ${machineLine}.\n\n${summary}\n\n${detail}\n`;
console.log(`\n=== summary ===\n${markdown}`);
fs.mkdirSync(RESULTS_DIR, { recursive: true });
fs.writeFileSync(path.join(RESULTS_DIR, 'summary-latest.md'), markdown);
fs.writeFileSync(path.join(RESULTS_DIR, 'summary-latest.json'), JSON.stringify({ machine: m, rows, results }, null, 2));

const doc = path.join(ROOT, 'BENCHMARKS.md');
const complete = !args.smoke && BENCHMARKS.every((b) => args.only.includes(b));
if (complete && fs.existsSync(doc)) {
  const text = fs.readFileSync(doc, 'utf8');
  const begin = '<!-- results:begin -->';
  const end = '<!-- results:end -->';
  if (text.includes(begin) && text.includes(end)) {
    fs.writeFileSync(doc, `${text.slice(0, text.indexOf(begin) + begin.length)}\n${markdown}\n${text.slice(text.indexOf(end))}`);
    console.log('BENCHMARKS.md updated');
  }
}
process.exit(Object.values(results).some((r) => r.failed) ? 1 : 0);
