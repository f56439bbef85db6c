import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SignalingSocket } from './membership';
import { NODE_LEASES, NodeLeases } from './node-leases';
import { RoomMembership } from './room-membership.service';
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
  /** The sockets whose seats drain() gave up before letting them go. */
  private readonly releasedSockets = new WeakSet<SignalingSocket>();
  private draining = false;

  constructor(
    private readonly namespace: SignalingNamespace,
    private readonly membership: RoomMembership,
    @Inject(NODE_LEASES) private readonly leases: NodeLeases,
  ) {}

  /** Keeps `work` in the set awaited by drain() until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /**
   * First step of a graceful shutdown (main.ts, before the app closes its database and Redis):
   * stop accepting connections, mark every local seat dropped (its peer hears `peer-reconnecting`),
   * then close each local socket's transport the way a network drop would, so each browser
   * reconnects (through the load balancer, to another node, where Socket.IO's connection-state
   * recovery brings its seat back), then let the writes in flight finish.
   *
   * The order matters. While this process still accepts connections, the balancer may send a
   * browser's reconnection right back here, into a process closing its database, Redis and
   * Socket.IO: a refusal at the door (503, after which a browser does not retry: a frozen call),
   * or a seat taken back here only to be dropped again, its recovered session spent. A connection
   * refused at the TCP level is one the balancer (and the browser's backoff) takes elsewhere.
   * And the seat is given up before the browser can reconnect: a drop written after the browser
   * got its seat back on another node (this process slow, thousands of sockets closing) would
   * take it away again, and the peer would hear the patient left mid-call.
   *
   * Last, the process gives its lease back (NodeLeases): a seat the drain could not drop is
   * dropped by another process at its next sweep rather than when the lease would have lapsed.
   */
  async drain(): Promise<void> {
    this.draining = true;
    const namespace = this.namespace.peek();
    const listener = namespace?.server.httpServer;
    if (listener?.listening) listener.close();
    // The namespace's sockets, as the gateway's handlers see them (the inter-node events are not theirs).
    const local = namespace ? ([...namespace.sockets.values()] as unknown as SignalingSocket[]) : [];
    if (local.length > 0) this.logger.log(`shutting down: moving ${local.length} socket(s) to other nodes`);
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    const drops = local.map((socket) => {
      this.releasedSockets.add(socket);
      return this.membership.drop(socket, 'server shutting down').catch((error: unknown) => {
        this.logger.error(`shutting down: seat of socket ${socket.id} not given up: ${String(error)}`);
      });
    });
    await settledBy(Promise.all(drops), deadline);
    for (const socket of local) socket.conn.close();
    while (this.inFlight.size > 0 && Date.now() < deadline) await settledBy(Promise.allSettled([...this.inFlight]), deadline);
    await this.leases.stop().catch((error: unknown) => this.logger.warn(`shutting down: lease not given back: ${String(error)}`));
  }

  /** Whether drain() gave up the socket's seat already: its disconnect must not drop it again. */
  released(socket: SignalingSocket): boolean {
    return this.releasedSockets.has(socket);
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

/** Waits for `work`, but not past `deadline` (ms since the epoch). */
async function settledBy(work: Promise<unknown>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    late,
  ]);
  clearTimeout(timer);
}
