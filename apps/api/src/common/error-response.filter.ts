import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import { defaultReasonFor, type ErrorReason, type ErrorResponse, ZErrorReasonSchema } from '@telehealth/contracts';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';

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
    const candidate = current as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (UNAVAILABLE_CODES.has(String(candidate.code)) || UNAVAILABLE_CODES.has(String(candidate.originalCode))) return true;
    if (typeof candidate.message === 'string' && /Connection terminated|connect ECONNREFUSED/.test(candidate.message)) return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

// Fields an error may carry besides {error, code, reason}: tries left (401 on sign-in), when to retry (429).
const EXTRA_FIELDS = ['remainingAttempts', 'retryAfterSeconds'] as const;

function extraFields(body: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(EXTRA_FIELDS.filter((key) => typeof body[key] === 'number').map((key) => [key, body[key] as number]));
}

/** The reason the error's body names, when it is one of ours; otherwise what its status means. */
function reasonOf(body: Record<string, unknown>, status: number): ErrorReason {
  const named = ZErrorReasonSchema.safeParse(body.reason);
  return named.success ? named.data : defaultReasonFor(status);
}

/** Renders a caught error as the one error shape; unknown errors become a 500 without internals. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    // Express's body parser failures reach Nest as HttpExceptions caused by the parser's error.
    if ((exception.cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed') {
      return { error: 'The request body is not valid JSON.', code: 400, reason: 'validation_failed' };
    }
    if (typeof body === 'object' && body !== null && typeof (body as ErrorResponse).error === 'string' && 'code' in body) {
      const fields = body as Record<string, unknown>;
      return { ...extraFields(fields), error: (body as ErrorResponse).error, code: status, reason: reasonOf(fields, status) };
    }
    return { error: SENTENCE_BY_STATUS[status] ?? exception.message, code: status, reason: defaultReasonFor(status) };
  }
  if (databaseUnavailable(exception)) {
    return {
      error: 'The service is briefly unavailable (its database cannot be reached); try again in a moment.',
      code: HttpStatus.SERVICE_UNAVAILABLE,
      reason: 'service_unavailable',
    };
  }
  return {
    error: 'Something went wrong on our side; the request was not completed.',
    code: HttpStatus.INTERNAL_SERVER_ERROR,
    reason: 'internal_error',
  };
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Optional() private readonly audit?: AuditService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorResponse(exception) as ErrorResponse & { retryAfterSeconds?: number };
    if (body.code === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    else if (body.code === 503)
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    if ((body.code === 403 || body.code === 404) && host.getType() === 'http')
      this.recordRefusal(host.switchToHttp().getRequest<Request & { user?: AuthUser }>(), body.code);
    if (response.headersSent) return;
    if (typeof body.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(body.code).json(body);
  }

  /**
   * A signed-in caller refused (403) or told a record does not exist (404, also said of other
   * people's records, so ids do not leak) leaves an audit row: probing for records shows up in
   * the log, whichever route it went through. Anonymous 404s (unknown paths) are not recorded.
   */
  private recordRefusal(request: Request & { user?: AuthUser }, status: 403 | 404): void {
    const user = request.user;
    if (!user || !this.audit) return;
    // split always returns at least one element.
    const path = (request.originalUrl ?? request.url).split('?')[0]!.slice(0, 300);
    const route = (request.route as { path?: string } | undefined)?.path;
    void this.audit.recordSecurityEvent({
      actorId: user.id,
      action: status === 403 ? 'access.forbidden' : 'access.not-found',
      entityType: 'route',
      entityId: path,
      ip: request.ip,
      detail: { method: request.method, route: route ?? null, status },
    });
  }
}
