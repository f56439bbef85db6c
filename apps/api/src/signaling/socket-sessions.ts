import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ErrorReason } from '@telehealth/contracts';
import type { Namespace } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { AccountEvents } from '../common/account-events';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { accountChannel, SignalingSocket } from './membership';
import { MemorySocketRegistry, RedisSocketRegistry, SocketRegistry } from './socket-registry';

export const SIGN_IN_AGAIN = 'Sign in again: the access token is missing, invalid or expired.';
export const tooManySockets = (max: number) => `Too many open connections for this account (${max}): close another tab or device.`;

/** setTimeout's longest delay; a later expiry re-arms the timer when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * The expiry sweep reads every socket of the process: at most once a second. Sign-ins end on
 * whole seconds (a JWT's exp), so the sockets of one second go in one sweep, none late.
 */
const MIN_SWEEP_GAP_MS = 1000;

/** Strings many sockets hold (roles, time zones, languages), one copy each; bounded, should odd values come. */
const commonStrings = new Map<string, string>();
function shared<T extends string>(value: T): T {
  const known = commonStrings.get(value);
  if (known !== undefined) return known as T;
  if (commonStrings.size < 1000) commonStrings.set(value, value);
  return value;
}

interface Verdict {
  user: AuthUser;
  /** When the sign-in session behind the token (an access token or its signaling ticket) ends, ms since the epoch. */
  expiresAt: number;
  /** When that sign-in session began (ms): a revocation after it ends the session. */
  issuedAt: number;
}

/** A refused handshake: the browser's `connect_error` carries `data` ({ code, reason }) and the sentence. */
class DoorError extends Error {
  readonly data: { code: number; reason: ErrorReason };

  constructor(message: string, code: number, reason: ErrorReason) {
    super(message);
    this.data = { code, reason };
  }
}

/**
 * A socket lives only as long as the sign-in it was opened with: checked at the door (every
 * connection, recovered ones included), closed when that sign-in expires, and closed on every
 * API process when the account is signed out or deactivated (AccountEvents). It also caps the
 * sockets one account may hold open at once (MAX_SOCKETS_PER_USER), across processes.
 */
@Injectable()
export class SocketSessions implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SocketSessions');
  private readonly registry: SocketRegistry;
  /** One timer for every socket of the process (one per socket cost ~300 bytes each): due at the earliest sign-in end. */
  private expiryTimer: NodeJS.Timeout | undefined;
  private expiryDueAt = Infinity;
  /** The door's verdict per handshake, shared by the recovery check and the middleware, dropped once admitted. */
  private readonly verdicts = new WeakMap<object, Promise<Verdict | undefined>>();
  /** Frees the slot of a connection that closes between the door and the connection; dropped once connected. */
  private readonly releaseBeforeConnect = new WeakMap<SignalingSocket, () => void>();
  private namespace: Namespace | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly auth: AuthService,
    private readonly accountEvents: AccountEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
  ) {
    this.registry = redis.client ? new RedisSocketRegistry(redis.client, redis.keyPrefix) : new MemorySocketRegistry();
  }

  onModuleInit(): void {
    this.unsubscribe = this.accountEvents.onRevoked(({ userId, reason }) => this.closeUserSockets(userId, reason));
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    await this.registry.stop();
  }

  /** Puts the door on the namespace: authentication, revocation and the per-account cap, for every connection. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
    void this.registry.start();
    this.checkBeforeRecovery(namespace);
    namespace.use((socket, next) => {
      this.admit(socket as SignalingSocket).then(
        () => next(),
        (error: unknown) =>
          next(
            error instanceof DoorError
              ? error
              : new DoorError('The server could not check the access token; try again.', 503, 'service_unavailable'),
          ),
      );
    });
  }

  /**
   * Closes every socket of the account on every API process (over the adapter), and makes
   * the door refuse any socket whose sign-in session began before now (closing the race with
   * a socket that passed authentication an instant before the revocation was stored). The browser sees a server
   * disconnect ("io server disconnect"); connecting again with the same token is refused 401.
   */
  async closeUserSockets(userId: string, reason: string): Promise<void> {
    // Sessions signed in before now end; one signed in after (a new sign-in) is not touched.
    const at = Date.now();
    try {
      await this.registry.revoke(userId, at, this.config.JWT_TTL_MINUTES * 60_000);
    } catch (error) {
      // The broadcast below still closes the open sockets; only a socket at the door right now could slip through.
      this.logger.warn(`could not record the revocation of ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.namespace?.in(accountChannel(userId)).disconnectSockets(true);
    this.logger.log(`closing the sockets of ${userId} on every process (${reason})`);
  }

  /** On connection: the socket is closed when its sign-in expires; its slot is freed by onDisconnect. */
  onConnection(socket: SignalingSocket): void {
    const release = this.releaseBeforeConnect.get(socket);
    if (release) {
      this.releaseBeforeConnect.delete(socket);
      socket.conn.off('close', release);
    }
    const expiresAt = socket.data.sessionExpiresAt;
    if (expiresAt !== undefined && expiresAt < this.expiryDueAt) this.armExpiry(expiresAt);
  }

  /** The socket is gone: its slot in the account's cap is free. */
  onDisconnect(socket: SignalingSocket): void {
    void this.registry.release(socket.data.user.id, socket.id).catch(() => undefined);
  }

  /**
   * Whether the socket's sign-in session still holds (a join checks it): not expired, not
   * revoked. Asks no database and not the token: a signaling ticket may be long expired while
   * its session is not.
   */
  async stillSignedIn(socket: SignalingSocket): Promise<boolean> {
    const { user, sessionExpiresAt, sessionIssuedAt } = socket.data;
    if (sessionExpiresAt === undefined || sessionExpiresAt <= Date.now()) return false;
    return !(await this.registry.revokedSince(user.id, sessionIssuedAt ?? 0));
  }

  // ---- internals ----

  private async admit(socket: SignalingSocket): Promise<void> {
    const verdict = await this.verdictOf(socket.handshake.auth);
    // Kept with the handshake, it would live as long as the socket.
    this.verdicts.delete(socket.handshake.auth);
    if (!verdict) throw new DoorError(SIGN_IN_AGAIN, 401, 'unauthenticated');
    // A recovered socket keeps its earlier data: it must be the same person's.
    if (socket.recovered && socket.data.user && socket.data.user.id !== verdict.user.id)
      throw new DoorError(SIGN_IN_AGAIN, 401, 'unauthenticated');
    socket.data.user = verdict.user;
    socket.data.sessionExpiresAt = verdict.expiresAt;
    socket.data.sessionIssuedAt = verdict.issuedAt;
    // In the account's channel before the revocation check: a sign-out either finds it there or is seen by the check.
    await socket.join(accountChannel(verdict.user.id));
    const max = this.config.MAX_SOCKETS_PER_USER;
    let admission;
    try {
      admission = await this.registry.admit(verdict.user.id, socket.id, max, verdict.issuedAt);
    } catch (error) {
      // Redis away: calls matter more than the cap. Open sockets are still closed on sign-out.
      this.logger.warn(`socket cap not checked for ${verdict.user.id}: ${error instanceof Error ? error.message : String(error)}`);
      admission = 'ok';
    }
    if (admission === 'revoked') throw new DoorError(SIGN_IN_AGAIN, 401, 'unauthenticated');
    if (admission === 'full') throw new DoorError(tooManySockets(max), 429, 'too_many_connections');
    // Released on disconnect (onDisconnect); also when the connection closes before the socket ever connected.
    const release = () => {
      if (!socket.connected) void this.registry.release(verdict.user.id, socket.id).catch(() => undefined);
    };
    this.releaseBeforeConnect.set(socket, release);
    socket.conn.once('close', release);
  }

  private verdictOf(auth: Record<string, unknown> | undefined): Promise<Verdict | undefined> {
    const key = auth ?? {};
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = this.authenticate(key.token);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  private async authenticate(token: unknown): Promise<Verdict | undefined> {
    if (typeof token !== 'string' || token.length >= 4096) return undefined;
    const found = await this.auth.authenticate(token, 'signaling');
    if (!found) return undefined;
    const { sessionExpiresAt, sessionIssuedAtMs, ...user } = found;
    // Read from the database, each socket's would be a copy of its own; a handful of values in all.
    user.role = shared(user.role);
    user.timeZone = shared(user.timeZone);
    user.language = shared(user.language);
    return { user, expiresAt: sessionExpiresAt.getTime(), issuedAt: sessionIssuedAtMs };
  }

  /**
   * Socket.IO restores a dropped socket (connection-state recovery) and writes the packets it
   * missed to the wire before any middleware runs. Its token is checked first here: a
   * revoked or expired one gets no recovery (so no missed packets), only the door's refusal.
   * Wraps Namespace#_createSocket of socket.io 4.8.3 (pinned); signaling.spec.ts fails if it changes.
   */
  private checkBeforeRecovery(namespace: Namespace): void {
    const internals = namespace as unknown as { _createSocket?: (client: unknown, auth: Record<string, unknown>) => Promise<unknown> };
    const createSocket = internals._createSocket?.bind(namespace);
    if (!createSocket) {
      this.logger.error('socket.io internals changed: recovered sockets would get missed packets before their token is checked');
      return;
    }
    internals._createSocket = async (client, auth) => {
      if (auth && typeof auth.pid === 'string') {
        const verdict = await this.verdictOf(auth).catch(() => undefined);
        if (!verdict || verdict.expiresAt <= Date.now()) {
          // Without pid and offset Socket.IO makes a new socket; the door then refuses it.
          delete auth.pid;
          delete auth.offset;
        }
      }
      return createSocket(client, auth);
    };
  }

  private armExpiry(dueAt: number): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryDueAt = dueAt;
    this.expiryTimer = setTimeout(() => this.closeExpired(), Math.min(Math.max(dueAt - Date.now(), 0), MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  /** Closes the sockets whose sign-in has ended and waits for the next end among the others. */
  private closeExpired(): void {
    this.expiryTimer = undefined;
    this.expiryDueAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const socket of (this.namespace?.sockets.values() ?? []) as Iterable<SignalingSocket>) {
      const expiresAt = socket.data.sessionExpiresAt;
      if (expiresAt === undefined) continue;
      if (expiresAt > now) next = Math.min(next, expiresAt);
      else {
        this.logger.log(`closing socket ${socket.id} of ${socket.data.user.id}: its sign-in expired`);
        socket.disconnect(true);
      }
    }
    if (next !== Infinity) this.armExpiry(Math.max(next, now + MIN_SWEEP_GAP_MS));
  }
}
