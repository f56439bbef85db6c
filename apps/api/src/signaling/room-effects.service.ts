import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { RoomEffect } from '@telehealth/room-engine';
import type { RequestContext } from '../common/request-context';
import { VisitEvents } from '../common/visit-events';
import { VisitLifecycleService } from '../visits/visit-lifecycle.service';
import { GRACE_DEADLINES, GraceDeadlines } from './grace-deadlines';
import { Membership, roomChannel, userChannel } from './membership';
import { RoomStates } from './room-states';
import { SignalingNamespace } from './signaling-namespace';
import { WaitingRoom } from './waiting-room.service';

type RecordEffect = Extract<RoomEffect, { type: 'record' }>;
type VisitChangeEffect = Extract<RoomEffect, { type: 'session-started' | 'waiting' }>;
type OtherEffect = Exclude<RoomEffect, { type: 'record' | 'session-started' | 'waiting' }>;

/**
 * Performs what the room engine asks for: emits to sockets, timeline rows, the visit's start and
 * end, the reconnect grace timers, the doctor's waiting room. Also expires the grace of dropped
 * seats, which is a room event of its own.
 */
@Injectable()
export class RoomEffects implements OnModuleDestroy {
  private readonly logger = new Logger('Signaling');
  private stopping = false;

  constructor(
    private readonly namespace: SignalingNamespace,
    private readonly rooms: RoomStates,
    private readonly lifecycle: VisitLifecycleService,
    private readonly waitingRoom: WaitingRoom,
    private readonly visitEvents: VisitEvents,
    @Inject(GRACE_DEADLINES) private readonly grace: GraceDeadlines,
  ) {}

  /** Starts expiring the grace of dropped seats (on any process, with Redis). */
  start(): void {
    this.grace.start(async ({ membership, userId, socketId }) => {
      const transition = await this.rooms.apply(membership, { type: 'grace-expired', userId, socketId, now: new Date().toISOString() });
      await this.perform(transition.effects, membership);
    });
  }

  onModuleDestroy(): void {
    this.stopping = true;
    this.grace.stop();
  }

  /**
   * Performs a transition's effects: the end of a session is written before anyone is told (so
   * a rejoin right after is refused), then everything said to sockets, then, at the same time,
   * the timeline in one write, the session start and the waiting room; then one `visit-updated`
   * for whatever of the visit changed. `ctx` is whoever caused the transition (the audit of an
   * end names their address).
   */
  async perform(effects: RoomEffect[], membership: Membership, ctx?: RequestContext): Promise<void> {
    const records: RecordEffect[] = [];
    const visitChanges: VisitChangeEffect[] = [];
    for (const effect of effects) {
      if (effect.type === 'session-ended') await this.attempt(effect.type, () => this.performOne(effect, membership, ctx));
    }
    for (const effect of effects) {
      if (effect.type === 'record') records.push(effect);
      else if (effect.type === 'session-started' || effect.type === 'waiting') visitChanges.push(effect);
      else if (effect.type !== 'session-ended') await this.attempt(effect.type, () => this.performOne(effect, membership, ctx));
    }
    const rows = records.map(({ event, userId, detail }) => ({ type: event, userId, detail }));
    let visitChanged = false;
    await Promise.all([
      this.attempt('record', () => this.lifecycle.record(membership.sessionId, rows, new Date())),
      ...visitChanges.map((effect) =>
        this.attempt(effect.type, async () => {
          if (await this.changeVisit(effect, membership)) visitChanged = true;
        }),
      ),
    ]);
    // Told once for the whole transition (one read of the visit): a doctor's join both starts the
    // visit and empties its waiting room. Not awaited: the dashboards hear of it a moment after
    // the join's answer (changed() never rejects).
    if (visitChanged) void this.visitEvents.changed(membership.appointmentId);
  }

  /** The visit's start, or its patient's place in the waiting room: whether it changed. */
  private changeVisit(effect: VisitChangeEffect, membership: Membership): Promise<boolean> {
    return effect.type === 'session-started'
      ? this.lifecycle.markStarted(membership.sessionId, new Date(effect.at))
      : this.waitingRoom.update(membership, effect.patientWaiting);
  }

  /** One failed write must not keep the others (or the peers' messages) from happening. */
  private async attempt(what: string, work: () => Promise<void> | void): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`effect ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async performOne(effect: OtherEffect, membership: Membership, ctx?: RequestContext): Promise<void> {
    switch (effect.type) {
      case 'send':
        (this.namespace.get().to(effect.socketId).emit as (event: string, payload: unknown) => boolean)(effect.event, effect.payload);
        return;
      case 'broadcast-ended':
        this.broadcastEnded(membership, effect.payload);
        return;
      case 'session-ended':
        await this.lifecycle.markEnded(membership.sessionId, effect.endedBy, new Date(effect.at), ctx);
        return;
      case 'start-grace':
        // Past onModuleDestroy, Redis is closing and a timer would only hold the exit back; the
        // drops of drain() came before and, with Redis, another node expires them.
        if (this.stopping) return;
        await this.grace.schedule({ membership, userId: effect.userId, socketId: effect.socketId }, Date.now() + effect.seconds * 1000);
        return;
      case 'evict':
        this.namespace.get().in(effect.socketId).disconnectSockets(true);
        return;
    }
  }

  private broadcastEnded(membership: Membership, payload: Extract<RoomEffect, { type: 'broadcast-ended' }>['payload']): void {
    const namespace = this.namespace.get();
    const room = roomChannel(membership.roomId);
    namespace.to(room).emit('session-ended', payload);
    namespace
      .in(room)
      .socketsLeave([userChannel(membership.roomId, membership.doctorId), userChannel(membership.roomId, membership.patientId), room]);
  }
}
