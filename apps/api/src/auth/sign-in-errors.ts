import { HttpException, HttpStatus } from '@nestjs/common';
import type { SignInFailedResponse, TooManyAttemptsResponse } from '@telehealth/contracts';

/** How long, in words: "45 seconds", "1 minute", "15 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A wrong email or password (401). Tells how many tries are left before sign-in from this
 * address pauses, so a person is warned before the last one; the same for unknown emails.
 */
export class SignInFailedError extends HttpException {
  constructor(remainingAttempts: number, pauseMinutes: number) {
    const warning =
      remainingAttempts === 0
        ? ` Sign-in is now paused for ${describeWait(pauseMinutes * 60)}.`
        : remainingAttempts === 1
          ? ` 1 try left before sign-in is paused for ${describeWait(pauseMinutes * 60)}.`
          : '';
    const body: SignInFailedResponse = {
      error: `The email or password is incorrect.${warning}`,
      code: HttpStatus.UNAUTHORIZED,
      reason: 'unauthenticated',
      remainingAttempts,
    };
    super(body, HttpStatus.UNAUTHORIZED);
  }
}

/** 429 with when to try again: `retryAfterSeconds` in the body and the Retry-After header (set by the error filter). */
export class TooManyAttemptsError extends HttpException {
  constructor(sentence: string, retryAfterSeconds: number) {
    const body: TooManyAttemptsResponse = {
      error: sentence,
      code: HttpStatus.TOO_MANY_REQUESTS,
      reason: 'too_many_attempts',
      retryAfterSeconds,
    };
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}
