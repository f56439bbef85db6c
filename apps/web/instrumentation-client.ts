// Runs in the browser before any of the app's code (Next.js instrumentation-client).
//
// zod 4 probes whether `new Function` works before its first object parse, to compile faster
// parsers. Under this app's Content-Security-Policy (no 'unsafe-eval') the probe is refused
// and reported as a CSP violation, though zod falls back fine. `jitless` skips the probe; zod
// keeps its settings on globalThis, so this needs no import of zod here.
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });
