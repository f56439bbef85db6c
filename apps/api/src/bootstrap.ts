import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
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
  express.set('trust proxy', config.TRUST_PROXY);
  express.disable('x-powered-by');
  express.enableCors({ origin: config.WEB_ORIGIN, credentials: true });
  express.useWebSocketAdapter(new SignalingIoAdapter(app, config, app.get(RedisService).client));
}

/** The API as main.ts runs it, not yet listening; integration specs build it the same way. */
export async function createApp(config: AppConfig, databaseUrl: string, logLevels: LogLevel[] | false = ['log', 'warn', 'error']): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), { logger: logLevels });
  configureApp(app, config);
  return app;
}
