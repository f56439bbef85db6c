import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { HttpLogger } from 'pino-http';
import { HTTP_LOGGER } from './common/logging.module';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { RedisService } from './redis/redis.service';
import { SignalingIoAdapter } from './signaling/signaling-io.adapter';

// Signaling and forms are small; a larger body is refused with 413 before it is parsed.
const JSON_BODY_LIMIT = '100kb';

/**
 * Everything main.ts does to the app besides listening, shared with the integration
 * specs so they test the same HTTP surface users get.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  // First, so every request (even one the body parser refuses) has an id and a log line.
  express.use(app.get<HttpLogger>(HTTP_LOGGER));
  express.setGlobalPrefix('api');
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  // Only the proxies TRUST_PROXY names (a hop count or addresses), never every hop: see app-config.ts.
  express.set('trust proxy', config.TRUST_PROXY);
  express.disable('x-powered-by');
  // An API serving JSON: no page may embed it, nothing of it runs as a document.
  express.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
  );
  express.enableCors({ origin: config.WEB_ORIGIN, credentials: true });
  express.useWebSocketAdapter(new SignalingIoAdapter(app, config, app.get(RedisService).client));
}

/**
 * The API as main.ts runs it, not yet listening; integration specs build it the same way.
 * `logLevels: false` silences Nest's own logs (request lines follow LOG_REQUESTS); any list logs from info up.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logLevels: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<INestApplication> {
  // Nest's own logs (and every `new Logger(...)` in the code) go through pino, buffered until it is in place.
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), logLevels ? { bufferLogs: true } : { logger: false });
  if (logLevels) app.useLogger(app.get(Logger));
  configureApp(app, config);
  return app;
}
