import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { SIGNALING_NAMESPACE, SignalingEvent } from '@telehealth/contracts';
import type { Namespace } from 'socket.io';
import type { SignalingSocket } from './membership';
import { SignalingService } from './signaling.service';

function clientAddress(socket: SignalingSocket): string | undefined {
  return socket.handshake.address;
}

/** Socket.IO namespace /signaling: every handler hands its input to SignalingService and returns the acknowledgement. */
@WebSocketGateway({ namespace: SIGNALING_NAMESPACE })
export class SignalingGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(private readonly signaling: SignalingService) {}

  afterInit(namespace: Namespace): void {
    this.signaling.attach(namespace as never);
  }

  handleConnection(socket: SignalingSocket): Promise<void> {
    return this.signaling.onConnection(socket);
  }

  @SubscribeMessage(SignalingEvent.JoinRoom)
  join(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.join(socket, payload, clientAddress(socket)));
  }

  @SubscribeMessage(SignalingEvent.Offer)
  offer(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.relaySdp(socket, 'offer', payload));
  }

  @SubscribeMessage(SignalingEvent.Answer)
  answer(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.relaySdp(socket, 'answer', payload));
  }

  @SubscribeMessage(SignalingEvent.IceCandidate)
  iceCandidate(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.relayCandidate(socket, payload));
  }

  @SubscribeMessage(SignalingEvent.ChatMessage)
  chat(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.chat(socket, payload));
  }

  @SubscribeMessage(SignalingEvent.MediaState)
  mediaState(@ConnectedSocket() socket: SignalingSocket, @MessageBody() payload: unknown) {
    return this.signaling.respond(socket, () => this.signaling.relayMediaState(socket, payload));
  }

  @SubscribeMessage(SignalingEvent.LeaveRoom)
  leave(@ConnectedSocket() socket: SignalingSocket) {
    return this.signaling.respond(socket, () => this.signaling.leave(socket));
  }

  @SubscribeMessage(SignalingEvent.EndSession)
  end(@ConnectedSocket() socket: SignalingSocket) {
    return this.signaling.respond(socket, () => this.signaling.end(socket, clientAddress(socket)));
  }
}
