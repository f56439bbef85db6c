import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { createRequire } from 'node:module';
import pino, { DestinationStream, Logger } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';
import type { PrettyOptions } from 'pino-pretty';
import type { AppConfig } from '../config/app-config';
import { requestLogOptions } from './request-log';

/** The pino-http middleware of this app; bootstrap mounts it before everything else. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

// Belt and braces: our serializers never put these on a line, but an object someone logs might.
const REDACTED = [
  'authorization',
  'cookie',
  'password',
  'body',
  'query',
  'headers',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.body',
  '*.query',
  '*.headers',
];

const PRETTY: PrettyOptions = {
  singleLine: true,
  colorize: process.stdout.isTTY,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,context,method,path,status,ms,requestId,userId',
  messageFormat: (log, messageKey) =>
    [
      typeof log.context === 'string' ? `[${log.context}]` : '',
      typeof log[messageKey] === 'string' ? log[messageKey] : '',
      typeof log.userId === 'string' ? `user=${log.userId}` : '',
      typeof log.requestId === 'string' ? `req=${log.requestId}` : '',
    ]
      .filter(Boolean)
      .join(' '),
};

/**
 * One line per entry on stdout: pretty in development, JSON for collectors. pino-pretty runs in
 * this thread (no worker to leak from tests) and is a development dependency: without it
 * (production images prune them) the lines stay JSON.
 */
function destinationFor(format: AppConfig['LOG_FORMAT']): DestinationStream {
  if (format === 'pretty') {
    try {
      const { prettyFactory } = createRequire(__filename)('pino-pretty') as typeof import('pino-pretty');
      const prettify = prettyFactory(PRETTY);
      return { write: (line: string) => process.stdout.write(prettify(line)) };
    } catch {
      // fall through to JSON
    }
  }
  return process.stdout;
}

export function createRootLogger(config: Pick<AppConfig, 'LOG_FORMAT'>): Logger {
  return pino(
    {
      level: 'info',
      redact: { paths: REDACTED, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destinationFor(config.LOG_FORMAT),
  );
}

/**
 * pino for the whole app through nestjs-pino: the request line comes from our pino-http
 * middleware (mounted in bootstrap so every request, even one refused by the body parser, gets
 * an id), and Nest's Logger (the app logger) writes through the same pino, with the request id
 * of the request it runs in.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const httpLogger: HttpLogger = pinoHttp({ ...requestLogOptions(config.LOG_REQUESTS), logger: createRootLogger(config) });
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: httpLogger.logger }, useExisting: true })],
      providers: [{ provide: HTTP_LOGGER, useValue: httpLogger }],
      exports: [HTTP_LOGGER, LoggerModule],
    };
  }
}
