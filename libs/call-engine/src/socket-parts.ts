import type { Ack } from '@telehealth/contracts';
import type { SignalingSocket } from './call-engine';

// What the call engine's two signaling sockets (Socket.IO's and the plain WebSocket's) share:
// listeners, requests that wait for an answer, and the reconnection's backoff.

export type Listener = (...args: never[]) => unknown;

/** Event listeners by name: a socket's own and its `io` (the manager's `reconnect_attempt`, `reconnect`). */
export class Listeners {
  private readonly byEvent = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    this.byEvent.set(event, (this.byEvent.get(event) ?? new Set()).add(listener));
    return this;
  }

  off(event: string, listener?: Listener): this {
    if (listener) this.byEvent.get(event)?.delete(listener);
    else this.byEvent.delete(event);
    return this;
  }

  clear(): void {
    this.byEvent.clear();
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.byEvent.get(event) ?? [])]) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/** A request waiting for its answer, until its timeout. */
export interface Pending {
  resolve: (ack: Ack<object>) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Waits for the answer `enlist` files it for; after `ms` it is struck off (by what `enlist`
 * returned) and rejects, as socket.io-client's `timeout(ms)` does.
 */
export function waitForAnswer(ms: number, enlist: (waiting: Pending) => () => void): Promise<Ack<object>> {
  return new Promise((resolve, reject) => {
    const waiting: Pending = {
      resolve,
      reject,
      timer: setTimeout(() => {
        strikeOff();
        reject(new Error('operation has timed out'));
      }, ms),
    };
    const strikeOff = enlist(waiting);
  });
}

/**
 * How long before reconnect attempt number `attempt` (0 for the first): `firstMs` doubled at each
 * attempt up to `maxMs`, ± half at random so that the clients of a restarted server do not all come
 * back at once (socket.io-client's defaults: 1 s and 5 s).
 */
export function reconnectDelay(attempt: number, firstMs = 1000, maxMs = 5000): number {
  return Math.min(firstMs * 2 ** attempt, maxMs) * (0.5 + Math.random());
}

/**
 * What both signaling sockets show CallEngine and the web app's hooks, as socket.io-client's socket
 * does: listeners by event, and requests answered within a timeout (`timeout(ms).emitWithAck`),
 * matched to their answers by id.
 */
export abstract class ListeningSocket {
  protected readonly listeners = new Listeners();
  /** Requests sent and not yet answered, by the id their answer carries. */
  protected readonly pending = new Map<number, Pending>();

  /** This socket as CallEngine and the web app's hooks type theirs: they use only what it has. */
  asSignalingSocket(): SignalingSocket {
    return this as unknown as SignalingSocket;
  }

  on(event: string, listener: Listener): this {
    this.listeners.on(event, listener);
    return this;
  }

  off(event: string, listener?: Listener): this {
    this.listeners.off(event, listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  timeout(ms: number): { emitWithAck: (event: string, payload?: unknown) => Promise<Ack<object>> } {
    return { emitWithAck: (event, payload) => this.request(event, payload, ms) };
  }

  protected abstract request(event: string, payload: unknown, ms: number): Promise<Ack<object>>;

  /** The server's answer to request `id`, if it still waits for one. */
  protected settle(id: number, ack: Ack<object>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.resolve(ack);
  }
}
