import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/redis.service';

/** What the door hears about a socket that passed authentication. */
export type Admission = 'ok' | 'full' | 'revoked';

/**
 * The open sockets of each account, counted across every API process, and the moment each
 * account's sessions were last revoked (sign-out, deactivation).
 *
 * `admit` is one atomic step: a socket of a sign-in session that began before the account's
 * last revocation is refused (it may have authenticated with a token revoked an instant
 * later, and missed the broadcast that closed the others), then the live sockets are counted.
 */
export interface SocketRegistry {
  admit(userId: string, socketId: string, max: number, sessionIssuedAt: number): Promise<Admission>;
  release(userId: string, socketId: string): Promise<void>;
  revoke(userId: string, at: number, rememberMs: number): Promise<void>;
  revokedSince(userId: string, since: number): Promise<boolean>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One API process: its own sockets are all there is. */
export class MemorySocketRegistry implements SocketRegistry {
  /** Most accounts hold one socket: its id alone, a Set (~150 bytes) only from the second. */
  private readonly sockets = new Map<string, string | Set<string>>();
  private readonly revocations = new Map<string, { at: number; until: number }>();

  async admit(userId: string, socketId: string, max: number, sessionIssuedAt: number): Promise<Admission> {
    if (await this.revokedSince(userId, sessionIssuedAt)) return 'revoked';
    const open = this.sockets.get(userId);
    if (open === undefined || open === socketId) {
      if (max < 1) return 'full';
      this.sockets.set(userId, socketId);
      return 'ok';
    }
    const set = typeof open === 'string' ? new Set([open]) : open;
    if (!set.has(socketId) && set.size >= max) return 'full';
    set.add(socketId);
    this.sockets.set(userId, set);
    return 'ok';
  }

  async release(userId: string, socketId: string): Promise<void> {
    const open = this.sockets.get(userId);
    if (open === socketId) this.sockets.delete(userId);
    else if (typeof open === 'object') {
      open.delete(socketId);
      if (open.size === 1) this.sockets.set(userId, open.values().next().value!);
    }
  }

  async revoke(userId: string, at: number, rememberMs: number): Promise<void> {
    const now = Date.now();
    for (const [id, revocation] of this.revocations) if (revocation.until < now) this.revocations.delete(id);
    this.revocations.set(userId, { at, until: now + rememberMs });
  }

  async revokedSince(userId: string, since: number): Promise<boolean> {
    const revocation = this.revocations.get(userId);
    return Boolean(revocation && revocation.until >= Date.now() && revocation.at >= since);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

const HEARTBEAT_MS = 5_000;
/** A process that has not renewed its heartbeat for this long is gone: its sockets no longer count. */
const NODE_TTL_MS = 15_000;
/** An account's socket set outlives its last admission by a day at most (a process that died with it open). */
const SET_TTL_MS = 24 * 60 * 60 * 1000;

// KEYS: the account's socket set, its revocation marker.
// ARGV: member "<socketId>|<nodeId>", socketId, max, session issued at, set TTL, node key prefix.
// A member whose process stopped renewing its heartbeat is dropped; so is an older entry of
// the same socket id (a socket recovered on another process keeps its id).
const ADMIT = `
local revokedAt = tonumber(redis.call('GET', KEYS[2]) or '-1')
if revokedAt >= tonumber(ARGV[4]) then return -1 end
local live = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local sid, node = string.match(member, '^(.*)|(.*)$')
  if sid == ARGV[2] or redis.call('EXISTS', ARGV[6] .. node) == 0 then
    redis.call('SREM', KEYS[1], member)
  else
    live = live + 1
  end
end
if live >= tonumber(ARGV[3]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

/**
 * Every API process: a Redis set of "<socket id>|<process id>" per account, and a heartbeat
 * key per process. A process that crashes cannot clean its entries, but its heartbeat stops,
 * so its sockets stop counting within NODE_TTL_MS; admitting costs one script call and
 * touches only the account's own (small) set.
 */
export class RedisSocketRegistry implements SocketRegistry {
  private readonly nodeId = randomUUID();
  private readonly nodeKeyPrefix: string;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastBeatAt = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'telehealth:',
  ) {
    this.nodeKeyPrefix = `${prefix}sockets:node:`;
  }

  async start(): Promise<void> {
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.beat().catch(() => undefined);
  }

  /** This process is alive: its entries count. */
  private async beat(): Promise<void> {
    await this.redis.set(this.nodeKeyPrefix + this.nodeId, '1', { PX: NODE_TTL_MS });
    this.lastBeatAt = Date.now();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    // This process's entries stop counting now, not NODE_TTL_MS later (its sockets move to other processes).
    if (this.redis.isReady) await this.redis.del(this.nodeKeyPrefix + this.nodeId).catch(() => undefined);
  }

  async admit(userId: string, socketId: string, max: number, sessionIssuedAt: number): Promise<Admission> {
    // The first beat may have come before Redis was connected (start() runs as the gateway is set
    // up): without its own heartbeat this process's entries would not count, and the cap would not hold.
    if (Date.now() - this.lastBeatAt > HEARTBEAT_MS) await this.beat();
    const answer = await this.redis.eval(ADMIT, {
      keys: [this.socketsKey(userId), this.revokedKey(userId)],
      arguments: [`${socketId}|${this.nodeId}`, socketId, String(max), String(sessionIssuedAt), String(SET_TTL_MS), this.nodeKeyPrefix],
    });
    return answer === 1 ? 'ok' : answer === -1 ? 'revoked' : 'full';
  }

  async release(userId: string, socketId: string): Promise<void> {
    await this.redis.sRem(this.socketsKey(userId), `${socketId}|${this.nodeId}`);
  }

  async revoke(userId: string, at: number, rememberMs: number): Promise<void> {
    await this.redis.set(this.revokedKey(userId), String(at), { PX: rememberMs });
  }

  async revokedSince(userId: string, since: number): Promise<boolean> {
    const at = await this.redis.get(this.revokedKey(userId));
    return at !== null && Number(at) >= since;
  }

  private socketsKey(userId: string): string {
    return `${this.prefix}sockets:user:${userId}`;
  }

  private revokedKey(userId: string): string {
    return `${this.prefix}sockets:revoked:${userId}`;
  }
}
