import type { IncomingMessage } from 'node:http';
import { Ack, AckError, PLAIN_CLOSE, SIGNALING_NAMESPACE, SignalingEvent } from '@telehealth/contracts';
import { PacketType, type Packet } from 'socket.io-parser';
import WebSocket from 'ws';
import type { SignalingSocket } from '../signaling/membership';
import type { TypedNamespace } from '../signaling/signaling-namespace';
import { SIGN_IN_AGAIN } from '../signaling/socket-sessions';
import { BridgedEngineConnection } from './engine-bridge';
import { errorMessage, readPlainMessage, serverMessage, toGatewayEvent, toPlainMessage } from './plain-messages';

/** Messages sent before the join is through wait for it, up to this many. */
const MAX_QUEUED = 32;
/** What an event still unanswered when the connection closed resolves with (nobody reads it). */
const CLOSED: AckError = { ok: false, code: 499, reason: 'internal_error', error: 'The connection closed.' };

export interface PlainConnectionRequest {
  roomId: string;
  /** The client id the URL names, if it does: it must be the caller's. */
  clientId: string | undefined;
  token: string | undefined;
  request: IncomingMessage;
}

/**
 * One plain WebSocket client: a socket of the `/signaling` namespace behind a
 * BridgedEngineConnection. It connects with the token (the gateway's door), joins the URL's room
 * (`join-room`), then turns each plain message into the gateway event it stands for and each
 * gateway event into a plain message. Every rule is the gateway's: nothing here decides who may
 * do what.
 */
export class PlainConnection {
  private readonly conn: BridgedEngineConnection;
  private readonly acks = new Map<number, (answer: Ack<Record<string, unknown>>) => void>();
  private nextAckId = 0;
  /** The caller's client id (user id), known once the door let them in. */
  private self: string | undefined;
  private joined = false;
  private queued: string[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly server: TypedNamespace['server'],
    private readonly wanted: PlainConnectionRequest,
  ) {
    this.conn = new BridgedEngineConnection(
      wanted.request,
      (packet) => this.onPacket(packet),
      // Socket.IO closed the transport to move the client on (drain, lapsed lease): reconnect.
      () => this.closeWith(PLAIN_CLOSE.reconnect, 'closed by the server'),
    );
  }

  start(): void {
    if (!this.wanted.token) return this.refuse({ ok: false, code: 401, reason: 'unauthenticated', error: SIGN_IN_AGAIN });
    this.ws.on('message', (data, isBinary) => this.onMessage(isBinary ? undefined : textOf(data)));
    this.ws.on('close', () => this.onClientClose());
    this.ws.on('error', () => this.onClientClose());
    this.conn.open(this.server);
    this.conn.send({ type: PacketType.CONNECT, nsp: SIGNALING_NAMESPACE, data: { token: this.wanted.token } });
  }

  // ---- from the gateway ----

  private onPacket(packet: Packet): void {
    switch (packet.type) {
      case PacketType.CONNECT:
        // As a socket.io client would, send only once the connection is set up (a later turn of the loop).
        setImmediate(() => void this.join());
        return;
      case PacketType.CONNECT_ERROR: {
        const { message, data } = (packet.data ?? {}) as { message?: string; data?: { code?: number; reason?: AckError['reason'] } };
        return this.refuse({
          ok: false,
          code: data?.code ?? 401,
          reason: data?.reason ?? 'unauthenticated',
          error: message ?? SIGN_IN_AGAIN,
        });
      }
      case PacketType.EVENT: {
        const [event, data] = packet.data as [string, unknown];
        return this.onGatewayEvent(event, data);
      }
      case PacketType.ACK: {
        const answer = (packet.data as unknown[])[0] as Ack<Record<string, unknown>>;
        const resolve = packet.id !== undefined ? this.acks.get(packet.id) : undefined;
        if (packet.id !== undefined) this.acks.delete(packet.id);
        resolve?.(answer);
        return;
      }
      case PacketType.DISCONNECT:
        return this.closeWith(PLAIN_CLOSE.final, 'disconnected by the server');
      case PacketType.BINARY_EVENT:
      case PacketType.BINARY_ACK:
        // The gateway sends JSON only.
        return;
    }
  }

  private onGatewayEvent(event: string, data: unknown): void {
    // A guest the doctor admits joins again to take the seat, as the web app does.
    if (event === SignalingEvent.Admitted && !this.joined) {
      this.sendJson(serverMessage(event, data, this.wanted.roomId));
      void this.join();
      return;
    }
    this.sendJson(toPlainMessage(event, data, this.wanted.roomId, this.self));
  }

  private async join(): Promise<void> {
    if (!this.self) {
      const socket = this.socket();
      this.self = socket?.data.user?.id;
      if (this.wanted.clientId !== undefined && this.wanted.clientId !== this.self)
        return this.refuse({
          ok: false,
          code: 403,
          reason: 'forbidden',
          error: 'client_id: it must be your own (POST /api/rooms/join says which).',
        });
    }
    const answer = await this.emit(SignalingEvent.JoinRoom, { roomId: this.wanted.roomId });
    if (!answer.ok) return this.refuse(answer);
    const { ok: _ok, ...result } = answer;
    if (result.admitted === false) {
      this.sendJson(serverMessage('lobby', result, this.wanted.roomId));
      return;
    }
    this.joined = true;
    this.sendJson(serverMessage('joined', { client_id: this.self, ...result }, this.wanted.roomId));
    for (const text of this.queued.splice(0)) this.onMessage(text);
  }

  // ---- from the client ----

  private onMessage(text: string | undefined): void {
    const roomId = this.wanted.roomId;
    if (text === undefined)
      return this.sendJson(
        errorMessage({ ok: false, code: 415, reason: 'unsupported_media_type', error: 'Send text frames of JSON.' }, roomId),
      );
    if (!this.joined) {
      if (this.queued.length >= MAX_QUEUED)
        return this.sendJson(errorMessage({ ok: false, code: 409, reason: 'not_in_room', error: 'Wait for the joined message.' }, roomId));
      this.queued.push(text);
      return;
    }
    const read = readPlainMessage(text);
    if (!read.ok) return this.sendJson(errorMessage(read, roomId));
    const type = read.message.type;
    const gatewayEvent = toGatewayEvent(read.message, roomId);
    if ('ok' in gatewayEvent) return this.sendJson(errorMessage(gatewayEvent, roomId, type));
    const id = gatewayEvent.id !== undefined ? { id: gatewayEvent.id } : {};
    void this.emit(gatewayEvent.event, gatewayEvent.payload).then((answer) => {
      if (!answer.ok) return this.sendJson(errorMessage({ ...answer, ...id }, roomId, type));
      if (type === 'bye') {
        this.joined = false;
        this.sendJson(serverMessage('left', { client_id: this.self }, roomId));
        return this.closeWith(PLAIN_CLOSE.final, 'bye');
      }
      // A chat line is answered like a custom event: the writer learns its id and time.
      if (type === 'custom' || type === 'chat') {
        const { ok: _ok, ...result } = answer;
        this.sendJson(serverMessage('ack', { event: gatewayEvent.event, ...id, ...result }, roomId));
      }
    });
  }

  /** Sends a client event to the gateway and resolves with its acknowledgement. */
  private emit(event: string, payload: unknown): Promise<Ack<Record<string, unknown>>> {
    if (this.conn.readyState !== 'open') return Promise.resolve(CLOSED);
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.conn.send({ type: PacketType.EVENT, nsp: SIGNALING_NAMESPACE, id, data: payload === undefined ? [event] : [event, payload] });
    });
  }

  // ---- plumbing ----

  /** The gateway's socket behind this connection (on this process, by construction). */
  private socket(): SignalingSocket | undefined {
    const namespace = this.server.of(SIGNALING_NAMESPACE);
    for (const socket of namespace.sockets.values())
      if (socket.conn === (this.conn as unknown)) return socket as unknown as SignalingSocket;
    return undefined;
  }

  /** A refused connection: says why, then closes with 4000 + the status (4401, 4403, 4404, ...). */
  private refuse(error: AckError): void {
    this.sendJson(errorMessage(error, this.wanted.roomId));
    this.closeWith(PLAIN_CLOSE.refusedBase + error.code, error.reason);
  }

  private sendJson(message: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private closeWith(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
    this.onClientClose();
  }

  private onClientClose(): void {
    this.joined = false;
    this.queued = [];
    for (const resolve of this.acks.values()) resolve(CLOSED);
    this.acks.clear();
    this.conn.end();
  }
}

/** A text frame's content (ws hands frames over as buffers). */
function textOf(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
