import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Extension } from '@electric-sql/pglite';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The contrib export ships ESM-only typings, so a static import does not type-check under CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { btree_gist } = require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: Extension };

export interface EmbeddedDatabase {
  url: string;
  /** The unix socket it listens on (no TCP port). */
  socketPath: string;
  /** Close every client of `url` first: stopping under open connections crashes the process. */
  stop(): Promise<void>;
}

// The longest unix socket path Linux and macOS accept, less room for PostgreSQL's file name.
const MAX_SOCKET_DIR_LENGTH = 90;
const SOCKET_PORT = 5432;

/**
 * Where the embedded server listens: a unix socket in a folder only this user may enter
 * (0700, the socket itself 0600). PGlite's wire server accepts any user name and password,
 * so a TCP port, even on loopback, would let every local account read the clinic's data.
 * The folder sits beside the data (`<data>/../run`) so another command of ours (a migration,
 * an admin tool) finds it; a path too long for a socket falls back to a private temp folder.
 */
function socketDirectory(dataDir: string): string {
  const beside = path.join(path.dirname(dataDir), 'run');
  const dir = beside.length <= MAX_SOCKET_DIR_LENGTH ? beside : fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-db-'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  return dir;
}

/**
 * PostgreSQL in WASM (PGlite) with its data in `dataDir`, served over the Postgres wire
 * protocol on a private unix socket (see socketDirectory), so the API talks to it exactly
 * as to a real server. `maxConnections` must be at least the connection pool size, or the
 * extra connections are reset.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const socketDir = socketDirectory(dataDir);
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  // A socket left by a process that was killed would refuse the new one (EADDRINUSE).
  fs.rmSync(socketPath, { force: true });
  const db = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  try {
    await server.start();
    fs.chmodSync(socketPath, 0o600);
  } catch (error) {
    await server.stop().catch(() => undefined);
    await db.close();
    throw error;
  }
  let stopped = false;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}&sslmode=disable`,
    socketPath,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      fs.rmSync(socketPath, { force: true });
    },
  };
}
