import { Injectable } from '@nestjs/common';
import { Ack, ZIceCandidateRequestSchema, ZMediaStateSchema, ZSdpRequestSchema } from '@telehealth/contracts';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { currentMembership, peerIdOf, roomChannel, SignalingSocket, userChannel } from './membership';
import type { TypedNamespace } from './signaling-namespace';

/**
 * Passes the call's negotiation between the two parties: offers, answers, ICE candidates and
 * camera/microphone states, stamped with the sender. Checks the membership kept on the socket
 * and touches no database: it is the hot path of every call, and answers synchronously.
 */
@Injectable()
export class RelayService {
  sdp(socket: SignalingSocket, event: 'offer' | 'answer', payload: unknown): Ack {
    const request = parse(ZSdpRequestSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, request.data.to, (target) => target.emit(event, { sdp: request.data.sdp, from: socket.data.user.id }));
  }

  candidate(socket: SignalingSocket, payload: unknown): Ack {
    const request = parse(ZIceCandidateRequestSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, request.data.to, (target) =>
      target.emit('ice-candidate', { candidate: request.data.candidate, from: socket.data.user.id }),
    );
  }

  mediaState(socket: SignalingSocket, payload: unknown): Ack {
    const request = parse(ZMediaStateSchema, payload);
    if (!request.ok) return request;
    return this.relay(socket, undefined, (target) => target.emit('media-state', { ...request.data, from: socket.data.user.id }));
  }

  /** Relays to the peer (`to`, which must be the room's other party) or to the rest of the room. */
  private relay(socket: SignalingSocket, to: string | undefined, send: (target: TypedNamespace) => void): Ack {
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    if (to !== undefined && to !== peerIdOf(membership)) return refused(404, 'not_found', 'to: nobody with this id is in your visit.');
    const target = to !== undefined ? socket.to(userChannel(membership.roomId, to)) : socket.to(roomChannel(membership.roomId));
    send(target as unknown as TypedNamespace);
    return { ok: true };
  }
}
