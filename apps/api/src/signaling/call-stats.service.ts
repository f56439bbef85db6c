import { Inject, Injectable } from '@nestjs/common';
import { Ack, ZCallStatsRequestSchema } from '@telehealth/contracts';
import { seatOf } from '@telehealth/room-engine';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { CallStatsRepository } from './call-stats.repository';
import { currentMembership, SignalingSocket } from './membership';
import { SocketRateLimiter } from './rate-limiter';
import { RoomStates } from './room-states';

// A browser samples each pair every CALL_STATS_INTERVAL_MS (10 s); one sample per pair every few
// seconds is all the record needs, with a little slack for the sample sent right after a reconnect.
const PAIR_SAMPLES_PER_SECOND = 1 / 3;
const PAIR_BURST = 2;
// Never "flood" here: EventRunner's own limit disconnects a flooding socket; this one only refuses.
const NEVER = Number.POSITIVE_INFINITY;
const TOO_OFTEN = refused(429, 'rate_limited', 'Connection samples come every few seconds at most; this one was not kept.');

/**
 * `call-stats`: a seated person's browser reports one pair's connection (direct or relayed, round
 * trip, loss, reconnects), kept for the visit record's connection facts. Bounded per socket, so a
 * flood costs its sender refusals from memory and nobody else a database write: one budget per
 * socket for every pair (which also bounds the look-ups of new peers), and one per pair.
 */
@Injectable()
export class CallStatsService {
  private readonly sockets = new WeakMap<SignalingSocket, { all: SocketRateLimiter; pairs: Map<string, SocketRateLimiter> }>();

  constructor(
    private readonly samples: CallStatsRepository,
    private readonly rooms: RoomStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(socket: SignalingSocket, payload: unknown): Promise<Ack> {
    const request = parse(ZCallStatsRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const { peerId, path, rttMs, lossPct, reconnects } = request.data;
    if (peerId === membership.self.userId) return refused(400, 'validation_failed', 'peerId: must be someone else in your visit.');

    const limits = this.limitsOf(socket);
    if (limits.all.take() !== 'ok') return TOO_OFTEN;
    let pair = limits.pairs.get(peerId);
    if (!pair) {
      // A pair is looked up once per socket: the peer must hold a seat in this room (present or reconnecting).
      const room = await this.rooms.current(membership);
      if (!room || !seatOf(room, peerId)) return refused(404, 'not_found', 'peerId: nobody with this id is in your visit.');
      pair = new SocketRateLimiter(PAIR_SAMPLES_PER_SECOND, PAIR_BURST, NEVER);
      limits.pairs.set(peerId, pair);
    }
    if (pair.take() !== 'ok') return TOO_OFTEN;

    const stored = await this.samples.add({
      sessionId: membership.sessionId,
      userId: membership.self.userId,
      peerId,
      path,
      rttMs: rttMs ?? null,
      lossPct: lossPct ?? null,
      reconnects,
    });
    return stored ? { ok: true } : refused(409, 'visit_ended', 'This visit has ended.');
  }

  private limitsOf(socket: SignalingSocket) {
    let limits = this.sockets.get(socket);
    if (!limits) {
      // Every pair of a full room sampling at the pair's rate, in one budget.
      const pairs = Math.max(1, this.config.ROOM_CAPACITY - 1);
      limits = { all: new SocketRateLimiter(pairs * PAIR_SAMPLES_PER_SECOND, pairs * PAIR_BURST, NEVER), pairs: new Map() };
      this.sockets.set(socket, limits);
    }
    return limits;
  }
}
