import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  Ack,
  AckError,
  CHAT_HISTORY_PAGE,
  ChatHistoryResult,
  ChatMessage,
  describeZodError,
  EndSessionResponse,
  joinWindow,
  JoinRoomResult,
  RoomStatsResponse,
  ServerToClientEvents,
  WaitingPatient,
  ZChatHistoryRequestSchema,
  ZChatMessageRequestSchema,
  ZIceCandidateRequestSchema,
  ZJoinRoomRequestSchema,
  ZMediaStateSchema,
  ZSdpRequestSchema,
} from '@telehealth/contracts';
import {
  applyRoomEvent,
  decideJoin,
  emptyRoom,
  RoomEffect,
  RoomEvent,
  RoomState,
  roomStats,
  RoomTransition,
} from '@telehealth/room-engine';
import type { Namespace } from 'socket.io';
import type { ZodType } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { SessionTimelineService } from '../sessions/session-timeline.service';
import { SESSION_NOT_FOUND } from '../sessions/sessions.service';
import {
  currentMembership,
  doctorChannel,
  Membership,
  peerIdOf,
  roomChannel,
  SignalingSocket,
  SignalingSocketData,
  userChannel,
} from './membership';
import { SocketRateLimiter } from './rate-limiter';
import { SIGN_IN_AGAIN, SocketSessions } from './socket-sessions';
import { RoomAccess, SignalingRepository } from './signaling.repository';
import { GraceDeadlines, MemoryGraceDeadlines, RedisGraceDeadlines } from './grace-deadlines';
import { MemoryStateStore, RedisStateStore, StateStore } from './state-store';

/** What API processes ask each other (Socket.IO server-side events, over the Redis adapter). */
interface InterNodeEvents {
  'live-socket-ids': (answer: (socketIds: string[]) => void) => void;
}
type TypedNamespace = Namespace<Record<string, never>, ServerToClientEvents, InterNodeEvents, SignalingSocketData>;
type WaitingList = Record<string, WaitingPatient>;

// Signaling of one call is a few dozen messages a second at most (ICE trickle); more is abuse.
const EVENTS_PER_SECOND = 40;
const EVENT_BURST = 80;
const FLOOD_AFTER_REFUSALS = 100;

const roomKey = (roomId: string) => `room:${roomId}`;
const waitingKey = (doctorId: string) => `waiting:${doctorId}`;

function invalid(error: { issues: unknown[] } & Parameters<typeof describeZodError>[0]): AckError {
  return { ok: false, code: 400, error: describeZodError(error) };
}

function parse<T>(schema: ZodType<T>, payload: unknown): { ok: true; data: T } | AckError {
  const result = schema.safeParse(payload);
  return result.success ? { ok: true, data: result.data } : invalid(result.error);
}

const NOT_IN_ROOM: AckError = { ok: false, code: 409, error: 'Join the visit first.' };

/**
 * The signaling gateway's logic: who may enter which room (database-checked once at join),
 * the room engine of libs/signaling applied to state shared by all API processes, and the
 * effects it asks for (emits, timeline rows, grace timers, the doctor's waiting room).
 */
@Injectable()
export class SignalingService implements OnModuleDestroy {
  private readonly logger = new Logger('Signaling');
  private readonly store: StateStore;
  /** Room state in Redis, shared with the other API processes. */
  private readonly sharedState: boolean;
  private readonly limiters = new WeakMap<SignalingSocket, SocketRateLimiter>();
  private readonly grace: GraceDeadlines;
  private stopping = false;
  private readonly flooding = new WeakSet<SignalingSocket>();
  /** Work started by client events and disconnects, awaited before the process exits. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private namespace!: TypedNamespace;

  constructor(
    private readonly sessions: SocketSessions,
    private readonly audit: AuditService,
    private readonly timeline: SessionTimelineService,
    private readonly repository: SignalingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
  ) {
    this.sharedState = Boolean(redis.client);
    this.store = redis.client ? new RedisStateStore(redis.client, redis.keyPrefix) : new MemoryStateStore();
    this.grace = redis.client ? new RedisGraceDeadlines(redis.client, redis.keyPrefix) : new MemoryGraceDeadlines();
  }

  /** Authenticates every connection at the door: no valid token, no socket. */
  attach(namespace: TypedNamespace): void {
    this.namespace = namespace;
    namespace.on('live-socket-ids', (answer) => answer([...namespace.sockets.keys()]));
    this.grace.start(async ({ membership, userId, socketId }) => {
      const transition = await this.transition(membership, { type: 'grace-expired', userId, socketId, now: new Date().toISOString() });
      await this.perform(transition.effects, membership);
    });
    this.sessions.attach(namespace);
  }

  async onConnection(socket: SignalingSocket): Promise<void> {
    this.sessions.onConnection(socket);
    this.limiters.set(socket, new SocketRateLimiter(EVENTS_PER_SECOND, EVENT_BURST, FLOOD_AFTER_REFUSALS));
    socket.on(
      'disconnect',
      (reason) => void this.track(this.onDisconnect(socket, reason)).catch((error) => this.logger.error(`disconnect: ${String(error)}`)),
    );
    const user = socket.data.user;
    if (user.role === 'DOCTOR') {
      await socket.join(doctorChannel(user.id));
      socket.emit('waiting-room-updated', { waiting: await this.waitingList(user.id) });
    }
    const membership = socket.data.membership;
    if (socket.recovered && membership) await this.recover(socket, membership);
  }

  /**
   * Runs one client event: rate-limited, and always answered, whatever goes wrong inside. A
   * relay answers synchronously (no promise, no microtask): it is the hot path of every call.
   */
  respond<T extends object>(socket: SignalingSocket, work: () => Promise<Ack<T>> | Ack<T>): Promise<Ack<T>> | Ack<T> {
    const verdict = this.limiters.get(socket)?.take() ?? 'ok';
    if (verdict === 'flood') {
      if (!this.flooding.has(socket)) {
        this.flooding.add(socket);
        this.logger.warn(`disconnecting socket ${socket.id} of user ${socket.data.user?.id}: event flood`);
        // A moment later, so the refusals already answered reach the client before the close.
        setTimeout(() => socket.disconnect(true), 50);
      }
      return { ok: false, code: 429, error: 'Too many messages: the connection is being closed.' };
    }
    if (verdict === 'limited') return { ok: false, code: 429, error: 'Too many messages; slow down.' };
    try {
      const answer = work();
      return answer instanceof Promise ? this.track(answer.catch((error: unknown) => this.failed(error))) : answer;
    } catch (error) {
      return this.failed(error);
    }
  }

  private failed(error: unknown): AckError {
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { ok: false, code: 500, error: 'Something went wrong on our side; try again.' };
  }

  async join(socket: SignalingSocket, payload: unknown, ip?: string): Promise<Ack<JoinRoomResult>> {
    const request = parse(ZJoinRoomRequestSchema, payload);
    if (!request.ok) return request;
    const user = socket.data.user;
    const current = currentMembership(socket);
    if (current && current.roomId !== request.data.roomId)
      return { ok: false, code: 409, error: 'You are in another visit; leave it first.' };
    // The sign-in is checked again (expired, or revoked while the socket was at the door; a
    // sign-out closes open sockets itself), without the token: a signaling ticket is short-lived.
    const [stillSignedIn, access] = await Promise.all([
      this.sessions.stillSignedIn(socket),
      this.repository.roomAccess(request.data.roomId),
    ]);
    if (!stillSignedIn) return { ok: false, code: 401, error: SIGN_IN_AGAIN };
    if (!access) return { ok: false, code: 404, error: 'No visit has this room.' };
    const decision = decideJoin({
      user,
      appointment: access,
      session: { status: access.sessionStatus },
      joinWindowBeforeMinutes: this.config.JOIN_WINDOW_BEFORE_MIN,
      now: new Date(),
    });
    if (!decision.ok) {
      // Someone tried a visit that is not theirs: a security event. The room only, nothing of the visit.
      if (decision.code === 403) {
        await this.audit
          .record({
            actorId: user.id,
            action: 'signaling.join-refused',
            entityType: 'room',
            entityId: access.roomId,
            ip,
            detail: { code: 403 },
          })
          .catch((error: unknown) => this.logger.error(`audit of a refused join failed: ${String(error)}`));
      }
      return decision;
    }

    const membership = membershipOf(access, { userId: user.id, name: user.name, role: decision.role });
    const now = new Date().toISOString();
    const transition = await this.transition(membership, { type: 'join', participant: membership.self, socketId: socket.id, now });
    if (transition.error) return transition.error;

    socket.data.membership = membership;
    await socket.join([roomChannel(access.roomId), userChannel(access.roomId, user.id)]);
    const [chat] = await Promise.all([
      this.repository.chatHistory(access.sessionId, CHAT_HISTORY_PAGE),
      this.perform(transition.effects, membership),
      this.audit.record({ actorId: user.id, action: 'session.join', entityType: 'session', entityId: access.sessionId, ip }),
    ]);
    return {
      ok: true,
      sessionId: access.sessionId,
      appointmentId: access.appointmentId,
      self: membership.self,
      peers: transition.state.seats
        .filter((seat) => seat.userId !== user.id && seat.socketId !== null)
        .map(({ userId, name, role }) => ({ userId, name, role })),
      chat: chat?.messages ?? [],
      chatHasMore: chat?.hasMore ?? false,
      endsAt: access.endsAt.toISOString(),
    };
  }

  relaySdp(socket: SignalingSocket, event: 'offer' | 'answer', payload: unknown): Ack {
    const request = parse(ZSdpRequestSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, request.data.to, (target) => target.emit(event, { sdp: request.data.sdp, from: socket.data.user.id }));
  }

  relayCandidate(socket: SignalingSocket, payload: unknown): Ack {
    const request = parse(ZIceCandidateRequestSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, request.data.to, (target) =>
      target.emit('ice-candidate', { candidate: request.data.candidate, from: socket.data.user.id }),
    );
  }

  relayMediaState(socket: SignalingSocket, payload: unknown): Ack {
    const request = parse(ZMediaStateSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, undefined, (target) => target.emit('media-state', { ...request.data, from: socket.data.user.id }));
  }

  async chat(socket: SignalingSocket, payload: unknown): Promise<Ack<{ message: ChatMessage }>> {
    const request = parse(ZChatMessageRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const row = await this.repository.addChatMessage(membership.sessionId, socket.data.user.id, request.data.body);
    if (!row) return { ok: false, code: 409, error: 'This visit has ended.' };
    const message: ChatMessage = {
      id: row.id,
      sessionId: membership.sessionId,
      from: socket.data.user.id,
      senderName: socket.data.user.name,
      body: request.data.body,
      sentAt: row.sentAt.toISOString(),
    };
    socket.to(roomChannel(membership.roomId)).emit('chat-message', message);
    return { ok: true, message };
  }

  /** An earlier page of the visit's chat, for the socket's own visit only. */
  async chatHistory(socket: SignalingSocket, payload: unknown): Promise<Ack<ChatHistoryResult>> {
    const request = parse(ZChatHistoryRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const page = await this.repository.chatHistory(membership.sessionId, request.data.limit ?? CHAT_HISTORY_PAGE, request.data.before);
    if (!page) return { ok: false, code: 404, error: 'before: no message with this id is in your visit.' };
    return { ok: true, ...page };
  }

  async leave(socket: SignalingSocket): Promise<Ack> {
    const membership = currentMembership(socket);
    if (!membership) return { ok: true };
    socket.data.membership = undefined;
    await socket.leave(roomChannel(membership.roomId));
    await socket.leave(userChannel(membership.roomId, membership.self.userId));
    const transition = await this.transition(membership, {
      type: 'leave',
      userId: membership.self.userId,
      socketId: socket.id,
      now: new Date().toISOString(),
    });
    await this.perform(transition.effects, membership);
    return { ok: true };
  }

  async end(socket: SignalingSocket, ip?: string): Promise<Ack<{ endedAt: string }>> {
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    if (socket.data.user.id !== membership.doctorId) return { ok: false, code: 403, error: 'Only the doctor can end the visit.' };
    const ended = await this.endRoom(membership, socket.data.user.id, ip);
    if (ended.ok) socket.data.membership = undefined;
    return ended;
  }

  /**
   * The doctor ends a visit from its record, outside the call: the call was left open (a closed
   * tab, a crashed node). Whoever is still in the room is told, as if the doctor had ended it there.
   */
  async endFromRecord(user: AuthUser, sessionId: string, ip?: string): Promise<EndSessionResponse> {
    const access = isUuid(sessionId) ? await this.repository.sessionAccess(sessionId) : undefined;
    if (!access || (user.id !== access.doctorId && user.id !== access.patientId)) throw ApiError.notFound(SESSION_NOT_FOUND);
    if (user.id !== access.doctorId) throw ApiError.forbidden('Only the doctor can end the visit.');
    if (access.sessionStatus === 'ENDED') throw ApiError.conflict('This visit has already ended.');
    if (access.status === 'CANCELLED' || access.status === 'NO_SHOW') {
      throw ApiError.conflict(
        `This visit was ${access.status === 'CANCELLED' ? 'cancelled' : 'marked as missed'}; there is no call to end.`,
      );
    }
    // Ending a visit that has not begun would record it as held: cancelling is the way.
    if (joinWindow(access, this.config.JOIN_WINDOW_BEFORE_MIN).opensAt > new Date()) {
      throw ApiError.conflict('This visit has not begun yet; cancel or reschedule it instead.');
    }
    const ended = await this.endRoom(membershipOf(access, { userId: user.id, name: user.name, role: 'DOCTOR' }), user.id, ip);
    if (!ended.ok) throw new ApiError(ended.code, ended.error);
    return { sessionId: access.sessionId, endedAt: ended.endedAt };
  }

  /**
   * The admin's overview of the open rooms: the room states all API processes share, checked
   * against the sockets they really hold (a seat of a process that died stays in the state).
   */
  async roomStats(user: AuthUser, ip?: string): Promise<RoomStatsResponse> {
    const [states, live] = await Promise.all([this.store.values<RoomState>(roomKey('')), this.liveSocketIds()]);
    const stats = roomStats(states, live, new Date());
    await this.audit.recordRead({
      actorId: user.id,
      action: 'rooms.stats.read',
      entityType: 'room',
      ip,
      detail: { rooms: stats.totals.rooms },
    });
    return stats;
  }

  /**
   * First step of a graceful shutdown (main.ts, before the app closes its database and Redis):
   * close every local socket's transport the way a network drop would, so each browser
   * reconnects (through the load balancer, to another node, where Socket.IO's connection-state
   * recovery brings its seat back), then let the writes in flight finish.
   */
  async drain(): Promise<void> {
    const local = this.namespace ? [...this.namespace.sockets.values()] : [];
    if (local.length > 0) this.logger.log(`shutting down: moving ${local.length} socket(s) to other nodes`);
    for (const socket of local) socket.conn.close();
    const deadline = Date.now() + 10_000;
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.allSettled([...this.inFlight]);
  }

  onModuleDestroy(): void {
    this.stopping = true;
    this.grace.stop();
  }

  // ---- internals ----

  /** The ids of the sockets connected to any API process (only this one's without Redis). */
  private async liveSocketIds(): Promise<Set<string>> {
    const local = [...this.namespace.sockets.keys()];
    if (!this.sharedState) return new Set(local);
    try {
      const remote = await this.namespace.serverSideEmitWithAck('live-socket-ids');
      return new Set([...local, ...remote.flat()]);
    } catch {
      throw new ApiError(503, 'Not every API process answered in time; try again in a moment.');
    }
  }

  private async endRoom(membership: Membership, doctorId: string, ip?: string): Promise<Ack<{ endedAt: string }>> {
    const now = new Date().toISOString();
    const transition = await this.transition(membership, { type: 'end', userId: doctorId, now });
    if (transition.error) return transition.error;
    await this.perform(transition.effects, membership, ip);
    return { ok: true, endedAt: now };
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** Relays to the peer (`to`, which must be the room's other party) or to the rest of the room. Touches no database. */
  private relay(socket: SignalingSocket, to: string | undefined, send: (target: TypedNamespace) => void): Ack {
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    if (to !== undefined && to !== peerIdOf(membership))
      return { ok: false, code: 404, error: 'to: nobody with this id is in your visit.' };
    const target = to !== undefined ? socket.to(userChannel(membership.roomId, to)) : socket.to(roomChannel(membership.roomId));
    send(target as unknown as TypedNamespace);
    return { ok: true };
  }

  private async recover(socket: SignalingSocket, membership: Membership): Promise<void> {
    const transition = await this.transition(membership, {
      type: 'recover',
      userId: membership.self.userId,
      socketId: socket.id,
      now: new Date().toISOString(),
    });
    if (!transition.error) {
      await this.perform(transition.effects, membership);
      return;
    }
    // The seat was given up meanwhile (grace over, or the visit ended): join afresh if still allowed.
    socket.data.membership = undefined;
    await socket.leave(roomChannel(membership.roomId));
    const rejoined = await this.join(socket, { roomId: membership.roomId });
    if (!rejoined.ok) socket.emit('session-ended', { sessionId: membership.sessionId, endedBy: '', endedAt: new Date().toISOString() });
  }

  private async onDisconnect(socket: SignalingSocket, reason: string): Promise<void> {
    const membership = socket.data.membership;
    if (!membership) return;
    this.logger.log(
      `socket of ${membership.self.role.toLowerCase()} ${membership.self.userId} dropped (${reason}); seat kept ${this.config.RECONNECT_GRACE_S} s`,
    );
    const transition = await this.transition(membership, {
      type: 'drop',
      userId: membership.self.userId,
      socketId: socket.id,
      now: new Date().toISOString(),
      graceSeconds: this.config.RECONNECT_GRACE_S,
    });
    await this.perform(transition.effects, membership);
  }

  private async transition(membership: Membership, event: RoomEvent): Promise<RoomTransition> {
    let result: RoomTransition | undefined;
    await this.store.update<RoomState>(roomKey(membership.roomId), (current) => {
      const state =
        current ??
        emptyRoom({
          roomId: membership.roomId,
          sessionId: membership.sessionId,
          appointmentId: membership.appointmentId,
          doctorId: membership.doctorId,
          patientId: membership.patientId,
        });
      result = applyRoomEvent(state, event);
      return result.state;
    });
    return result!;
  }

  /**
   * Performs a transition's effects: the end of a session is written before anyone is told (so
   * a rejoin right after is refused), then everything said to sockets, then, at the same time,
   * the timeline in one write, the session start and the waiting room.
   */
  private async perform(effects: RoomEffect[], membership: Membership, ip?: string): Promise<void> {
    const attempt = async (what: string, work: () => Promise<void> | void) => {
      try {
        await work();
      } catch (error) {
        // One failed write must not keep the others (or the peers' messages) from happening.
        this.logger.error(`effect ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const records: Array<Extract<RoomEffect, { type: 'record' }>> = [];
    for (const effect of effects) {
      if (effect.type === 'session-ended') await attempt(effect.type, () => this.performOne(effect, membership, ip));
    }
    const later: Array<Exclude<RoomEffect, { type: 'record' }>> = [];
    for (const effect of effects) {
      if (effect.type === 'record') records.push(effect);
      else if (effect.type === 'session-started' || effect.type === 'waiting') later.push(effect);
      else if (effect.type !== 'session-ended') await attempt(effect.type, () => this.performOne(effect, membership, ip));
    }
    await Promise.all([
      attempt('record', () =>
        this.timeline.record(
          membership.sessionId,
          records.map(({ event, userId, detail }) => ({ type: event, userId, detail })),
          new Date(),
        ),
      ),
      ...later.map((effect) => attempt(effect.type, () => this.performOne(effect, membership, ip))),
    ]);
  }

  private async performOne(effect: Exclude<RoomEffect, { type: 'record' }>, membership: Membership, ip?: string): Promise<void> {
    switch (effect.type) {
      case 'send':
        (this.namespace.to(effect.socketId).emit as (event: string, payload: unknown) => boolean)(effect.event, effect.payload);
        return;
      case 'broadcast-ended': {
        const room = roomChannel(membership.roomId);
        this.namespace.to(room).emit('session-ended', effect.payload);
        this.namespace
          .in(room)
          .socketsLeave([userChannel(membership.roomId, membership.doctorId), userChannel(membership.roomId, membership.patientId), room]);
        return;
      }
      case 'session-started':
        await this.timeline.markStarted(membership.sessionId, new Date(effect.at));
        return;
      case 'session-ended':
        await this.timeline.markEnded(membership.sessionId, effect.endedBy, new Date(effect.at), ip);
        return;
      case 'start-grace':
        // Past onModuleDestroy, Redis is closing and a timer would only hold the exit back; the
        // drops of drain() came before and, with Redis, another node expires them.
        if (this.stopping) return;
        await this.grace.schedule({ membership, userId: effect.userId, socketId: effect.socketId }, Date.now() + effect.seconds * 1000);
        return;
      case 'evict':
        this.namespace.in(effect.socketId).disconnectSockets(true);
        return;
      case 'waiting':
        await this.updateWaitingRoom(membership, effect.patientWaiting);
        return;
    }
  }

  private async updateWaitingRoom(membership: Membership, patientWaiting: boolean): Promise<void> {
    let changed = false;
    const list = await this.store.update<WaitingList>(waitingKey(membership.doctorId), (current = {}) => {
      const listed = membership.appointmentId in current;
      if (patientWaiting === listed) return current;
      changed = true;
      if (!patientWaiting) {
        const { [membership.appointmentId]: _gone, ...rest } = current;
        return rest;
      }
      const entry: WaitingPatient = {
        appointmentId: membership.appointmentId,
        sessionId: membership.sessionId,
        roomId: membership.roomId,
        patient: { id: membership.patientId, name: membership.patientName },
        reason: membership.reason,
        startsAt: membership.startsAt,
        since: new Date().toISOString(),
      };
      return { ...current, [membership.appointmentId]: entry };
    });
    if (changed) this.namespace.to(doctorChannel(membership.doctorId)).emit('waiting-room-updated', { waiting: sortWaiting(list ?? {}) });
  }

  private async waitingList(doctorId: string): Promise<WaitingPatient[]> {
    return sortWaiting((await this.store.get<WaitingList>(waitingKey(doctorId))) ?? {});
  }
}

/** What a seat in the room may do, from the visit's access row: kept on the socket for the rest of the call. */
function membershipOf(access: RoomAccess, self: Membership['self']): Membership {
  return {
    roomId: access.roomId,
    sessionId: access.sessionId,
    appointmentId: access.appointmentId,
    doctorId: access.doctorId,
    patientId: access.patientId,
    self,
    patientName: access.patientName,
    reason: access.reason,
    startsAt: access.startsAt.toISOString(),
  };
}

function sortWaiting(list: WaitingList): WaitingPatient[] {
  return Object.values(list).sort((a, b) => a.since.localeCompare(b.since));
}
