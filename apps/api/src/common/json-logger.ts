import { LoggerService, LogLevel } from '@nestjs/common';

/**
 * One JSON object per line, for log collectors. Messages carry ids, never names, emails,
 * reasons or chat: nothing identifying a patient (PHI) is written by our code.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly levels: LogLevel[] = ['log', 'warn', 'error']) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext);
  }
  debug(message: unknown, context?: string): void {
    if (this.levels.includes('debug')) this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    if (this.levels.includes('verbose')) this.write('verbose', message, context);
  }

  private write(level: string, message: unknown, context?: string): void {
    const entry = typeof message === 'object' && message !== null ? { ...message } : { msg: String(message) };
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, context, ...entry })}\n`);
  }
}
