import { Injectable } from '@nestjs/common';
import type { RoomStatsResponse, SeedRoomStats } from '@telehealth/contracts';
import { roomStats, seedRoomStats } from '@telehealth/room-engine';
import { RoomStates } from './room-states';
import { SignalingNamespace, TypedNamespace } from './signaling-namespace';

/**
 * The admin's overview of the open rooms (`GET /api/rooms/stats`): the room states all API
 * processes share, checked against the sockets they really hold (a seat of a process that
 * died stays in the state).
 */
@Injectable()
export class RoomStatsService {
  constructor(
    private readonly rooms: RoomStates,
    private readonly namespace: SignalingNamespace,
  ) {}

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
    const remote = await this.namespace.fromOtherProcesses((namespace) => namespace.serverSideEmitWithAck('live-socket-ids'));
    return new Set([...this.namespace.get().sockets.keys(), ...remote.flat()]);
  }
}
