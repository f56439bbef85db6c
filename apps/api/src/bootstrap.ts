import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { JsonLogger } from './common/json-logger';
import { requestLog } from './common/request-log.middleware';
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
  express.use(requestLog(config.LOG_REQUESTS));
  express.enableCors({ origin: config.WEB_ORIGIN, credentials: true });
  express.useWebSocketAdapter(new SignalingIoAdapter(app, config, app.get(RedisService).client));
}

/** The API as main.ts runs it, not yet listening; integration specs build it the same way. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logLevels: LogLevel[] | false = ['log', 'warn', 'error'],
): Promise<INestApplication> {
  const logger = logLevels && config.LOG_FORMAT === 'json' ? new JsonLogger(logLevels) : logLevels;
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), { logger });
  configureApp(app, config);
  return app;
}
