import { Injectable } from '@nestjs/common';
import { Ack, WaitingMessageEvent, ZWaitingMessageRequestSchema } from '@telehealth/contracts';
import { decideAccess, missingRecord } from '../access/access-policy';
import { VisitLifecycleService } from '../visits/visit-lifecycle.service';
import { VisitRepository } from '../visits/visit.repository';
import { parse, refused } from './acks';
import { SignalingSocket, userChannel } from './membership';
import { SignalingNamespace } from './signaling-namespace';
import { WaitingRoom } from './waiting-room.service';

/**
 * "Running about 10 minutes late": the visit's doctor, from the dashboard (not in the room),
 * tells the patient waiting in it. The line is on the visit's timeline before the patient hears it.
 */
@Injectable()
export class WaitingMessages {
  constructor(
    private readonly visits: VisitRepository,
    private readonly lifecycle: VisitLifecycleService,
    private readonly waitingRoom: WaitingRoom,
    private readonly namespace: SignalingNamespace,
  ) {}

  async send(socket: SignalingSocket, payload: unknown): Promise<Ack<{ sentAt: string }>> {
    const request = parse(ZWaitingMessageRequestSchema, payload);
    if (!request.ok) return request;
    const user = socket.data.user;
    const visit = await this.visits.byRoom(request.data.roomId);
    if (!visit) return missingRecord('visit.join');
    const access = decideAccess(user, 'visit.message', visit);
    if (!access.ok) return access;
    if (!(await this.waitingRoom.isWaiting(visit.doctorId, visit.appointmentId))) {
      return refused(409, 'not_in_room', 'Nobody is waiting in this visit right now: the message was not sent.');
    }
    const sentAt = new Date();
    await this.lifecycle.record(
      visit.sessionId,
      [{ type: 'WAITING_MESSAGE', userId: user.id, detail: { text: request.data.text } }],
      sentAt,
    );
    const event: WaitingMessageEvent = { text: request.data.text, sentAt: sentAt.toISOString() };
    this.namespace.get().to(userChannel(visit.roomId, visit.patientId)).emit('waiting-message', event);
    return { ok: true, sentAt: event.sentAt };
  }
}
