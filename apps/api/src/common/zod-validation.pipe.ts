import { PipeTransform } from '@nestjs/common';
import { describeZodError } from '@telehealth/contracts';
import type { ZodType } from 'zod';
import { ApiError } from './api-error';

/** Validates a body or query with a contract schema; the 400 names the first bad field. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw ApiError.badRequest(describeZodError(result.error), 'validation_failed');
    return result.data;
  }
}
