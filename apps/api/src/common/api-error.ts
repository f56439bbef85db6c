import { HttpException, HttpStatus } from '@nestjs/common';
import { defaultReasonFor, type ErrorReason, type ErrorResponse } from '@telehealth/contracts';

/**
 * An error whose sentence is safe to show the client; the filter renders it as
 * `{ error, code, reason }`. `reason` is for programs (the web app branches on it), and defaults
 * to what the status means.
 */
export class ApiError extends HttpException {
  readonly reason: ErrorReason;

  constructor(status: HttpStatus, sentence: string, reason: ErrorReason = defaultReasonFor(status)) {
    const body: ErrorResponse = { error: sentence, code: status, reason };
    super(body, status);
    this.reason = reason;
  }

  static badRequest(sentence: string, reason: ErrorReason = 'validation_failed'): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, sentence, reason);
  }
  static unauthorized(
    sentence = 'Sign in to continue: the access token is missing, invalid or expired.',
    reason: ErrorReason = 'unauthenticated',
  ): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, sentence, reason);
  }
  static forbidden(sentence: string, reason: ErrorReason = 'forbidden'): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, sentence, reason);
  }
  /** Also used for records that exist but are not the caller's, so ids do not leak. */
  static notFound(sentence: string, reason: ErrorReason = 'not_found'): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, sentence, reason);
  }
  static conflict(sentence: string, reason: ErrorReason = 'conflict'): ApiError {
    return new ApiError(HttpStatus.CONFLICT, sentence, reason);
  }
  static unavailable(sentence: string, reason: ErrorReason = 'service_unavailable'): ApiError {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, sentence, reason);
  }
}
