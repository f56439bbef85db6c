import path from 'node:path';
import { AppConfig } from '../config/app-config';
import { startEmbeddedDatabase } from './embedded-database';
import { applyMigrations } from './migrator';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /**
   * Connections the API may open. The embedded server runs one PostgreSQL backend for all its
   * connections, so statements of concurrent connections would interleave (unnamed prepared
   * statements clash): it gets one connection and requests queue for it.
   */
  poolSize: number;
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
    return { url: config.DATABASE_URL, embedded: false, poolSize: config.DATABASE_POOL_SIZE, applied, close: async () => undefined };
  }
  // The pool's one connection, the migrator's, and a spare for Prisma's CLI during development.
  const embedded = await startEmbeddedDatabase(path.resolve(config.EMBEDDED_DB_DIR), 3);
  try {
    const applied = await applyMigrations(embedded.url);
    return { url: embedded.url, embedded: true, poolSize: 1, applied, close: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
