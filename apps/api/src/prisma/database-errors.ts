/**
 * The PostgreSQL SQLSTATE behind a failed Prisma call, if any. With a driver adapter,
 * constraint violations Prisma has no code for (an exclusion constraint: 23P01) arrive
 * as a DriverAdapterError whose `cause` carries the driver's error.
 */
export function postgresErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof candidate.originalCode === 'string') return candidate.originalCode;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && !candidate.code.startsWith('P')) {
      return candidate.code;
    }
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return undefined;
}

export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/** A unique constraint refused the write (Prisma's P2002, or the raw SQLSTATE). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'P2002' || postgresErrorCode(error) === PG_UNIQUE_VIOLATION;
}

export const PG_DEADLOCK_DETECTED = '40P01';

/**
 * Runs a write again when PostgreSQL broke a deadlock by aborting it. Concurrent inserts that
 * collide on an exclusion constraint (two bookings of one slot) can wait on each other; the
 * server then aborts one of them, which has done nothing yet and only needs another try
 * (measured: about 3 of every 100 simultaneous bookings of one slot).
 */
export async function retryOnDeadlock<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || postgresErrorCode(error) !== PG_DEADLOCK_DETECTED) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * PostgreSQL refused the statement because of what it carried (a bad value, a broken
 * constraint), not because the server or the connection failed: the same rows written
 * apart would mostly succeed. Connection, resource and shutdown classes (08, 53, 57) and
 * errors without a SQLSTATE (a refused socket) are not that.
 */
export function isRowLevelError(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code !== undefined && !/^(08|53|57)/.test(code);
}
