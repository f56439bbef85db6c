/** What the sender does after a failed attempt. */
export type RetryDecision = { retryAt: Date } | { retryAt: null };

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/** The wait before attempt `attempts + 1`: base doubled per failure, capped, with ±20% jitter so senders spread out. */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(Math.min(policy.maxMs, exponential * (0.8 + 0.4 * random())));
}

/**
 * Retry later, or never: after the last attempt, or when the server refused for good (an SMTP 5xx
 * answer such as "550 mailbox unavailable" will not change by asking again).
 */
export function decideRetry(error: unknown, attempts: number, policy: RetryPolicy, now = Date.now()): RetryDecision {
  const permanent = (smtpCode(error) ?? 0) >= 500;
  if (permanent || attempts >= policy.maxAttempts) return { retryAt: null };
  return { retryAt: new Date(now + retryDelayMs(attempts, policy)) };
}

export function smtpCode(error: unknown): number | undefined {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** What the server answered (or the connection error), for the row; never the message. */
export function describeSmtpError(error: unknown): string {
  const smtp = (error ?? {}) as SmtpError;
  const text = smtp.response ?? [smtp.code, smtp.message].filter(Boolean).join(': ');
  return (text || String(error)).slice(0, 1000);
}
