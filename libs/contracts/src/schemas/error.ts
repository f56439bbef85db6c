import { z } from 'zod';
import { ERROR_REASONS } from '../error';

export const ZErrorReasonSchema = z.enum(ERROR_REASONS);

/** Every REST error and every failed socket acknowledgement carries this shape. */
export const ZErrorResponseSchema = z.object({
  error: z.string(),
  code: z.number().int(),
  reason: ZErrorReasonSchema,
});
export type ErrorResponse = z.infer<typeof ZErrorResponseSchema>;

/**
 * Turns a zod failure into one sentence that names the field, e.g.
 * "startsAt: Invalid ISO datetime". Shared so the API and the web forms word it alike.
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is invalid.';
  const field = issue.path.map(String).join('.');
  const message = issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? 'is required' : issue.message;
  return field ? `${field}: ${message}` : message;
}
