#!/usr/bin/env node
// Runs Prisma's CLI offline. Prisma 6 insists on locating native engines even when the
// generator uses the TypeScript query engine and the CLI the WASM schema engine
// (prisma.config.ts); pointing both variables at any existing file stops the download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const cli = require.resolve('prisma/build/index.js');
const preload = new URL('./prisma-unref-timers.cjs', import.meta.url).pathname;
const result = spawnSync(process.execPath, ['--require', preload, cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
