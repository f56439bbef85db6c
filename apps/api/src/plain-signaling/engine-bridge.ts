import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/** The transport's name as the gateway's sockets see it (`socket.conn.transport.name`). */
export const PLAIN_TRANSPORT = 'plain-websocket';

/**
 * An Engine.IO connection as Socket.IO's `Client` sees it, carried by code instead of by the
 * Engine.IO protocol: what a plain WebSocket client says is handed to Socket.IO as packets, and
 * what Socket.IO writes is decoded back into packets for the plain client. Through it, a plain
 * client is a real socket of the `/signaling` namespace: the same door (token, revocation, the
 * per-account cap), the same handlers (RoomMembership, RelayService, ...), the same rooms of the
 * adapter (so broadcasts reach it from this process and, over Redis, from the others), the same
 * disconnect handling (the reconnect grace).
 *
 * This is the one place that depends on Socket.IO's internals (socket.io 4.8.3 is pinned): the
 * members of an Engine.IO socket that `Client`, `Namespace` and `Socket` read (`id`, `protocol`,
 * `readyState`, `request`, `remoteAddress`, `transport`, `write`, `close`, and the `data`,
 * `close` and `error` events), and the Engine.IO server's `connection` event. The plain
 * signaling spec fails if they change.
 */
export class BridgedEngineConnection extends EventEmitter {
  readonly id = randomUUID();
  /** Engine.IO protocol 4: Socket.IO v5 packets (namespaces with auth payloads). */
  readonly protocol = 4;
  readonly transport = { name: PLAIN_TRANSPORT, writable: true };
  readyState: 'open' | 'closed' = 'open';
  private readonly encoder = new Encoder();
  private readonly decoder = new Decoder();

  constructor(
    readonly request: IncomingMessage,
    /** A packet Socket.IO wrote for the client. */
    onPacket: (packet: Packet) => void,
    /** Socket.IO closed the connection (a disconnect(true), a drain, an eviction). */
    private readonly onServerClose: () => void,
  ) {
    super();
    this.decoder.on('decoded', onPacket);
  }

  get remoteAddress(): string | undefined {
    return this.request.socket.remoteAddress;
  }

  /** Hands the connection to the Socket.IO server, as Engine.IO does with a new connection. */
  open(server: { engine: EventEmitter }): void {
    server.engine.emit('connection', this);
  }

  /** A packet from the client, to Socket.IO. */
  send(packet: Packet): void {
    if (this.readyState !== 'open') return;
    for (const encoded of this.encoder.encode(packet)) this.emit('data', encoded);
  }

  /** Socket.IO writes an encoded packet for the client (Client#writeToEngine). */
  write(encoded: string | Buffer): void {
    if (this.readyState !== 'open') return;
    this.decoder.add(encoded);
  }

  /** Socket.IO closes the connection. */
  close(): void {
    if (this.readyState !== 'open') return;
    this.readyState = 'closed';
    this.emit('close', 'forced close');
    this.decoder.destroy();
    this.onServerClose();
  }

  /** The client's WebSocket closed: Socket.IO sees a transport close (the seat is kept for the grace). */
  end(reason: 'transport close' | 'transport error' = 'transport close'): void {
    if (this.readyState !== 'open') return;
    this.readyState = 'closed';
    this.emit('close', reason);
    this.decoder.destroy();
  }
}
