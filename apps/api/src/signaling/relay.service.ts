import { Injectable } from '@nestjs/common';
import { Ack, MediaState, ZIceCandidateRequestSchema, ZMediaStateSchema, ZSdpRequestSchema } from '@telehealth/contracts';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { currentMembership, roomChannel, SignalingSocket, userChannel } from './membership';
import type { TypedNamespace } from './signaling-namespace';

/**
 * Passes the call's negotiation between the people of a visit: offers, answers and ICE
 * candidates to one of them (`to`: each pair of a mesh negotiates on its own), camera and
 * microphone states to all, stamped with the sender. Checks the membership kept on the socket
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

  /** Relays the sender's media state; `relayed` then gets it as read (the timeline follows it without reading it again). */
  mediaState(socket: SignalingSocket, payload: unknown, relayed: (state: MediaState) => void): Ack {
    const request = parse(ZMediaStateSchema, payload);
    if (!request.ok) return request;
    const ack = this.relay(socket, undefined, (target) => target.emit('media-state', { ...request.data, from: socket.data.user.id }));
    if (ack.ok) relayed(request.data);
    return ack;
  }

  /**
   * Relays to one person of the room (`to`) or to the rest of the room. `to` reaches only a
   * socket seated in this same room (its user channel is scoped by the room), so an id from
   * elsewhere reaches nobody; the room's seats are not read here, to keep the hot path free of I/O.
   */
  private relay(socket: SignalingSocket, to: string | undefined, send: (target: TypedNamespace) => void): Ack {
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    if (to === membership.self.userId) return refused(400, 'validation_failed', 'to: must be someone else in your visit.');
    const target = to !== undefined ? socket.to(userChannel(membership.roomId, to)) : socket.to(roomChannel(membership.roomId));
    send(target as unknown as TypedNamespace);
    return { ok: true };
  }
}
