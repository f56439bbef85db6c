import type { Ack } from '@telehealth/contracts';
import { Listeners, ListeningSocket, reconnectDelay, waitForAnswer } from './socket-parts';

export interface SocketIoSignalingSocketOptions {
  /** What socket.io-client's `io()` takes: the server's origin (empty: the page's own) and the namespace as its path. */
  url: string;
  /** The handshake's auth, asked for again before every connection (socket.io-client's `auth` as a function). */
  auth: (callback: (data: object) => void) => void;
  /** Connects at once (the default), or at `connect()`. */
  autoConnect?: boolean;
  /** The first reconnect waits about this long, each next one twice as long up to the max (socket.io-client's 1 s and 5 s). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Test seam: how a WebSocket is made. */
  createWebSocket?: (url: string) => WebSocket;
}

/** Socket.IO's packet types (protocol 5), carried in Engine.IO (protocol 4) `message` packets, type `4`. */
const PACKET = { connect: '0', disconnect: '1', event: '2', ack: '3', connectError: '4' } as const;

/** `<type><namespace>,<ack id><JSON>`, the default namespace `/` written as nothing. */
const PACKET_FORMAT = /^(\d)(?:(\/[^,]*),)?(\d*)([\s\S]*)$/;

/** A refused handshake, as socket.io-client gives it with `connect_error`: the server's message and its `data`. */
type ConnectError = Error & { data?: unknown };

/**
 * The signaling socket CallEngine and the web app need, speaking Socket.IO over a WebSocket as
 * socket.io-client does with `transports: ['websocket']`, which is all the web app ever used of it:
 * socket.io-client also carries HTTP long-polling, WebTransport, upgrades, binary packets and retry
 * queues, about three times these bytes on the visit page. It shows what socket.io-client shows:
 * `connected`, `active`, `recovered`, `on`/`off`, `timeout(ms).emitWithAck`, `connect`,
 * `disconnect` (with its reasons), `connect_error`, the manager's `reconnect_attempt` and `reconnect`
 * on `io`; requests made while disconnected wait for the connection; a dropped connection (a closed
 * WebSocket, no ping from the server in time, the browser going offline) is reconnected with backoff
 * and a fresh `auth`, and resumes its session (connection state recovery) when the server still
 * has it. A handshake the server refuses, or its disconnect, is final.
 */
export class SocketIoSignalingSocket extends ListeningSocket {
  connected = false;
  recovered = false;
  /** False once closed for good (by `disconnect()`, by the server, or refused): no reconnection then. */
  active = false;
  /** The manager's events, as `socket.io` has them. */
  readonly io = new Listeners();
  private readonly url: string;
  private readonly namespace: string;
  private ws: WebSocket | null = null;
  /** The server answered this WebSocket's Engine.IO handshake. */
  private open = false;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The handshake's pingInterval + pingTimeout: how long the server may stay silent. */
  private pingWithinMs = 0;
  /** When the server's next ping is overdue: a timer of a sleeping tab may fire late, so sends check it too. */
  private pingDeadline = 0;
  /** Connection state recovery: the session's id and the last event's offset, sent with the next handshake. */
  private pid: string | undefined;
  private offset: string | undefined;
  /** Requests made while not connected, sent once connected (unless their answer timed out meanwhile). */
  private outbox: Array<{ id: number; packet: string }> = [];
  private nextId = 0;

  constructor(private readonly options: SocketIoSignalingSocketOptions) {
    super();
    const url = new URL(options.url, globalThis.location?.href);
    this.namespace = url.pathname;
    url.pathname = '/socket.io/';
    url.protocol = url.protocol.replace(/^http/, 'ws');
    url.search = 'EIO=4&transport=websocket';
    this.url = url.toString();
    if (options.autoConnect !== false) this.connect();
  }

  connect(): this {
    if (!this.active) {
      this.active = true;
      this.openWebSocket();
    }
    return this;
  }

  /** Closes for good, telling the server; requests still unanswered reject. */
  disconnect(): this {
    if (this.connected) this.sendPacket(PACKET.disconnect, '');
    return this.stop('io client disconnect');
  }

  // ---- to the server ----

  protected request(event: string, payload: unknown, ms: number): Promise<Ack<object>> {
    const id = this.nextId++;
    const packet = `${id}${JSON.stringify([event, payload])}`;
    const answer = waitForAnswer(ms, (waiting) => {
      this.pending.set(id, waiting);
      return () => {
        this.pending.delete(id);
        this.outbox = this.outbox.filter((queued) => queued.id !== id);
      };
    });
    if (this.connected && !this.pingOverdue()) this.sendPacket(PACKET.event, packet);
    else this.outbox.push({ id, packet });
    return answer;
  }

  private sendPacket(type: string, body: string): void {
    this.ws?.send(`4${type}${this.namespace === '/' ? '' : `${this.namespace},`}${body}`);
  }

  // ---- from the server ----

  private onFrame(ws: WebSocket, frame: string): void {
    switch (frame.charAt(0)) {
      case '0': {
        // Engine.IO's handshake: the server pings every pingInterval and expects the pong within pingTimeout.
        const { pingInterval, pingTimeout } = JSON.parse(frame.slice(1)) as { pingInterval: number; pingTimeout: number };
        this.open = true;
        this.expectPing(ws, pingInterval + pingTimeout);
        const reconnected = this.attempts > 0;
        this.attempts = 0;
        if (reconnected) this.io.fire('reconnect');
        this.options.auth((data) => {
          if (ws !== this.ws) return;
          const auth = this.pid ? { pid: this.pid, offset: this.offset, ...data } : data;
          this.sendPacket(PACKET.connect, JSON.stringify(auth));
        });
        return;
      }
      case '1':
        return this.drop(ws, 'transport close');
      case '2':
        this.expectPing(ws);
        ws.send('3');
        return;
      case '4':
        return this.onPacket(frame.slice(1));
    }
  }

  private onPacket(text: string): void {
    const [, type, namespace = '/', id, body] = PACKET_FORMAT.exec(text) ?? [];
    if (namespace !== this.namespace) return;
    const data: unknown = body ? JSON.parse(body) : undefined;
    switch (type) {
      case PACKET.connect: {
        const { pid } = data as { sid: string; pid?: string };
        this.recovered = Boolean(pid) && pid === this.pid;
        this.pid = pid;
        this.connected = true;
        for (const { packet } of this.outbox.splice(0)) this.sendPacket(PACKET.event, packet);
        this.listeners.fire('connect');
        return;
      }
      case PACKET.event: {
        const [event, ...args] = data as [string, ...unknown[]];
        this.listeners.fire(event, ...args);
        // With connection state recovery the server appends each event's offset: the next handshake resumes after it.
        const last = args.at(-1);
        if (this.pid && typeof last === 'string') this.offset = last;
        return;
      }
      case PACKET.ack:
        return this.settle(Number(id), (data as [Ack<object>])[0]);
      case PACKET.disconnect:
        return void this.stop('io server disconnect');
      case PACKET.connectError: {
        const { message, data: detail } = data as { message: string; data?: unknown };
        const error: ConnectError = Object.assign(new Error(message), { data: detail });
        this.stop();
        this.listeners.fire('connect_error', error);
        return;
      }
      // Binary packets: the signaling protocol sends none.
      default:
    }
  }

  // ---- the connection ----

  private openWebSocket(): void {
    const ws = (this.options.createWebSocket ?? ((url) => new WebSocket(url)))(this.url);
    this.ws = ws;
    this.open = false;
    ws.onmessage = (event: MessageEvent) => {
      if (ws === this.ws && typeof event.data === 'string') this.onFrame(ws, event.data);
    };
    ws.onclose = () => this.drop(ws, 'transport close');
    if (new URL(this.url).hostname !== 'localhost') globalThis.addEventListener?.('offline', this.onOffline);
  }

  /** A lost network drops the connection at once instead of after the next missed ping (as engine.io-client does, but for localhost). */
  private readonly onOffline = () => {
    if (this.ws) this.drop(this.ws, 'transport close');
  };

  private expectPing(ws: WebSocket, withinMs?: number): void {
    if (withinMs !== undefined) this.pingWithinMs = withinMs;
    clearTimeout(this.pingTimer);
    this.pingDeadline = Date.now() + this.pingWithinMs;
    this.pingTimer = setTimeout(() => this.drop(ws, 'ping timeout'), this.pingWithinMs);
  }

  private pingOverdue(): boolean {
    if (Date.now() <= this.pingDeadline) return false;
    const ws = this.ws;
    if (ws) setTimeout(() => this.drop(ws, 'ping timeout'));
    return true;
  }

  /** The WebSocket is gone without either side meaning it: reconnect, after saying so. */
  private drop(ws: WebSocket, reason: string): void {
    if (ws !== this.ws) return;
    const wasOpen = this.open;
    this.closeWebSocket();
    if (wasOpen) this.closed(reason);
    else this.listeners.fire('connect_error', new Error('websocket error'));
    const delay = reconnectDelay(this.attempts, this.options.reconnectDelayMs, this.options.reconnectDelayMaxMs);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.io.fire('reconnect_attempt', this.attempts);
      this.openWebSocket();
    }, delay);
  }

  /** For good: no reconnection. */
  private stop(reason?: string): this {
    this.active = false;
    clearTimeout(this.reconnectTimer);
    const wasConnected = this.connected;
    this.closeWebSocket();
    if (wasConnected && reason) this.closed(reason);
    return this;
  }

  private closeWebSocket(): void {
    const ws = this.ws;
    this.ws = null;
    this.open = false;
    clearTimeout(this.pingTimer);
    globalThis.removeEventListener?.('offline', this.onOffline);
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.close();
    }
  }

  /** As socket.io-client: `disconnect`, then every request already sent fails (those still waiting to go out keep waiting). */
  private closed(reason: string): void {
    this.connected = false;
    this.listeners.fire('disconnect', reason);
    for (const [id, waiting] of this.pending) {
      if (this.outbox.some((queued) => queued.id === id)) continue;
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.reject(new Error('socket has been disconnected'));
    }
  }
}
