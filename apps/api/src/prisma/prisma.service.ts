import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PrismaClient } from '../generated/prisma/client';
import { DATABASE_URL } from './database-url';

/**
 * The one way into PostgreSQL for every module. `sql` is the same connection pool, for the
 * few hot paths (authenticating a request, entering a visit) where Prisma's per-query
 * compilation cost half the CPU (bench/join.mjs profile); everything else uses the client.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  readonly sql: Pool;

  constructor(@Inject(DATABASE_URL) databaseUrl: string, @Inject(APP_CONFIG) config: AppConfig) {
    const pool = new Pool({ connectionString: databaseUrl, max: config.DATABASE_POOL_SIZE });
    super({ adapter: new PrismaPg(pool) });
    this.sql = pool;
    // An idle connection that the server drops (a restart) must not crash the process; the pool reconnects.
    pool.on('error', () => undefined);
  }

  /**
   * Loads Prisma's WebAssembly query compiler before the server listens. Left to the first Prisma
   * query, it blocked the event loop for 175-275 ms on one core, in the middle of calls: nothing on
   * the signaling path uses Prisma, so the first query was the one-minute sweeps' (BENCHMARKS.md).
   * It opens no connection: a database that is down at start-up is still reported by health checks.
   */
  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.sql.end().catch(() => undefined);
  }

  /** True when a trivial query answers; used by health checks. */
  async isReachable(): Promise<boolean> {
    try {
      await this.sql.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
