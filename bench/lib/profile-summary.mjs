// Prints the heaviest functions (self time) and packages of a V8 .cpuprofile:
//   node bench/lib/profile-summary.mjs /tmp/prof/CPU.*.cpuprofile [--after=join] [--window=bench/results/relay-latest.json --key=plain]
import fs from 'node:fs';

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const flag = (name) =>
  process.argv
    .slice(3)
    .find((arg) => arg.startsWith(`--${name}=`))
    ?.slice(name.length + 3);
// --after=<function>: count only samples from the first one inside <function> on (skips start-up).
const after = flag('after');
let from = 0;
if (after) {
  from = profile.samples.findIndex((id) => {
    for (let at = id; at !== undefined; at = parentOf.get(at)) if (byId.get(at).callFrame.functionName === after) return true;
    return false;
  });
  if (from < 0) from = 0;
}
// --window=<relay result .json> (and --key=<server key>): count only samples inside the timed windows
// of its runs (`timedWindowUs`, the monotonic clock the profile's timestamps use), of that server only.
const windowFile = flag('window');
const windows = windowFile
  ? JSON.parse(fs.readFileSync(windowFile, 'utf8'))
      .runs.filter((run) => !flag('key') || run.key === flag('key'))
      .map((run) => run.result.timedWindowUs)
      .filter(Boolean)
  : undefined;
let clock = profile.startTime;
const inWindow = profile.timeDeltas.map((d) => {
  clock += d;
  return !windows || windows.some(([start, end]) => clock >= start && clock <= end);
});
const dt = profile.timeDeltas.map((d, i) => (i < from || !inWindow[i] ? 0 : d));
if (windows) console.log(`${windows.length} timed windows, ${inWindow.filter(Boolean).length} samples in them`);
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fnTotals = new Map();
const pkgTotals = new Map();
for (const [id, time] of self) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:');
  const key = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + time);
  const pkg =
    callFrame.url === ''
      ? callFrame.functionName
      : (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(callFrame.url)?.[1] ??
        (callFrame.url.startsWith('node:') ? 'node:' : callFrame.url.includes('/dist/') ? 'apps/api/dist' : callFrame.url || 'other'));
  pkgTotals.set(pkg, (pkgTotals.get(pkg) ?? 0) + time);
}
const top = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `total sampled ${(total / 1e6).toFixed(1)} s\n-- by package --\n${top(pkgTotals, 15)}\n-- by function (self) --\n${top(fnTotals, 25)}`,
);

// Inclusive time of the API's own functions and of a few suspects, to attribute the cost.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { callFrame } = byId.get(at);
    const interesting =
      callFrame.url.includes('/apps/api/dist/') ||
      /^(verify|createPublicKey|createSecretKey|compile|parse|safeParse|argon2)/.test(callFrame.functionName);
    if (!interesting) continue;
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/.*\/(apps\/api\/dist\/|node_modules\/)/, '')}:${callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + (dt[i] ?? 0));
  }
});
console.log(`-- inclusive (API code and suspects) --\n${top(inclusive, 30)}`);
