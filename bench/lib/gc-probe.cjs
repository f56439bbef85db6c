// Preloaded into a server by bench/capacity.mjs (NODE_OPTIONS="--expose-gc --require ..."):
// on SIGUSR2 it collects garbage fully and prints the live heap, so that memory per socket can
// be read without the collector's headroom and the garbage of the last seconds that RSS holds.
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  const { heapUsed, external } = process.memoryUsage();
  process.stdout.write(`GC-PROBE ${JSON.stringify({ heapUsed, external })}\n`);
});
