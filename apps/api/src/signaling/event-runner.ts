import { Injectable, Logger } from '@nestjs/common';
import type { Ack, AckError } from '@telehealth/contracts';
import { refused } from './acks';
import type { SignalingSocket } from './membership';
import { SocketRateLimiter } from './rate-limiter';
import { SignalingDrain } from './signaling-drain.service';

// Signaling of one call is a few dozen messages a second at most (ICE trickle); more is abuse.
const EVENTS_PER_SECOND = 40;
const EVENT_BURST = 80;
const FLOOD_AFTER_REFUSALS = 100;

/** Runs each client event: within its socket's rate limit, always answered, tracked for a graceful shutdown. */
@Injectable()
export class EventRunner {
  private readonly logger = new Logger('Signaling');
  private readonly limiters = new WeakMap<SignalingSocket, SocketRateLimiter>();
  private readonly flooding = new WeakSet<SignalingSocket>();

  constructor(private readonly drain: SignalingDrain) {}

  /** Gives a new socket its rate limit. */
  open(socket: SignalingSocket): void {
    this.limiters.set(socket, new SocketRateLimiter(EVENTS_PER_SECOND, EVENT_BURST, FLOOD_AFTER_REFUSALS));
  }

  /**
   * Runs one client event: rate-limited, and always answered, whatever goes wrong inside. A
   * relay answers synchronously (no promise, no microtask): it is the hot path of every call.
   */
  run<T extends object>(socket: SignalingSocket, work: () => Promise<Ack<T>> | Ack<T>): Promise<Ack<T>> | Ack<T> {
    const verdict = this.limiters.get(socket)?.take() ?? 'ok';
    if (verdict === 'flood') return this.flood(socket);
    if (verdict === 'limited') return refused(429, 'rate_limited', 'Too many messages; slow down.');
    try {
      const answer = work();
      return answer instanceof Promise ? this.drain.track(answer.catch((error: unknown) => this.failed(error))) : answer;
    } catch (error) {
      return this.failed(error);
    }
  }

  private flood(socket: SignalingSocket): AckError {
    if (!this.flooding.has(socket)) {
      this.flooding.add(socket);
      this.logger.warn(`disconnecting socket ${socket.id} of user ${socket.data.user?.id}: event flood`);
      // A moment later, so the refusals already answered reach the client before the close.
      setTimeout(() => socket.disconnect(true), 50);
    }
    return refused(429, 'rate_limited', 'Too many messages: the connection is being closed.');
  }

  private failed(error: unknown): AckError {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return refused(500, 'internal_error', 'Something went wrong on our side; try again.');
  }
}
