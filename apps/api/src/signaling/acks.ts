import { AckError, describeZodError, ErrorReason } from '@telehealth/contracts';
import type { ZodType } from 'zod';

/** A refused client event: what the acknowledgement carries. */
export function refused(code: number, reason: ErrorReason, error: string): AckError {
  return { ok: false, code, reason, error };
}

/** The payload as the schema reads it, or the 400 that names the first field at fault. */
export function parse<T>(schema: ZodType<T>, payload: unknown): { ok: true; data: T } | AckError {
  const result = schema.safeParse(payload);
  return result.success ? { ok: true, data: result.data } : refused(400, 'validation_failed', describeZodError(result.error));
}

export const NOT_IN_ROOM = refused(409, 'not_in_room', 'Join the visit first.');

export function unknownEvent(event: unknown): AckError {
  return refused(404, 'unknown_event', `Unknown event "${String(event).slice(0, 40)}".`);
}
