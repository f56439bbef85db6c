import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorResponse } from '@telehealth/contracts';
import type { Response } from 'express';

const SENTENCE_BY_STATUS: Record<number, string> = {
  400: 'The request is invalid.',
  401: 'Sign in to continue: the access token is missing, invalid or expired.',
  403: 'You are not allowed to do this.',
  404: 'Nothing was found at this address.',
  405: 'This method is not allowed here.',
  409: 'The request conflicts with the current state.',
  413: 'The request body is too large.',
  415: 'The request body must be JSON.',
  429: 'Too many requests: wait a moment and try again.',
};

// Errors meaning "the database is not reachable right now" (refused, shut down, starting up, dropped).
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function databaseUnavailable(exception: unknown): boolean {
  let current: unknown = exception;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (UNAVAILABLE_CODES.has(String(candidate.code)) || UNAVAILABLE_CODES.has(String(candidate.originalCode))) return true;
    if (typeof candidate.message === 'string' && /Connection terminated|connect ECONNREFUSED/.test(candidate.message)) return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

/** Renders a caught error as the one error shape; unknown errors become a 500 without internals. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    // Express's body parser failures reach Nest as HttpExceptions caused by the parser's error.
    if ((exception.cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed') {
      return { error: 'The request body is not valid JSON.', code: 400 };
    }
    if (typeof body === 'object' && body !== null && typeof (body as ErrorResponse).error === 'string' && 'code' in body) {
      return { error: (body as ErrorResponse).error, code: status };
    }
    return { error: SENTENCE_BY_STATUS[status] ?? exception.message, code: status };
  }
  if (databaseUnavailable(exception)) {
    return { error: 'The service is briefly unavailable (its database cannot be reached); try again in a moment.', code: HttpStatus.SERVICE_UNAVAILABLE };
  }
  return { error: 'Something went wrong on our side; the request was not completed.', code: HttpStatus.INTERNAL_SERVER_ERROR };
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorResponse(exception);
    if (body.code === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    else if (body.code === 503) this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    if (response.headersSent) return;
    response.status(body.code).json(body);
  }
}
