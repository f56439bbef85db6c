import { Injectable } from '@nestjs/common';
import type { ServerToClientEvents } from '@telehealth/contracts';
import type { Namespace } from 'socket.io';
import { ApiError } from '../common/api-error';
import { RedisService } from '../redis/redis.service';
import type { SignalingSocketData } from './membership';

/** What API processes ask each other (Socket.IO server-side events, over the Redis adapter). */
export interface InterNodeEvents {
  'live-socket-ids': (answer: (socketIds: string[]) => void) => void;
  /** Take this person's sockets here out of this room; answers how many there were. */
  'release-seat': (seat: { roomId: string; userId: string }, answer: (released: number) => void) => void;
}

export type TypedNamespace = Namespace<Record<string, never>, ServerToClientEvents, InterNodeEvents, SignalingSocketData>;

/** The /signaling namespace, handed over by the gateway once Socket.IO has made it; the services emit through it. */
@Injectable()
export class SignalingNamespace {
  private current: TypedNamespace | undefined;
  /** Sockets are spread over the processes sharing Redis; without it, this process holds them all. */
  private readonly sharedState: boolean;

  constructor(redis: RedisService) {
    this.sharedState = Boolean(redis.client);
  }

  set(namespace: TypedNamespace): void {
    this.current = namespace;
  }

  get(): TypedNamespace {
    if (!this.current) throw new Error('the signaling namespace is not initialised yet');
    return this.current;
  }

  /** The namespace, or undefined before the gateway is up (a shutdown that comes early). */
  peek(): TypedNamespace | undefined {
    return this.current;
  }

  /**
   * What every other API process answers to `ask` (an InterNodeEvents question); none without Redis,
   * where this process is the only one. 503 when one of them does not answer in time.
   */
  async fromOtherProcesses<T>(ask: (namespace: TypedNamespace) => Promise<T[]>): Promise<T[]> {
    if (!this.sharedState) return [];
    try {
      return await ask(this.get());
    } catch {
      throw ApiError.unavailable('Not every API process answered in time; try again in a moment.');
    }
  }
}
