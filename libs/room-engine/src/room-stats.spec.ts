import type { Participant } from '@telehealth/contracts';
import { applyRoomEvent, RoomEvent } from './room-reducer';
import { emptyRoom, RoomState } from './room-state';
import { roomStats, seedRoomStats } from './room-stats';

const doctor: Participant = { userId: 'doctor-1', name: 'Dr. Ada Moss', role: 'DOCTOR' };
const patient: Participant = { userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' };

function roomAfter(roomId: string, ...events: RoomEvent[]): RoomState {
  let state = emptyRoom({
    roomId,
    sessionId: `session-of-${roomId}`,
    appointmentId: `appt-${roomId}`,
    doctorId: doctor.userId,
    patientId: patient.userId,
  });
  for (const event of events) state = applyRoomEvent(state, event).state;
  return state;
}
const join = (who: Participant, socketId: string, now: string): RoomEvent => ({ type: 'join', participant: who, socketId, now });

describe(roomStats.name, () => {
  it('counts a call, a waiting patient and a dropped doctor, and leaves out ended, emptied and abandoned rooms', () => {
    const call = roomAfter('call', join(patient, 'p1', '2026-05-01T09:01:00Z'), join(doctor, 'd1', '2026-05-01T09:02:00Z'));
    const waiting = roomAfter('waiting', join(patient, 'p2', '2026-05-01T09:00:00Z'));
    const dropped = roomAfter('dropped', join(doctor, 'd3', '2026-05-01T09:05:00Z'), join(patient, 'p3', '2026-05-01T09:06:00Z'), {
      type: 'drop',
      userId: doctor.userId,
      socketId: 'd3',
      now: '2026-05-01T09:07:00Z',
      graceSeconds: 30,
    });
    const ended = roomAfter('ended', join(doctor, 'd4', '2026-05-01T08:00:00Z'), {
      type: 'end',
      userId: doctor.userId,
      now: '2026-05-01T08:30:00Z',
    });
    const emptied = roomAfter('emptied', join(patient, 'p5', '2026-05-01T08:00:00Z'), {
      type: 'leave',
      userId: patient.userId,
      socketId: 'p5',
      now: '2026-05-01T08:01:00Z',
    });

    // Both seats held by sockets of an API process that died: nobody is really there.
    const abandoned = roomAfter('abandoned', join(patient, 'p6', '2026-05-01T09:03:00Z'), join(doctor, 'd6', '2026-05-01T09:03:30Z'));
    const live = new Set(['p1', 'd1', 'p2', 'p3']);

    const stats = roomStats([dropped, ended, call, emptied, waiting, abandoned], live, new Date('2026-05-01T09:10:00Z'));

    expect(stats.totals).toEqual({ rooms: 3, clients: 4, reconnecting: 1, calls: 1 });
    expect(stats.rooms.map((room) => [room.roomId, room.clients, room.reconnecting, room.started])).toEqual([
      ['waiting', 1, 0, false],
      ['call', 2, 0, true],
      ['dropped', 1, 1, true],
    ]);
    expect(stats.rooms[2]!.seats).toEqual([
      { role: 'DOCTOR', connected: false, joinedAt: '2026-05-01T09:05:00Z' },
      { role: 'PATIENT', connected: true, joinedAt: '2026-05-01T09:06:00Z' },
    ]);
    expect(JSON.stringify(stats)).not.toContain('Ortiz');
  });

  it('counts a seat whose socket is on a process that died as reconnecting', () => {
    const call = roomAfter('call', join(patient, 'p1', '2026-05-01T09:01:00Z'), join(doctor, 'd1', '2026-05-01T09:02:00Z'));
    const stats = roomStats([call], new Set(['p1']), new Date('2026-05-01T09:10:00Z'));
    expect(stats.totals).toEqual({ rooms: 1, clients: 1, reconnecting: 1, calls: 0 });
  });
});

describe(seedRoomStats.name, () => {
  it("answers in the seed documents' shape: the client ids connected now, per open room", () => {
    const call = roomAfter('call', join(patient, 'p1', '2026-05-01T09:01:00Z'), join(doctor, 'd1', '2026-05-01T09:02:00Z'));
    const waiting = roomAfter('b-waiting', join(patient, 'p2', '2026-05-01T09:00:00Z'));
    const abandoned = roomAfter('abandoned', join(patient, 'p6', '2026-05-01T09:03:00Z'));
    // The doctor's socket is on a process that died: only the patient counts.
    const stats = seedRoomStats([waiting, call, abandoned], new Set(['p1', 'p2']));
    expect(stats).toEqual({
      rooms: [
        { room_id: 'b-waiting', clients: ['patient-1'] },
        { room_id: 'call', clients: ['patient-1'] },
      ],
      total_rooms: 2,
      total_clients: 2,
    });
  });
});
