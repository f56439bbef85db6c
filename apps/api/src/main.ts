import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './database/demo-seed';
import { openDatabase } from './database/open-database';
import { PrismaService } from './prisma/prisma.service';
import { SignalingDrain } from './signaling/signaling-drain.service';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadConfig();
  const database = await openDatabase(config);
  const app = await createApp({ ...config, DATABASE_POOL_SIZE: database.poolSize }, database.url);
  // Logged once the app's logger is in place, so it is a JSON line like the rest in production.
  logger.log(
    `database: ${database.embedded ? `embedded PostgreSQL in ${config.EMBEDDED_DB_DIR}` : 'DATABASE_URL'}` +
      (database.applied.length ? `; applied migrations ${database.applied.join(', ')}` : '; migrations up to date'),
  );
  if (config.SEED_DEMO && (await seedDemoAccounts(app.get(PrismaService)))) {
    logger.log(`seeded demo accounts ${DEMO_ACCOUNTS.map((account) => account.email).join(', ')} (password: ${DEMO_PASSWORD})`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing`);
    await app.get(SignalingDrain).drain();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen(config.API_PORT, config.API_HOST);
  logger.log(`API listening on http://localhost:${config.API_PORT}/api`);
}

main().catch((error: unknown) => {
  // A configuration error is a sentence for the operator; anything else needs its stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
