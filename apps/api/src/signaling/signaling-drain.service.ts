import { Injectable, Logger } from '@nestjs/common';
import type { SignalingSocket } from './membership';
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
  private draining = false;

  constructor(private readonly namespace: SignalingNamespace) {}

  /** Keeps `work` in the set awaited by drain() until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /**
   * First step of a graceful shutdown (main.ts, before the app closes its database and Redis):
   * stop accepting connections, then close every local socket's transport the way a network
   * drop would, so each browser reconnects (through the load balancer, to another node, where
   * Socket.IO's connection-state recovery brings its seat back), then let the writes in flight finish.
   *
   * The listener closes first: while it accepts, a browser's reconnection (a fraction of a second
   * later) can be sent back here by the balancer, into a process that is closing its database,
   * Redis and Socket.IO. There it met a refusal at the door (503, after which a browser does not
   * retry: a frozen call), or a seat taken back only to be dropped again, with the recovered
   * session spent. Connections already open are served on; a new one is refused at the TCP level,
   * which a balancer (and the browser's backoff) answers with another node.
   */
  async drain(): Promise<void> {
    this.draining = true;
    const namespace = this.namespace.peek();
    const listener = namespace?.server.httpServer;
    if (listener?.listening) listener.close();
    const local = namespace ? [...namespace.sockets.values()] : [];
    if (local.length > 0) this.logger.log(`shutting down: moving ${local.length} socket(s) to other nodes`);
    for (const socket of local) socket.conn.close();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * A socket that completes its handshake once the drain has begun (its connection was accepted
   * just before the listener closed) is moved on like the others, before it takes any seat here.
   * Returns whether it was.
   */
  turnAway(socket: SignalingSocket): boolean {
    if (!this.draining) return false;
    socket.conn.close();
    return true;
  }
}
