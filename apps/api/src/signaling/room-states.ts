import { Inject, Injectable } from '@nestjs/common';
import { applyRoomEvent, emptyRoom, RoomEvent, RoomState, RoomTransition } from '@telehealth/room-engine';
import type { Membership } from './membership';
import { STATE_STORE, StateStore } from './state-store';

const roomKey = (roomId: string) => `room:${roomId}`;

/** The rooms' states, shared by every API process, changed only by the room engine's reducer. */
@Injectable()
export class RoomStates {
  constructor(@Inject(STATE_STORE) private readonly store: StateStore) {}

  /** Applies one event to the room atomically (no other change of the same room in between) and returns the transition. */
  async apply(membership: Membership, event: RoomEvent): Promise<RoomTransition> {
    let result: RoomTransition | undefined;
    await this.store.update<RoomState>(roomKey(membership.roomId), (current) => {
      result = applyRoomEvent(current ?? emptyRoom(roomOf(membership)), event);
      return result.state;
    });
    // update() ran the change, or threw.
    return result!;
  }

  /** The room's state now (who is seated), read without changing it; undefined before anyone came. */
  current(membership: Membership): Promise<RoomState | undefined> {
    return this.byId(membership.roomId);
  }

  byId(roomId: string): Promise<RoomState | undefined> {
    return this.store.get<RoomState>(roomKey(roomId));
  }

  /** Every open room's state (the admin's overview, not a hot path). */
  all(): Promise<RoomState[]> {
    return this.store.values<RoomState>(roomKey(''));
  }
}

function roomOf({ roomId, sessionId, appointmentId, doctorId, patientId }: Membership) {
  return { roomId, sessionId, appointmentId, doctorId, patientId };
}
