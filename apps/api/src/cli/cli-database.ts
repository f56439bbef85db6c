import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase } from '../database/embedded-database';
import { applyMigrations } from '../database/migrator';

export interface CliDatabase {
  url: string;
  /** Where it is, for the command's output. */
  where: string;
  close(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database an admin command works on, migrated: DATABASE_URL; or, without it, the embedded
 * database of EMBEDDED_DB_DIR. Only one process may open that folder, so while the API runs
 * (its unix socket `<data>/../run/.s.PGSQL.5432` answers) the command connects through the
 * socket; otherwise it opens the folder itself, creating and migrating it when it is new.
 */
export async function openCliDatabase(env: NodeJS.ProcessEnv = process.env): Promise<CliDatabase> {
  if (env.DATABASE_URL) {
    await applyMigrations(env.DATABASE_URL);
    return { url: env.DATABASE_URL, where: 'DATABASE_URL', close: async () => undefined };
  }
  const dataDir = path.resolve(env.EMBEDDED_DB_DIR || '.data/pglite');
  const socketDir = path.join(path.dirname(dataDir), 'run');
  const running = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=5432&sslmode=disable`;
  if (fs.existsSync(path.join(socketDir, '.s.PGSQL.5432')) && (await answers(running))) {
    return { url: running, where: `the running API's embedded database (${dataDir})`, close: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase(dataDir, 2);
  try {
    await applyMigrations(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, where: `the embedded database (${dataDir})`, close: () => embedded.stop() };
}
