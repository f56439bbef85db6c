import { HttpException, HttpStatus } from '@nestjs/common';

/** An error whose sentence is safe to show the client; the filter renders it as {error, code}. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, sentence: string) {
    super({ error: sentence, code: status }, status);
  }

  static badRequest(sentence: string): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, sentence);
  }
  static unauthorized(sentence = 'Sign in to continue: the access token is missing, invalid or expired.'): ApiError {
    return new ApiError(HttpStatus.UNAUTHORIZED, sentence);
  }
  static forbidden(sentence: string): ApiError {
    return new ApiError(HttpStatus.FORBIDDEN, sentence);
  }
  /** Also used for records that exist but are not the caller's, so ids do not leak. */
  static notFound(sentence: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, sentence);
  }
  static conflict(sentence: string): ApiError {
    return new ApiError(HttpStatus.CONFLICT, sentence);
  }
}
