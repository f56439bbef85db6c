// `node apps/api/dist/cli/migrate.js`: applies pending migrations to DATABASE_URL and exits.
// docker-compose runs it once before the API replicas start; `npm start` needs no such step,
// because every API process also applies pending migrations at boot (under a lock).
import { applyMigrations } from '../database/migrator';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required to run migrations.');
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
