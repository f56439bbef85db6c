import { Inject, Injectable } from '@nestjs/common';
import { estimateWaitingQueue, type WaitingPatient } from '@telehealth/contracts';
import { doctorChannel, Membership, SignalingSocket, userChannel } from './membership';
import { SignalingNamespace } from './signaling-namespace';
import { STATE_STORE, StateStore } from './state-store';

type WaitingList = Record<string, WaitingPatient>;

const waitingKey = (doctorId: string) => `waiting:${doctorId}`;

function sortWaiting(list: WaitingList): WaitingPatient[] {
  return Object.values(list).sort((a, b) => a.since.localeCompare(b.since));
}

/**
 * The doctor's waiting room (`waiting-room-updated`): which patients wait alone in their visit's
 * room, since when. A projection of the rooms, kept per doctor and shared by every API process.
 * Each waiting patient hears their place in the queue (`waiting-position`), and the visit's
 * people its new state (`visit-updated`, told by whoever changed it: RoomEffects).
 */
@Injectable()
export class WaitingRoom {
  constructor(
    @Inject(STATE_STORE) private readonly store: StateStore,
    private readonly namespace: SignalingNamespace,
  ) {}

  /** A doctor's socket hears of every change to the doctor's waiting room, starting with the list as it is. */
  async subscribe(socket: SignalingSocket): Promise<void> {
    const user = socket.data.user;
    if (user.role !== 'DOCTOR') return;
    await socket.join(doctorChannel(user.id));
    socket.emit('waiting-room-updated', { waiting: await this.list(user.id) });
  }

  /**
   * Puts the visit's patient in the waiting room or takes them out; the doctor's sockets are told
   * of a change. Returns whether it changed: the caller tells VisitEvents (`visit-updated`), once
   * for everything the same room transition changed.
   */
  async update(membership: Membership, patientWaiting: boolean): Promise<boolean> {
    let changed = false;
    const list = await this.store.update<WaitingList>(waitingKey(membership.doctorId), (current = {}) => {
      const listed = membership.appointmentId in current;
      if (patientWaiting === listed) return current;
      changed = true;
      if (!patientWaiting) {
        const { [membership.appointmentId]: _gone, ...rest } = current;
        return rest;
      }
      return { ...current, [membership.appointmentId]: waitingEntry(membership) };
    });
    if (!changed) return false;
    const waiting = sortWaiting(list ?? {});
    const namespace = this.namespace.get();
    namespace.to(doctorChannel(membership.doctorId)).emit('waiting-room-updated', { waiting });
    for (const place of estimateWaitingQueue(waiting, new Date())) {
      const entry = waiting.find((patient) => patient.appointmentId === place.appointmentId)!;
      namespace.to(userChannel(entry.roomId, entry.patient.id)).emit('waiting-position', place);
    }
    return true;
  }

  /** Since when the visit's patient waits alone in its room, if they do. */
  async waitingSince(doctorId: string, appointmentId: string): Promise<string | null> {
    return (await this.store.get<WaitingList>(waitingKey(doctorId)))?.[appointmentId]?.since ?? null;
  }

  /** Whether the visit's patient waits in its room now (the doctor is not there). */
  async isWaiting(doctorId: string, appointmentId: string): Promise<boolean> {
    return (await this.waitingSince(doctorId, appointmentId)) !== null;
  }

  private async list(doctorId: string): Promise<WaitingPatient[]> {
    return sortWaiting((await this.store.get<WaitingList>(waitingKey(doctorId))) ?? {});
  }
}

function waitingEntry(membership: Membership): WaitingPatient {
  return {
    appointmentId: membership.appointmentId,
    sessionId: membership.sessionId,
    roomId: membership.roomId,
    patient: { id: membership.patientId, name: membership.patientName },
    reason: membership.reason,
    startsAt: membership.startsAt,
    endsAt: membership.endsAt,
    since: new Date().toISOString(),
  };
}
