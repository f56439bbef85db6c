import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { startEmbeddedDatabase } from './embedded-database';
import { applyMigrations } from './migrator';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** Call after every client of `url` is closed. */
  close(): Promise<void>;
  applied: string[];
}

/**
 * The database this process uses, migrated: the server of DATABASE_URL, or without it
 * the embedded PostgreSQL whose data lives in EMBEDDED_DB_DIR.
 */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    const applied = await applyMigrations(config.DATABASE_URL);
    return { url: config.DATABASE_URL, embedded: false, applied, close: async () => undefined };
  }
  // A few spare connections for the migrator and health checks beside the pool.
  const embedded = await startEmbeddedDatabase(path.resolve(config.EMBEDDED_DB_DIR), config.DATABASE_POOL_SIZE + 5);
  try {
    const applied = await applyMigrations(embedded.url);
    return { url: embedded.url, embedded: true, applied, close: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
