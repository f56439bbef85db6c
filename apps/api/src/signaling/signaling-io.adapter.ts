import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { MAX_SIGNALING_MESSAGE_BYTES } from '@telehealth/contracts';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';
import type { RedisClient } from '../redis/redis.service';
import { RecoveryAdapter } from './recovery-adapter';

/**
 * The Socket.IO server of the signaling gateway: small messages only, browsers of the web
 * origin only, connection-state recovery for the reconnect grace, and with REDIS_URL the
 * Redis streams adapter, which carries room traffic between API processes and keeps
 * connection-state recovery working across them.
 */
export class SignalingIoAdapter extends IoAdapter {
  private adapterClient: RedisClient | undefined;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: RedisClient | undefined,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_SIGNALING_MESSAGE_BYTES,
      cors: { origin: this.config.WEB_ORIGIN, credentials: true },
      pingInterval: 10_000,
      pingTimeout: 5_000,
      // Middlewares run for recovered sockets too: the door checks a returning socket's token again.
      connectionStateRecovery: { maxDisconnectionDuration: this.config.RECONNECT_GRACE_S * 1000, skipMiddlewares: false },
      // With REDIS_URL the streams adapter below replaces it (and keeps the packets in Redis).
      adapter: RecoveryAdapter,
    } as ServerOptions);
    if (this.redis) {
      // The adapter blocks on XREAD: it needs a connection of its own that queues while connecting.
      if (!this.adapterClient) {
        this.adapterClient = this.redis.duplicate({ disableOfflineQueue: false });
        // Without a listener, a Redis restart would be an unhandled 'error' event: a crash. The client reconnects by itself.
        this.adapterClient.on('error', () => undefined);
      }
      if (!this.adapterClient.isOpen) void this.adapterClient.connect().catch(() => undefined);
      // The stream is read with a blocking XREAD, and a closing process waits for the read in
      // progress to return: 1 s instead of the default 5 s (an idle read a second costs nothing).
      server.adapter(createAdapter(this.adapterClient, { blockTimeInMs: 1_000, streamName: `${this.config.REDIS_KEY_PREFIX}socket.io` }));
    }
    return server;
  }

  /** Nest would still build an RxJS disconnect stream per socket for a gateway without @SubscribeMessage handlers. */
  override bindMessageHandlers(...args: Parameters<IoAdapter['bindMessageHandlers']>): void {
    if (args[1].length > 0) super.bindMessageHandlers(...args);
  }

  /**
   * Nest hangs a `once('disconnect')` listener (two closures and a wrapper) on every socket, to
   * feed OnGatewayDisconnect#handleDisconnect; SignalingGateway has none (SocketConnections
   * handles the disconnect), so the listener would only cost memory on each socket.
   */
  override bindClientDisconnect(): void {}

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.adapterClient?.isOpen) await this.adapterClient.quit().catch(() => this.adapterClient?.destroy());
  }
}
