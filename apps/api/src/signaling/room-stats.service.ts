import { Injectable } from '@nestjs/common';
import type { RoomStatsResponse, SeedRoomStats } from '@telehealth/contracts';
import { roomStats, seedRoomStats } from '@telehealth/room-engine';
import { ApiError } from '../common/api-error';
import { RedisService } from '../redis/redis.service';
import { RoomStates } from './room-states';
import { SignalingNamespace, TypedNamespace } from './signaling-namespace';

/**
 * The admin's overview of the open rooms (`GET /api/rooms/stats`): the room states all API
 * processes share, checked against the sockets they really hold (a seat of a process that
 * died stays in the state).
 */
@Injectable()
export class RoomStatsService {
  /** Room state in Redis, shared with the other API processes. */
  private readonly sharedState: boolean;

  constructor(
    private readonly rooms: RoomStates,
    private readonly namespace: SignalingNamespace,
    redis: RedisService,
  ) {
    this.sharedState = Boolean(redis.client);
  }

  /** Answers the other processes' question: which sockets does this one hold. */
  answerPeers(namespace: TypedNamespace): void {
    namespace.on('live-socket-ids', (answer) => answer([...namespace.sockets.keys()]));
  }

  async stats(): Promise<RoomStatsResponse> {
    const [states, live] = await Promise.all([this.rooms.all(), this.liveSocketIds()]);
    return roomStats(states, live, new Date());
  }

  /** The same, in the seed documents' shape (`?format=seed`). */
  async seedStats(): Promise<SeedRoomStats> {
    const [states, live] = await Promise.all([this.rooms.all(), this.liveSocketIds()]);
    return seedRoomStats(states, live);
  }

  /** The client ids connected to one room now (before anyone came: none). */
  async clientsOf(roomId: string): Promise<string[]> {
    const [state, live] = await Promise.all([this.rooms.byId(roomId), this.liveSocketIds()]);
    return state ? (seedRoomStats([state], live).rooms[0]?.clients ?? []) : [];
  }

  /** The ids of the sockets connected to any API process (only this one's without Redis). */
  private async liveSocketIds(): Promise<Set<string>> {
    const namespace = this.namespace.get();
    const local = [...namespace.sockets.keys()];
    if (!this.sharedState) return new Set(local);
    try {
      const remote = await namespace.serverSideEmitWithAck('live-socket-ids');
      return new Set([...local, ...remote.flat()]);
    } catch {
      throw ApiError.unavailable('Not every API process answered in time; try again in a moment.');
    }
  }
}
