import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { DisconnectReason } from 'socket.io';
import { ClientAddressService } from '../auth/client-address.service';
import type { RequestContext } from '../common/request-context';
import { EventRunner } from './event-runner';
import type { SignalingSocket } from './membership';
import { NODE_LEASES, NodeLeases } from './node-leases';
import { RoomEffects } from './room-effects.service';
import { RoomMembership } from './room-membership.service';
import { RoomStatsService } from './room-stats.service';
import { SeatRelease } from './seat-release.service';
import { SignalingDrain } from './signaling-drain.service';
import { SignalingNamespace, TypedNamespace } from './signaling-namespace';
import { SocketSessions } from './socket-sessions';
import { WaitingRoom } from './waiting-room.service';

/**
 * Sets up the namespace once and each socket as it connects (past the door of SocketSessions):
 * its request context, rate limit, the doctor's waiting room, a recovered seat, and what its
 * disconnect does.
 */
@Injectable()
export class SocketConnections implements OnModuleDestroy {
  private readonly logger = new Logger('Signaling');
  /** Every socket's one disconnect listener, shared: Socket.IO calls it with the socket as `this`. */
  private readonly onDisconnect: (this: SignalingSocket, reason: DisconnectReason) => void;

  constructor(
    private readonly namespace: SignalingNamespace,
    private readonly sessions: SocketSessions,
    private readonly clientAddress: ClientAddressService,
    private readonly runner: EventRunner,
    private readonly membership: RoomMembership,
    private readonly effects: RoomEffects,
    private readonly waitingRoom: WaitingRoom,
    private readonly stats: RoomStatsService,
    private readonly seatRelease: SeatRelease,
    private readonly drain: SignalingDrain,
    @Inject(NODE_LEASES) private readonly leases: NodeLeases,
  ) {
    const disconnected = (socket: SignalingSocket, reason: DisconnectReason) => this.disconnected(socket, reason);
    this.onDisconnect = function (reason) {
      disconnected(this, reason);
    };
  }

  /** Puts the door on the namespace (no valid token, no socket) and starts the shared timers. */
  attach(namespace: TypedNamespace): void {
    this.namespace.set(namespace);
    this.stats.answerPeers(namespace);
    this.seatRelease.answerPeers(namespace);
    this.effects.start();
    // A process that stops renewing its lease (killed, crashed) leaves seats nobody would drop:
    // every process drops them for it, as if their sockets had disconnected here.
    void this.leases.start(
      (seat) => this.membership.dropSeat(seat.membership, seat.socketId, 'its API process stopped renewing its lease'),
      (socketIds) => this.reconnect(socketIds),
    );
    this.sessions.attach(namespace);
  }

  /**
   * Sockets still open here whose seats another process dropped while this process's lease had
   * lapsed (a pause longer than the lease): their transports are closed as a network drop would,
   * so each browser reconnects and takes its seat back (connection-state recovery) or joins again.
   */
  private reconnect(socketIds: string[]): void {
    const sockets = this.namespace.peek()?.sockets;
    for (const socketId of socketIds) sockets?.get(socketId)?.conn.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.leases.stop();
  }

  async open(socket: SignalingSocket): Promise<void> {
    // This process is shutting down: the socket goes on to another node (its session is persisted again).
    if (this.drain.turnAway(socket)) return;
    socket.on('disconnect', this.onDisconnect);
    this.sessions.onConnection(socket);
    socket.data.context = this.contextOf(socket);
    this.runner.open(socket);
    await this.waitingRoom.subscribe(socket);
    const membership = socket.data.membership;
    if (socket.recovered && membership) await this.membership.recover(socket, membership);
  }

  private disconnected(socket: SignalingSocket, reason: DisconnectReason): void {
    this.sessions.onDisconnect(socket);
    // Moved away by a shutdown: its seat was given up before, and may be back on another node by now.
    if (this.drain.released(socket)) return;
    void this.drain
      .track(this.membership.drop(socket, reason))
      .catch((error: unknown) => this.logger.error(`disconnect: ${String(error)}`));
  }

  /** Behind a proxy the handshake's peer is the proxy: the audit needs the client, by REST's trust rule. */
  private contextOf(socket: SignalingSocket): RequestContext {
    return { user: socket.data.user, ip: this.clientAddress.of(socket.request), requestId: undefined };
  }
}
