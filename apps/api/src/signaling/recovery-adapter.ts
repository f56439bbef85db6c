import { Adapter, type BroadcastOptions, type PrivateSessionId, type Room, type Session } from 'socket.io-adapter';
import { PacketType } from 'socket.io-parser';

/** A packet's rooms (or exceptions) as kept: none, the one (the usual case: a room, a person), or several. */
type KeptRooms = undefined | Room | Room[];

interface KeptPacket {
  id: string;
  rooms: KeptRooms;
  except: KeptRooms;
  data: unknown[];
  /** Whole seconds since the adapter began: a small integer (a millisecond timestamp is a 16-byte heap number in each packet). */
  emittedAt: number;
}

type PersistedSession = Parameters<Adapter['persistSession']>[0] & { disconnectedAt: number };

/** As socket.io-adapter's SessionAwareAdapter: expired sessions and packets are dropped once a minute. */
const SWEEP_MS = 60_000;

const keep = (rooms: Set<Room> | undefined): KeptRooms =>
  !rooms || rooms.size === 0 ? undefined : rooms.size === 1 ? rooms.values().next().value : [...rooms];
const has = (rooms: KeptRooms, room: Room): boolean => (typeof rooms === 'string' ? rooms === room : rooms?.includes(room) === true);

/**
 * Connection-state recovery in one process (no REDIS_URL): socket.io-adapter's SessionAwareAdapter,
 * with the same sessions, offsets, expiry and sweep, but a smaller record of each packet sent. Every
 * event packet is kept for maxDisconnectionDuration and up to a minute more: at 20,000 sockets
 * heartbeating, over a hundred thousand. Each cost about 700 bytes besides its payload there (two
 * Sets of rooms, a flags object, a data array grown to 19 slots by the offset's push, a millisecond
 * timestamp, often a fresh copy of the room's name) and about 160 here (bench/lib/heap-diff.mjs).
 */
export class RecoveryAdapter extends Adapter {
  private readonly sessions = new Map<PrivateSessionId, PersistedSession>();
  private readonly packets: KeptPacket[] = [];
  private readonly maxDisconnectionDuration: number;
  private readonly sweeper: NodeJS.Timeout;
  private lastId = 0;
  private readonly startedAt = Date.now();
  /** Each room's name as the adapter keys it: an emit's `room:${id}` is a new string, kept once per packet otherwise. */
  private readonly roomNames = new Map<Room, Room>();

  constructor(nsp: { server: { opts: { connectionStateRecovery?: { maxDisconnectionDuration?: number } } } }) {
    super(nsp);
    this.maxDisconnectionDuration = nsp.server.opts.connectionStateRecovery?.maxDisconnectionDuration ?? 0;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
    this.on('delete-room', (room: Room) => this.roomNames.delete(room));
  }

  override close(): void {
    clearInterval(this.sweeper);
  }

  override addAll(id: string, rooms: Set<Room>): void {
    // The in-memory adapter adds synchronously (its type allows a promise for the others).
    void super.addAll(id, rooms);
    // A socket's own room is its id, which it already holds: only the shared rooms are worth a name.
    for (const room of rooms) if (room !== id && !this.roomNames.has(room)) this.roomNames.set(room, room);
  }

  override persistSession(session: Parameters<Adapter['persistSession']>[0]): void {
    this.sessions.set(session.pid, Object.assign(session, { disconnectedAt: Date.now() }));
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    // Socket.IO makes a new socket when there is no session to restore (null, as the base class answers).
    return Promise.resolve(this.restore(pid, offset) as Session);
  }

  override broadcast(packet: { type: PacketType; id?: number; data: unknown[] }, opts: BroadcastOptions): void {
    // As SessionAwareAdapter: acknowledged packets cannot be replayed, volatile ones need not be.
    if (packet.type === PacketType.EVENT && packet.id === undefined && opts.flags?.volatile === undefined) {
      const id = (++this.lastId).toString(36);
      // The offset travels last in the data (the client keeps it). concat sizes the array to fit;
      // a push or a spread leaves room for 17 more elements, in each of the packets kept.
      packet.data = packet.data.concat(id);
      this.packets.push({
        id,
        rooms: this.named(keep(opts.rooms)),
        except: keep(opts.except),
        data: packet.data,
        emittedAt: this.seconds(Date.now()),
      });
    }
    super.broadcast(packet, opts);
  }

  private named(rooms: KeptRooms): KeptRooms {
    if (typeof rooms === 'string') return this.roomNames.get(rooms) ?? rooms;
    return rooms?.map((room) => this.roomNames.get(room) ?? room);
  }

  private restore(pid: PrivateSessionId, offset: string): Session | null {
    const session = this.sessions.get(pid);
    if (!session) return null;
    if (session.disconnectedAt + this.maxDisconnectionDuration < Date.now()) {
      this.sessions.delete(pid);
      return null;
    }
    const index = this.packets.findIndex((packet) => packet.id === offset);
    if (index === -1) return null;
    const missedPackets: unknown[][] = [];
    for (let i = index + 1; i < this.packets.length; i++) {
      const packet = this.packets[i]!;
      const included = packet.rooms === undefined || session.rooms.some((room) => has(packet.rooms, room));
      if (included && session.rooms.every((room) => !has(packet.except, room))) missedPackets.push(packet.data);
    }
    return { ...session, missedPackets };
  }

  private seconds(at: number): number {
    return Math.floor((at - this.startedAt) / 1000);
  }

  private sweep(): void {
    const threshold = Date.now() - this.maxDisconnectionDuration;
    for (const [pid, session] of this.sessions) if (session.disconnectedAt < threshold) this.sessions.delete(pid);
    // A packet of second s was sent before s + 1: dropped only once that is before the threshold too, never sooner than by the millisecond.
    const before = this.seconds(threshold);
    for (let i = this.packets.length - 1; i >= 0; i--) {
      if (this.packets[i]!.emittedAt < before) {
        this.packets.splice(0, i + 1);
        break;
      }
    }
  }
}
