import { PLAIN_CLOSE, PLAIN_SIGNALING_PATH, PLAIN_SIGNALING_TOKEN_PROTOCOL } from '@telehealth/contracts';
import type {
  Ack,
  AckError,
  ErrorReason,
  IceCandidateRequest,
  JoinRoomAck,
  PlainErrorMessage,
  PlainServerMessage,
  SdpRequest,
} from '@telehealth/contracts';
import { Listeners, ListeningSocket, reconnectDelay, waitForAnswer, type Pending } from './socket-parts';

export interface PlainSignalingSocketOptions {
  /** The API's origin, http(s) or ws(s) (the web app: the page's own); the socket opens `/ws` there. */
  url: string;
  roomId: string;
  /** A token for each connection (the web app: a fresh signaling ticket), asked again before every reconnect. */
  token: () => Promise<string>;
  /** The first reconnect waits about this long, each next one twice as long up to the max (socket.io-client's 1 s and 5 s). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** Test seam: how a WebSocket is made. */
  createWebSocket?: (url: string, protocols: string[]) => WebSocket;
}

/** A refused connection comes back as the join's answer and as `connect_error`, whose `data` says why. */
export type PlainConnectError = Error & { data: { code: number; reason: ErrorReason } };

const OK: Ack<object> = { ok: true };

/**
 * The signaling socket CallEngine needs, over the plain WebSocket `/ws` (issue 19) instead of
 * Socket.IO, for clients and networks where Socket.IO is not wanted. It speaks the documented
 * protocol (libs/contracts plain-signaling.ts) and shows the engine what socket.io-client would:
 * the server's events by their Socket.IO names and payloads, `timeout(ms).emitWithAck`, `connect`,
 * `disconnect`, `connect_error` and the manager's `reconnect_attempt`, reconnecting after an
 * unexpected close with backoff and a new token each time.
 *
 * The server seats a connection in the URL's room by itself: `join-room` sends nothing but is
 * answered by that connection's `joined`, `lobby` or refusal. offer/answer/ice-candidate are the
 * plain relay messages (no acknowledgement: answered `ok` at once), `leave-room` is `bye`, every
 * other event a `custom` message answered by its `ack` or `error`. There is no connection-state
 * recovery (`recovered` is always false): after a reconnect the engine joins again.
 */
export class PlainSignalingSocket extends ListeningSocket {
  connected = false;
  readonly recovered = false;
  /** The manager's events, as `socket.io` has them. */
  readonly io = new Listeners();
  private readonly url: string;
  private ws: WebSocket | null = null;
  /** Disconnected for good: by the client, by the server, or refused. */
  private stopped = false;
  private leaving = false;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** This connection's join was answered: from then on messages go out at once. */
  private answered = false;
  /** What waits to be sent until then (the server would queue only a few before its own join). */
  private outbox: string[] = [];
  /** This connection's join answer, until a `join-room` takes it. */
  private joinAnswer: Ack<JoinRoomAck> | null = null;
  private readonly joinWaiters = new Set<Pending>();
  /** The server's reason for refusing this connection, before it closes it. */
  private refusal: AckError | null = null;
  private nextId = 0;
  /**
   * Events that came before the engine first asked to join. The server seats the connection as it
   * opens, so the first `peer-joined` and offer may come before anyone listens: they wait here.
   */
  private held: Array<[string, unknown]> | null = [];

  constructor(private readonly options: PlainSignalingSocketOptions) {
    super();
    const url = new URL(PLAIN_SIGNALING_PATH, options.url.replace(/^http/, 'ws'));
    url.searchParams.set('room_id', options.roomId);
    this.url = url.toString();
    void this.open();
  }

  /** Closes for good; requests still unanswered reject, as socket.io-client's do. */
  disconnect(): this {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000, 'client disconnect');
    for (const waiting of [...this.pending.values(), ...this.joinWaiters]) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error('socket has been disconnected'));
    }
    this.pending.clear();
    this.joinWaiters.clear();
    if (this.connected) {
      this.connected = false;
      this.listeners.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  // ---- to the server ----

  protected request(event: string, payload: unknown, ms: number): Promise<Ack<object>> {
    switch (event) {
      case 'join-room':
        return this.awaitJoin(ms);
      case 'offer':
      case 'answer': {
        const { sdp, to } = payload as SdpRequest;
        this.send({ type: event, to, payload: { type: event, sdp } });
        return Promise.resolve(OK);
      }
      case 'ice-candidate': {
        const { candidate, to } = payload as IceCandidateRequest;
        this.send({ type: 'candidate', to, payload: candidate });
        return Promise.resolve(OK);
      }
      case 'leave-room':
        this.leaving = true;
        this.send({ type: 'bye' });
        return Promise.resolve(OK);
      default:
        return this.custom(event, payload, ms);
    }
  }

  private custom(event: string, data: unknown, ms: number): Promise<Ack<object>> {
    const id = this.nextId++;
    const answer = waitForAnswer(ms, (waiting) => {
      this.pending.set(id, waiting);
      return () => this.pending.delete(id);
    });
    this.send({ type: 'custom', payload: { event, data, id } });
    return answer;
  }

  /** Answered by this connection's join answer, or the next one's (after a reconnect, after the doctor's admission). */
  private awaitJoin(ms: number): Promise<Ack<object>> {
    const answer = this.joinAnswer;
    this.joinAnswer = null;
    const joined = answer
      ? Promise.resolve(answer)
      : waitForAnswer(ms, (waiting) => {
          this.joinWaiters.add(waiting);
          return () => this.joinWaiters.delete(waiting);
        });
    // Delivered now, before the answer: as over Socket.IO, where the join's events precede its ack.
    const held = this.held ?? [];
    this.held = null;
    for (const [heldEvent, data] of held) this.listeners.fire(heldEvent, data);
    return joined;
  }

  private send(message: { type: string; to?: string; payload?: unknown }): void {
    const text = JSON.stringify({ ...message, room_id: this.options.roomId });
    if (this.ws && this.answered) this.ws.send(text);
    else this.outbox.push(text);
  }

  // ---- from the server ----

  private onFrame(text: string): void {
    let message: PlainServerMessage | PlainErrorMessage;
    try {
      message = JSON.parse(text) as PlainServerMessage | PlainErrorMessage;
    } catch {
      return;
    }
    if (message.type === 'error') return this.onError(message);
    const { type, from, payload } = message;
    switch (type) {
      case 'offer':
      case 'answer':
        return this.deliver(type, { sdp: typeof payload === 'string' ? payload : (payload as { sdp: string }).sdp, from });
      case 'candidate':
        return this.deliver('ice-candidate', { candidate: payload, from });
      case 'chat': {
        // `text` is the seed's name of the line's `body`; the engine reads the ChatMessage as Socket.IO sends it.
        const { text: _text, ...line } = payload as { text?: string };
        return this.deliver('chat-message', line);
      }
      case 'bye':
        return this.deliver('peer-left', payload);
      case 'custom':
        return this.onCustom(payload as { event: string; data?: unknown });
    }
  }

  private onCustom({ event, data }: { event: string; data?: unknown }): void {
    switch (event) {
      case 'joined': {
        const { client_id: _self, ...result } = data as JoinRoomAck & { client_id: string };
        return this.answerJoin({ ok: true, ...result });
      }
      case 'lobby':
        return this.answerJoin({ ok: true, ...(data as JoinRoomAck) });
      case 'ack': {
        const { event: _event, id, ...result } = data as { event: string; id?: number };
        return this.settle(Number(id), { ok: true, ...result });
      }
      case 'left':
        // The answer to our `bye`; the server closes the socket next.
        return;
      default:
        return this.deliver(event, data);
    }
  }

  private onError({ code, reason, error, id, in_reply_to: inReplyTo }: PlainErrorMessage): void {
    const refused: AckError = { ok: false, code, reason: reason as ErrorReason, error };
    if (id !== undefined) return this.settle(Number(id), refused);
    // A refused relay message: nothing waits for it (Socket.IO's ack of it is not read either).
    if (inReplyTo !== undefined) return;
    // The connection (or its join) is refused: the server closes it next, with 4000 + the code.
    this.refusal = refused;
  }

  private answerJoin(ack: Ack<JoinRoomAck>): void {
    if (ack.ok && this.ws) {
      this.answered = true;
      for (const text of this.outbox.splice(0)) this.ws.send(text);
    }
    if (this.joinWaiters.size === 0) {
      this.joinAnswer = ack;
      return;
    }
    for (const waiting of this.joinWaiters) {
      clearTimeout(waiting.timer);
      waiting.resolve(ack);
    }
    this.joinWaiters.clear();
  }

  private deliver(event: string, data: unknown): void {
    if (this.held) this.held.push([event, data]);
    else this.listeners.fire(event, data);
  }

  // ---- the connection ----

  private async open(): Promise<void> {
    let ws: WebSocket;
    try {
      const token = await this.options.token();
      if (this.stopped) return;
      ws = (this.options.createWebSocket ?? ((url, protocols) => new WebSocket(url, protocols)))(this.url, [
        PLAIN_SIGNALING_TOKEN_PROTOCOL,
        token,
      ]);
    } catch (error) {
      if (this.stopped) return;
      this.listeners.fire('connect_error', error instanceof Error ? error : new Error(String(error)));
      return this.reconnectLater();
    }
    this.ws = ws;
    this.answered = false;
    this.refusal = null;
    ws.onopen = () => this.onOpen(ws);
    ws.onmessage = (event: MessageEvent) => {
      if (ws === this.ws && typeof event.data === 'string') this.onFrame(event.data);
    };
    ws.onclose = (event: CloseEvent) => this.onClose(ws, event.code, event.reason);
  }

  private onOpen(ws: WebSocket): void {
    if (ws !== this.ws) return;
    const reconnected = this.attempts > 0;
    this.attempts = 0;
    this.connected = true;
    this.listeners.fire('connect');
    if (reconnected) this.io.fire('reconnect');
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.answered = false;
    const wasConnected = this.connected;
    this.connected = false;
    // 4000 + a refusal's status: 4401 no or a bad token, 4403 not their visit, 4404 no such room, ...
    if (code >= 4400 && code < 4500) return this.onRefused(code, reason);
    // PLAIN_CLOSE.final: the server meant it (bye, opened elsewhere); PLAIN_CLOSE.reconnect and drops reconnect.
    if (code === PLAIN_CLOSE.final) {
      this.stopped = true;
      if (wasConnected) this.listeners.fire('disconnect', this.leaving ? 'io client disconnect' : 'io server disconnect');
      return;
    }
    // The old connection's answer answers no join of the next one.
    this.joinAnswer = null;
    if (wasConnected) this.listeners.fire('disconnect', 'transport close');
    else this.listeners.fire('connect_error', new Error(`The signaling connection closed (${code}).`));
    this.reconnectLater();
  }

  /**
   * Final, like a Socket.IO handshake the server refuses (`connect_error`, no reconnection) or a
   * refused `join-room`: the join waiting (or the next) is answered with the refusal.
   */
  private onRefused(code: number, reason: string): void {
    this.stopped = true;
    const refusal: AckError = this.refusal ?? {
      ok: false,
      code: code - 4000,
      reason: reason as ErrorReason,
      error: 'The server refused the connection.',
    };
    this.answerJoin(refusal);
    const error = new Error(refusal.error) as PlainConnectError;
    error.data = { code: refusal.code, reason: refusal.reason };
    this.listeners.fire('connect_error', error);
  }

  private reconnectLater(): void {
    const delay = reconnectDelay(this.attempts, this.options.reconnectDelayMs, this.options.reconnectDelayMaxMs);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.io.fire('reconnect_attempt', this.attempts);
      void this.open();
    }, delay);
  }
}
