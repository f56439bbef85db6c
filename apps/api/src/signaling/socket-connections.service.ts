import { Injectable, Logger } from '@nestjs/common';
import { ClientAddressService } from '../auth/client-address.service';
import type { RequestContext } from '../common/request-context';
import { EventRunner } from './event-runner';
import type { SignalingSocket } from './membership';
import { RoomEffects } from './room-effects.service';
import { RoomMembership } from './room-membership.service';
import { RoomStatsService } from './room-stats.service';
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
export class SocketConnections {
  private readonly logger = new Logger('Signaling');

  constructor(
    private readonly namespace: SignalingNamespace,
    private readonly sessions: SocketSessions,
    private readonly clientAddress: ClientAddressService,
    private readonly runner: EventRunner,
    private readonly membership: RoomMembership,
    private readonly effects: RoomEffects,
    private readonly waitingRoom: WaitingRoom,
    private readonly stats: RoomStatsService,
    private readonly drain: SignalingDrain,
  ) {}

  /** Puts the door on the namespace (no valid token, no socket) and starts the shared timers. */
  attach(namespace: TypedNamespace): void {
    this.namespace.set(namespace);
    this.stats.answerPeers(namespace);
    this.effects.start();
    this.sessions.attach(namespace);
  }

  async open(socket: SignalingSocket): Promise<void> {
    // This process is shutting down: the socket goes on to another node (its session is persisted again).
    if (this.drain.turnAway(socket)) return;
    this.sessions.onConnection(socket);
    socket.data.context = this.contextOf(socket);
    this.runner.open(socket);
    socket.on('disconnect', (reason) => {
      // Moved away by a shutdown: its seat was given up before, and may be back on another node by now.
      if (this.drain.released(socket)) return;
      void this.drain
        .track(this.membership.drop(socket, reason))
        .catch((error: unknown) => this.logger.error(`disconnect: ${String(error)}`));
    });
    await this.waitingRoom.subscribe(socket);
    const membership = socket.data.membership;
    if (socket.recovered && membership) await this.membership.recover(socket, membership);
  }

  /** Behind a proxy the handshake's peer is the proxy: the audit needs the client, by REST's trust rule. */
  private contextOf(socket: SignalingSocket): RequestContext {
    return { user: socket.data.user, ip: this.clientAddress.of(socket.request), requestId: undefined };
  }
}
