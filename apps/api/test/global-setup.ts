import { applyMigrations } from '../src/database/migrator';
import { createDatabase } from './test-database';

/** One database for the whole run, migrated once by the same migrator production uses. */
export default async function globalSetup(): Promise<void> {
  const name = `telehealth_test_${Date.now()}_${process.pid}`;
  const url = await createDatabase(name);
  await applyMigrations(url);
  process.env.TEST_DATABASE_NAME = name;
  process.env.TEST_DATABASE_URL = url;
}
