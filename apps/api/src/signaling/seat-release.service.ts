import { Injectable, Logger } from '@nestjs/common';
import type { SignalingSocket } from './membership';
import { RoomMembership } from './room-membership.service';
import { SignalingNamespace, TypedNamespace } from './signaling-namespace';

export interface SeatOf {
  roomId: string;
  userId: string;
}

/**
 * Gives up a person's seat in a room from outside their socket (the seed's `POST /api/rooms/leave`):
 * each API process takes its own sockets of that person out of that room, through the same
 * RoomMembership.leave as the socket's `leave-room`, so the others hear `peer-left` alike.
 */
@Injectable()
export class SeatRelease {
  private readonly logger = new Logger('Signaling');

  constructor(
    private readonly namespace: SignalingNamespace,
    private readonly membership: RoomMembership,
  ) {}

  /** Answers the other processes' request to release a seat held by a socket of this one. */
  answerPeers(namespace: TypedNamespace): void {
    namespace.on('release-seat', (seat, answer) => {
      this.releaseHere(seat).then(answer, (error: unknown) => {
        this.logger.warn(`releasing a seat failed: ${String(error)}`);
        answer(0);
      });
    });
  }

  /** Releases the seat wherever its socket is; resolves with how many sockets left the room. */
  async release(seat: SeatOf): Promise<number> {
    const here = await this.releaseHere(seat);
    const elsewhere = await this.namespace.fromOtherProcesses((namespace) => namespace.serverSideEmitWithAck('release-seat', seat));
    return elsewhere.reduce((total, count) => total + count, here);
  }

  private async releaseHere({ roomId, userId }: SeatOf): Promise<number> {
    // The namespace's sockets are typed with the inter-node events; the services take the gateway's socket type.
    const all = [...(this.namespace.peek()?.sockets.values() ?? [])] as unknown as SignalingSocket[];
    const sockets = all.filter((socket) => socket.data.user?.id === userId && socket.data.membership?.roomId === roomId);
    await Promise.all(sockets.map((socket) => this.membership.leave(socket)));
    return sockets.length;
  }
}
