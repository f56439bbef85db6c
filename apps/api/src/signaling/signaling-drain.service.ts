import { Injectable, Logger } from '@nestjs/common';
import { SignalingNamespace } from './signaling-namespace';

const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown of the gateway: the work started by client events and disconnects is
 * tracked, so that a process that stops lets it finish first.
 */
@Injectable()
export class SignalingDrain {
  private readonly logger = new Logger('Signaling');
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly namespace: SignalingNamespace) {}

  /** Keeps `work` in the set awaited by drain() until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /**
   * First step of a graceful shutdown (main.ts, before the app closes its database and Redis):
   * close every local socket's transport the way a network drop would, so each browser
   * reconnects (through the load balancer, to another node, where Socket.IO's connection-state
   * recovery brings its seat back), then let the writes in flight finish.
   */
  async drain(): Promise<void> {
    const namespace = this.namespace.peek();
    const local = namespace ? [...namespace.sockets.values()] : [];
    if (local.length > 0) this.logger.log(`shutting down: moving ${local.length} socket(s) to other nodes`);
    for (const socket of local) socket.conn.close();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.allSettled([...this.inFlight]);
  }
}
