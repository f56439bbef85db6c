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
