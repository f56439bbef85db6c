import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { Ack, AckError, CLIENT_EVENTS, SIGNALING_NAMESPACE, SignalingEvent } from '@telehealth/contracts';
import type { Namespace } from 'socket.io';
import { ClientAddressService } from '../auth/client-address.service';
import type { SignalingSocket } from './membership';
import { SignalingService } from './signaling.service';

type ClientEvent = (typeof CLIENT_EVENTS)[number];
type EventHandler = (socket: SignalingSocket, payload: unknown) => Ack<object> | Promise<Ack<object>>;

/**
 * Socket.IO namespace /signaling: every client event goes to SignalingService and its result is
 * the acknowledgement. Events are dispatched here rather than with @SubscribeMessage: Nest's
 * per-event pipeline (an RxJS chain per event and socket, guards and interceptors we do not
 * use) cost more CPU than the relay itself, and memory on every socket (see BENCHMARKS.md).
 */
@WebSocketGateway({ namespace: SIGNALING_NAMESPACE })
export class SignalingGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly handlers: Record<ClientEvent, EventHandler>;

  constructor(
    private readonly signaling: SignalingService,
    clientAddress: ClientAddressService,
  ) {
    // Behind a proxy the handshake's peer is the proxy: the audit needs the client, by REST's trust rule.
    const address = (socket: SignalingSocket) => clientAddress.of(socket.request);
    this.handlers = {
      [SignalingEvent.JoinRoom]: (socket, payload) => signaling.join(socket, payload, address(socket)),
      [SignalingEvent.Offer]: (socket, payload) => signaling.relaySdp(socket, 'offer', payload),
      [SignalingEvent.Answer]: (socket, payload) => signaling.relaySdp(socket, 'answer', payload),
      [SignalingEvent.IceCandidate]: (socket, payload) => signaling.relayCandidate(socket, payload),
      [SignalingEvent.ChatMessage]: (socket, payload) => signaling.chat(socket, payload),
      [SignalingEvent.ChatHistory]: (socket, payload) => signaling.chatHistory(socket, payload),
      [SignalingEvent.MediaState]: (socket, payload) => signaling.relayMediaState(socket, payload),
      [SignalingEvent.LeaveRoom]: (socket) => signaling.leave(socket),
      [SignalingEvent.EndSession]: (socket) => signaling.end(socket, address(socket)),
    };
  }

  afterInit(namespace: Namespace): void {
    this.signaling.attach(namespace as never);
  }

  handleConnection(socket: SignalingSocket): Promise<void> {
    // One listener per socket for every event, known or not: fewer closures per socket.
    socket.onAny((event: unknown, ...args: unknown[]) => this.dispatch(socket, event, args));
    return this.signaling.onConnection(socket);
  }

  /** Runs the event's handler and acknowledges with its result; an unknown event is answered as such. */
  private dispatch(socket: SignalingSocket, event: unknown, args: unknown[]): void {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
    const count = ack ? args.length - 1 : args.length;
    // Extra arguments are passed on as an array, which no schema accepts: the sender learns its mistake.
    const payload = count > 1 ? args.slice(0, count) : count === 1 ? args[0] : undefined;
    const handler = typeof event === 'string' && Object.hasOwn(this.handlers, event) ? this.handlers[event as ClientEvent] : undefined;
    const answer = this.signaling.respond(socket, handler ? () => handler(socket, payload) : () => unknownEvent(event));
    if (!ack) return;
    if (answer instanceof Promise) void answer.then(ack);
    else ack(answer);
  }
}

function unknownEvent(event: unknown): AckError {
  return { ok: false, code: 404, error: `Unknown event "${String(event).slice(0, 40)}".` };
}
