// Preloaded into Prisma's CLI by scripts/prisma.mjs: the WASM schema engine leaves a
// 10-second timer behind, which keeps the CLI alive ~10 s after it has finished.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(fn, ms, ...args) {
  const timer = originalSetTimeout.call(this, fn, ms, ...args);
  if (ms >= 10_000 && timer && typeof timer.unref === 'function') timer.unref();
  return timer;
};
