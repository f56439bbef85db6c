import fs from 'node:fs';
import type { Extension } from '@electric-sql/pglite';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The contrib export ships ESM-only typings, so a static import does not type-check under CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { btree_gist } = require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: Extension };

export interface EmbeddedDatabase {
  url: string;
  /** Close every client of `url` first: stopping under open connections crashes the process. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL in WASM (PGlite) with its data in `dataDir`, served on a loopback port
 * over the Postgres wire protocol, so the API talks to it exactly as to a real server.
 * `maxConnections` must be at least the connection pool size, or the extra
 * connections are reset.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { extensions: { btree_gist } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
