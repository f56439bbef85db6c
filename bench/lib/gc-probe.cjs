// Preloaded into every benchmark server by bench/lib/servers.mjs (--expose-gc --require ...): on
// SIGUSR2 it collects garbage fully and prints the live heap, so that memory per socket can be read
// without the collector's headroom and the garbage of the last seconds that RSS holds (capacity),
// and a warm-up's garbage is collected before the timed window (relay-compare.mjs).
// BENCH_HEAP_DIR=/tmp/heap also writes a heap snapshot there after the collection (read with
// bench/lib/heap-diff.mjs); the figures are taken before it, as the snapshot allocates.
const path = require('node:path');
const v8 = require('node:v8');

const heapDir = process.env.BENCH_HEAP_DIR;
const server = path.basename(process.argv[1] ?? 'node', path.extname(process.argv[1] ?? ''));
let probes = 0;

process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  const { heapUsed, external } = process.memoryUsage();
  let snapshot;
  if (heapDir) snapshot = v8.writeHeapSnapshot(path.join(heapDir, `${server}-${process.pid}-${probes}.heapsnapshot`));
  probes += 1;
  process.stdout.write(`GC-PROBE ${JSON.stringify({ heapUsed, external, ...(snapshot ? { snapshot } : {}) })}\n`);
});
