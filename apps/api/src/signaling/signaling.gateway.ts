import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { Ack, CLIENT_EVENTS, SIGNALING_NAMESPACE, SignalingEvent } from '@telehealth/contracts';
import { unknownEvent } from './acks';
import { CallStatsService } from './call-stats.service';
import { CallVerification } from './call-verification.service';
import { ChatService } from './chat.service';
import { EventRunner } from './event-runner';
import { GuestAdmission } from './guest-admission.service';
import { GuestRemoval } from './guest-removal.service';
import { MediaTimeline } from './media-timeline.service';
import type { SignalingSocket } from './membership';
import { RelayService } from './relay.service';
import { RoomCloser } from './room-closer.service';
import { RoomMembership } from './room-membership.service';
import type { TypedNamespace } from './signaling-namespace';
import { SocketConnections } from './socket-connections.service';
import { WaitingMessages } from './waiting-messages.service';

type ClientEvent = (typeof CLIENT_EVENTS)[number];
type EventHandler = (socket: SignalingSocket, payload: unknown) => Ack<object> | Promise<Ack<object>>;

/**
 * Socket.IO namespace /signaling: every client event goes to the service of its job and its
 * result is the acknowledgement. Events are dispatched here rather than with @SubscribeMessage:
 * Nest's per-event pipeline (an RxJS chain per event and socket, guards and interceptors we do
 * not use) cost more CPU than the relay itself, and memory on every socket (see BENCHMARKS.md).
 */
@WebSocketGateway({ namespace: SIGNALING_NAMESPACE })
export class SignalingGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly handlers: Record<ClientEvent, EventHandler>;
  /** Every socket's one listener, shared: Socket.IO calls it with the socket as `this`, so no socket needs a closure of its own. */
  private readonly onAnyEvent: (this: SignalingSocket, event: unknown, ...args: unknown[]) => void;

  constructor(
    private readonly connections: SocketConnections,
    private readonly runner: EventRunner,
    membership: RoomMembership,
    relay: RelayService,
    chat: ChatService,
    closer: RoomCloser,
    waitingMessages: WaitingMessages,
    admission: GuestAdmission,
    removal: GuestRemoval,
    mediaTimeline: MediaTimeline,
    callStats: CallStatsService,
    verification: CallVerification,
  ) {
    this.handlers = {
      [SignalingEvent.JoinRoom]: (socket, payload) => membership.join(socket, payload),
      [SignalingEvent.Offer]: (socket, payload) => relay.sdp(socket, 'offer', payload),
      [SignalingEvent.Answer]: (socket, payload) => relay.sdp(socket, 'answer', payload),
      [SignalingEvent.IceCandidate]: (socket, payload) => relay.candidate(socket, payload),
      [SignalingEvent.ChatMessage]: (socket, payload) => chat.send(socket, payload),
      [SignalingEvent.ChatHistory]: (socket, payload) => chat.history(socket, payload),
      // The relay answers at once; the timeline is written beside it, never before the ack.
      [SignalingEvent.MediaState]: (socket, payload) => relay.mediaState(socket, payload, (state) => mediaTimeline.follow(socket, state)),
      [SignalingEvent.LeaveRoom]: (socket) => membership.leave(socket),
      [SignalingEvent.EndSession]: (socket) => closer.endFromSocket(socket),
      [SignalingEvent.WaitingMessage]: (socket, payload) => waitingMessages.send(socket, payload),
      [SignalingEvent.AdmitGuest]: (socket, payload) => admission.admit(socket, payload),
      [SignalingEvent.DeclineGuest]: (socket, payload) => admission.decline(socket, payload),
      [SignalingEvent.RemoveParticipant]: (socket, payload) => removal.remove(socket, payload),
      [SignalingEvent.CallStats]: (socket, payload) => callStats.record(socket, payload),
      [SignalingEvent.VerifyCall]: (socket, payload) => verification.verify(socket, payload),
    };
    const dispatch = (socket: SignalingSocket, event: unknown, args: unknown[]) => this.dispatch(socket, event, args);
    this.onAnyEvent = function (event, ...args) {
      dispatch(this, event, args);
    };
  }

  afterInit(namespace: TypedNamespace): void {
    this.connections.attach(namespace);
  }

  handleConnection(socket: SignalingSocket): Promise<void> {
    // One listener for every event, known or not, rather than one per event.
    socket.onAny(this.onAnyEvent);
    return this.connections.open(socket);
  }

  /** Runs the event's handler and acknowledges with its result; an unknown event is answered as such. */
  private dispatch(socket: SignalingSocket, event: unknown, args: unknown[]): void {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
    const count = ack ? args.length - 1 : args.length;
    // Extra arguments are passed on as an array, which no schema accepts: the sender learns its mistake.
    const payload = count > 1 ? args.slice(0, count) : count === 1 ? args[0] : undefined;
    const handler = typeof event === 'string' && Object.hasOwn(this.handlers, event) ? this.handlers[event as ClientEvent] : undefined;
    const answer = this.runner.run(socket, handler ? () => handler(socket, payload) : () => unknownEvent(event));
    if (!ack) return;
    if (answer instanceof Promise) void answer.then(ack);
    else ack(answer);
  }
}
