// Where the memory per socket goes, from heap snapshots written by gc-probe.cjs (BENCH_HEAP_DIR):
//
//   node --max-old-space-size=8000 bench/lib/heap-diff.mjs --sockets=2000 \
//     --ours=main-1-0.heapsnapshot,main-1-1.heapsnapshot --bare=bare-relay-2-0.heapsnapshot,bare-relay-2-1.heapsnapshot
//
// Each server is given as its idle snapshot and its snapshot with `sockets` sockets open. Self size
// is summed by kind (constructor, closure with its source line, string, array...), and each
// kind's growth per socket is compared: ours − bare is what our code adds to Socket.IO's own cost.
// For the kinds that grow most, the objects new since the idle snapshot (heap ids persist within
// a process) are grouped by their retainer path (nearest to a GC root, weak edges ignored): what
// holds them. --top=25 kinds, --paths=6 paths each, --depth=9 hops, --strings=15 string patterns;
// --strings-like=REGEX also groups the new strings whose text matches by their retainer paths.
import fs from 'node:fs';

const flags = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const sockets = Number(flags.sockets);
const top = Number(flags.top ?? 25);
const pathsPerKind = Number(flags.paths ?? 6);
const depth = Number(flags.depth ?? 9);
const stringPatterns = Number(flags.strings ?? 15);
const stringsLike = flags['strings-like'] ? new RegExp(flags['strings-like']) : undefined;
if (!sockets || !flags.ours) {
  console.error('usage: heap-diff.mjs --sockets=N --ours=idle,loaded [--bare=idle,loaded] [--top --paths --depth --strings]');
  process.exit(2);
}

function load(file) {
  const { snapshot, nodes, edges, strings, locations = [] } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const meta = snapshot.meta;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const [nType, nName, nId, nSize, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * nf + nEdges];
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');

  // Retainers (reverse edges), and each node's distance from the root over strong edges.
  const retainerCount = new Uint32Array(count + 1);
  for (let e = 0; e < edges.length; e += ef) retainerCount[edges[e + eTo] / nf + 1]++;
  for (let i = 0; i < count; i++) retainerCount[i + 1] += retainerCount[i];
  const firstRetainer = retainerCount;
  const retainerEdge = new Uint32Array(edges.length / ef);
  const retainerNode = new Uint32Array(edges.length / ef);
  const fill = new Uint32Array(count);
  for (let n = 0; n < count; n++) {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
      const to = edges[e * ef + eTo] / nf;
      const slot = firstRetainer[to] + fill[to]++;
      retainerEdge[slot] = e;
      retainerNode[slot] = n;
    }
  }
  const distance = new Uint32Array(count).fill(0xffffffff);
  const queue = new Uint32Array(count);
  let head = 0;
  let tail = 0;
  distance[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const n = queue[head++];
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
      const type = edges[e * ef + eType];
      if (type === weak || (type === shortcut && n !== 0)) continue;
      const to = edges[e * ef + eTo] / nf;
      if (distance[to] !== 0xffffffff) continue;
      distance[to] = distance[n] + 1;
      queue[tail++] = to;
    }
  }

  const locationOf = new Map();
  for (let i = 0; i < locations.length; i += 4) locationOf.set(locations[i] / nf, [locations[i + 1], locations[i + 2], locations[i + 3]]);
  const typeOf = (n) => nodeTypes[nodes[n * nf + nType]];
  const nameOf = (n) => strings[nodes[n * nf + nName]];
  const edgeName = (e) => {
    const type = edgeTypes[edges[e * ef + eType]];
    const value = edges[e * ef + eName];
    return type === 'element' || type === 'hidden' ? `[${type === 'element' ? '' : 'h'}]` : strings[value];
  };
  const edgeTo = (e) => edges[e * ef + eTo] / nf;
  const child = (n, name) => {
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) if (edgeName(e) === name) return edgeTo(e);
    return undefined;
  };

  // Script names, for closures: closure -shared-> SharedFunctionInfo -script_or_debug_info-> Script.
  const scriptOf = (n) => {
    const shared = child(n, 'shared');
    const script = shared === undefined ? undefined : (child(shared, 'script_or_debug_info') ?? child(shared, 'script'));
    if (script === undefined) return '?';
    return nameOf(script)
      .replace(/^.*\/node_modules\//, '~/')
      .replace(/^.*\/(apps|libs)\//, '$1/');
  };

  const kindOf = (n) => {
    const type = typeOf(n);
    const name = nameOf(n);
    switch (type) {
      case 'object':
        return name;
      case 'closure': {
        const at = locationOf.get(n);
        return `(closure) ${name || '(anonymous)'} ${scriptOf(n)}${at ? `:${at[1] + 1}` : ''}`;
      }
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        return '(string)';
      case 'array':
      case 'hidden':
      case 'native':
        return `(${type}) ${name.replace(/\d+/g, '#')}`;
      case 'code':
        return name.startsWith('system /') ? `(code) ${name}` : '(code)';
      case 'object shape':
        return `(object shape) ${name}`;
      default:
        return `(${type})`;
    }
  };

  return {
    count,
    nodes,
    nf,
    nId,
    nSize,
    typeOf,
    nameOf,
    kindOf,
    edgeName,
    distance,
    firstRetainer,
    retainerEdge,
    retainerNode,
    id: (n) => nodes[n * nf + nId],
    size: (n) => nodes[n * nf + nSize],
  };
}

function totals(snapshot) {
  const byKind = new Map();
  for (let n = 0; n < snapshot.count; n++) {
    const kind = snapshot.kindOf(n);
    const entry = byKind.get(kind) ?? { bytes: 0, count: 0 };
    entry.bytes += snapshot.size(n);
    entry.count += 1;
    byKind.set(kind, entry);
  }
  return byKind;
}

/** Growth per socket of each kind between an idle and a loaded snapshot of one server. */
function growth([idleFile, loadedFile]) {
  const idle = totals(load(idleFile));
  const loaded = load(loadedFile);
  const after = totals(loaded);
  const perSocket = new Map();
  for (const kind of new Set([...idle.keys(), ...after.keys()])) {
    const a = idle.get(kind) ?? { bytes: 0, count: 0 };
    const b = after.get(kind) ?? { bytes: 0, count: 0 };
    perSocket.set(kind, { bytes: (b.bytes - a.bytes) / sockets, count: (b.count - a.count) / sockets });
  }
  return { perSocket, loaded };
}

const ours = growth(flags.ours.split(','));
const bare = flags.bare ? growth(flags.bare.split(',')) : undefined;
const sum = (map) => [...map.values()].reduce((total, { bytes }) => total + bytes, 0);
const kb = (bytes) => (bytes / 1024).toFixed(2);
console.log(`self size per socket: ours ${kb(sum(ours.perSocket))} KB` + (bare ? `, bare ${kb(sum(bare.perSocket))} KB` : '') + '\n');

const rows = [...ours.perSocket.keys(), ...(bare ? bare.perSocket.keys() : [])]
  .filter((kind, i, all) => all.indexOf(kind) === i)
  .map((kind) => {
    const o = ours.perSocket.get(kind) ?? { bytes: 0, count: 0 };
    const b = bare?.perSocket.get(kind) ?? { bytes: 0, count: 0 };
    return { kind, ours: o, bare: b, diff: o.bytes - b.bytes };
  })
  .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff));
console.log('bytes/socket  ours (objs)    bare (objs)    kind');
for (const row of rows.slice(0, top))
  console.log(
    `${row.diff.toFixed(0).padStart(6)}  ${row.ours.bytes.toFixed(0).padStart(6)} (${row.ours.count.toFixed(2).padStart(5)})  ${row.bare.bytes
      .toFixed(0)
      .padStart(6)} (${row.bare.count.toFixed(2).padStart(5)})  ${row.kind}`,
  );

// Retainer paths of the new objects (heap ids persist within a process) of the kinds that grow
// most, in both servers. A path stops at the first Socket.IO or Engine.IO object it meets, so that
// the same structure is one key in both (beyond it, ours would differ by whatever else holds the socket).
const ANCHORS = new Set([
  'Socket',
  'Client',
  'SessionAwareAdapter',
  'RecoveryAdapter',
  'Adapter',
  'Namespace',
  'Server',
  'WebSocket',
  'TCP',
]);
const focus = rows.filter((row) => row.diff > 0).slice(0, top);
const focusKinds = new Set(focus.map((row) => row.kind));
function pathsOf([idleFile], loaded) {
  const idle = load(idleFile);
  const idleIds = new Set();
  for (let n = 0; n < idle.count; n++) idleIds.add(idle.id(n));
  const s = loaded;
  const nearestRetainer = (n) => {
    let best;
    for (let r = s.firstRetainer[n]; r < s.firstRetainer[n + 1]; r++) {
      const parent = s.retainerNode[r];
      if (s.distance[parent] < s.distance[n] && (best === undefined || s.distance[parent] < s.distance[s.retainerNode[best]])) best = r;
    }
    return best;
  };
  const label = (n) => {
    const type = s.typeOf(n);
    const name = s.nameOf(n);
    if (type === 'object' || type === 'closure') return s.kindOf(n).replace(/^\(closure\) /, 'ƒ ');
    if (type === 'string') return '(string)';
    return `(${type}${name ? ` ${name.replace(/\d+/g, '#').slice(0, 40)}` : ''})`;
  };
  const pathOf = (n) => {
    const parts = [];
    let current = n;
    for (let hop = 0; hop < depth; hop++) {
      const r = nearestRetainer(current);
      if (r === undefined) break;
      const parent = s.retainerNode[r];
      parts.push(`.${s.edgeName(s.retainerEdge[r]).replace(/^\d+$/, '#')}`, label(parent));
      if (s.typeOf(parent) === 'object' && ANCHORS.has(s.nameOf(parent))) break;
      current = parent;
    }
    return parts.join(' ← ');
  };
  const byKind = new Map();
  const strings = new Map();
  const stringPaths = new Map();
  const owners = new Map();
  const add = (map, key, n) => {
    const entry = map.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += s.size(n) / sockets;
    entry.count += 1 / sockets;
    map.set(key, entry);
  };
  for (let n = 0; n < s.count; n++) {
    if (idleIds.has(s.id(n))) continue;
    const kind = s.kindOf(n);
    const path = pathOf(n);
    add(owners, ownerOf(path), n);
    if (!focusKinds.has(kind)) continue;
    if (!byKind.has(kind)) byKind.set(kind, new Map());
    add(byKind.get(kind), path, n);
    if (kind === '(string)' && stringsLike?.test(s.nameOf(n))) add(stringPaths, path, n);
    if (kind === '(string)') {
      const pattern = s
        .nameOf(n)
        .slice(0, 60)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
        .replace(/[A-Za-z0-9_-]{20}/g, '<id20>')
        .replace(/\d+/g, '#');
      add(strings, pattern, n);
    }
  }
  return { byKind, strings, stringPaths, owners };
}
/**
 * The holder at the top of a path and the edge from it ("Socket .data", "SessionAwareAdapter .packets"),
 * or the Nest provider on the way there and its field ("EventRunner .limiters").
 */
function ownerOf(path) {
  const parts = path.split(' ← ');
  const provider = parts.indexOf('.instance');
  if (provider >= 2) return `${parts[provider - 1]} ${parts[provider - 2]}`;
  return parts.length < 2 ? '(root)' : `${parts.at(-1)} ${parts.at(-2)}`;
}
const oursPaths = pathsOf(flags.ours.split(','), ours.loaded);
const barePaths = bare
  ? pathsOf(flags.bare.split(','), bare.loaded)
  : { byKind: new Map(), strings: new Map(), stringPaths: new Map(), owners: new Map() };
const none = { bytes: 0, count: 0 };
const cell = ({ bytes, count }) => `${bytes.toFixed(0).padStart(5)} (${count.toFixed(2).padStart(5)})`;
/** Keys by how much more ours holds through them than bare (B/socket), then the biggest of bare's own. */
function compare(oursMap = new Map(), bareMap = new Map(), limit) {
  const keys = [...new Set([...oursMap.keys(), ...bareMap.keys()])];
  const diff = (key) => (oursMap.get(key) ?? none).bytes - (bareMap.get(key) ?? none).bytes;
  return keys
    .sort((a, b) => Math.abs(diff(b)) - Math.abs(diff(a)))
    .slice(0, limit)
    .map(
      (key) =>
        `${diff(key).toFixed(0).padStart(6)}  ours ${cell(oursMap.get(key) ?? none)}  bare ${cell(bareMap.get(key) ?? none)}  ← ${key}`,
    );
}
console.log('\nall new objects, by holder (the top of their retainer path) and its edge:');
for (const line of compare(oursPaths.owners, barePaths.owners, top)) console.log(`  ${line}`);
console.log('\nper kind, by retainer path (B/socket more than bare; ours and bare B/socket (objs/socket) of new objects):');
for (const row of focus) {
  console.log(`\n${row.kind}: ${row.diff.toFixed(0)} B/socket more than bare`);
  for (const line of compare(oursPaths.byKind.get(row.kind), barePaths.byKind.get(row.kind), pathsPerKind)) console.log(`  ${line}`);
}
console.log('\nnew strings by pattern:');
for (const line of compare(oursPaths.strings, barePaths.strings, stringPatterns)) console.log(`  ${line}`);
if (stringsLike) {
  console.log(`\nnew strings like ${stringsLike}, by retainer path:`);
  for (const line of compare(oursPaths.stringPaths, barePaths.stringPaths, pathsPerKind * 3)) console.log(`  ${line}`);
}
