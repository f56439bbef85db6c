import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export type RedisClient = ReturnType<typeof createClient>;

/** The process's Redis connection when REDIS_URL is set; without it the API runs as one process. */
@Injectable()
export class RedisService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly client: RedisClient | undefined;
  /** Every key (and the adapter's stream) starts with it, so two deployments, or two test runs, can share one Redis. */
  readonly keyPrefix: string;
  private lastError = '';

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.keyPrefix = config.REDIS_KEY_PREFIX;
    if (!config.REDIS_URL) return;
    this.client = createClient({
      url: config.REDIS_URL,
      // Keep retrying while Redis is away; commands fail fast meanwhile instead of queueing forever.
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000), connectTimeout: 2000 },
      disableOfflineQueue: true,
    });
    this.client.on('error', (error: Error) => {
      if (error.message !== this.lastError) this.logger.warn(`redis: ${error.message}`);
      this.lastError = error.message;
    });
    this.client.on('ready', () => {
      this.lastError = '';
    });
  }

  /** Connects at boot; a Redis that is down then is retried in the background and shows in health. */
  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    const connecting = this.client.connect();
    connecting.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref());
    await Promise.race([connecting, timeout]).catch((error: Error) => this.logger.warn(`redis not reachable yet: ${error.message}`));
  }

  async state(): Promise<'up' | 'down' | 'not-configured'> {
    if (!this.client) return 'not-configured';
    if (!this.client.isReady) return 'down';
    try {
      await Promise.race([this.client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      return 'up';
    } catch {
      return 'down';
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.client?.isOpen) await this.client.quit().catch(() => this.client?.destroy());
  }
}
