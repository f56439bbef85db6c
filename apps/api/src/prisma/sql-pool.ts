import type { Pool } from 'pg';

/**
 * What a plain-SQL read needs of PostgreSQL: the API's pool (`PrismaService.sql`), or a report worker
 * thread's own (a worker cannot share the loop's connections).
 */
export type SqlPool = Pick<Pool, 'query'>;
