import { Client } from 'pg';
import { ApiProcess, startApiProcess, visitBookedNowOn } from './api-process';
import { ClientSocket, connectSignaling, next, pause, record, request } from './signaling-client';

const GRACE_S = 2;
const LEASE_MS = 1_500;
/** Room for a loaded CI machine: the sweep, the room's update in Redis, the emit. */
const MARGIN_MS = 3_000;
const settings = { RECONNECT_GRACE_S: String(GRACE_S), LEASE_MS: String(LEASE_MS) };

interface TimelineRow {
  type: string;
  user_id: string;
  detail: Record<string, string> | null;
}

/** The session's timeline; the rows of a transition are written just after its peers are told, so it is read until `done`. */
async function timelineOf(sessionId: string, done: (rows: TimelineRow[]) => boolean): Promise<TimelineRow[]> {
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  try {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { rows } = await db.query<TimelineRow>(
        `SELECT type, user_id, detail FROM session_events WHERE session_id = $1 ORDER BY occurred_at`,
        [sessionId],
      );
      if (done(rows) || Date.now() > deadline) return rows;
      await pause(100);
    }
  } finally {
    await db.end();
  }
}

// Starting API processes takes seconds, many more on a loaded machine: the tests' timeouts leave
// room for that. The waits that matter are the measured ones inside.
describe('an API process killed (SIGKILL) mid-call: its seats are leases nobody renews', () => {
  const nodes: ApiProcess[] = [];
  const sockets: ClientSocket[] = [];
  let survivor: ApiProcess;
  let doomed: ApiProcess[] = [];

  beforeAll(async () => {
    const started = await Promise.all([startApiProcess(settings), startApiProcess(settings), startApiProcess(settings)]);
    nodes.push(...started);
    [survivor, ...doomed] = started;
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
  });

  it('tells the doctor on the other process that the patient is reconnecting, then left, within grace + lease', async () => {
    const killed = doomed[0]!;
    const { doctor, patient, appointment } = await visitBookedNowOn(survivor.url, 'Dr. Lea Berg', 'Tom Falk', 'Killed process');
    // The patient's browser goes with its process (a laptop closed as the node dies): it never comes back.
    const patientSocket = await connectSignaling(killed.url, patient.accessToken, { reconnection: false });
    const doctorSocket = await connectSignaling(survivor.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    expect(await request(doctorSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });

    const reconnecting = next(doctorSocket, 'peer-reconnecting', LEASE_MS + MARGIN_MS);
    const left = next(doctorSocket, 'peer-left', GRACE_S * 1000 + LEASE_MS + MARGIN_MS);
    const killedAt = Date.now();
    await killed.stop('SIGKILL');
    expect(killed.child.signalCode).toBe('SIGKILL');

    expect(await reconnecting).toMatchObject({ peer: { userId: patient.user.id }, graceSeconds: GRACE_S });
    const reconnectingAfter = Date.now() - killedAt;
    expect(await left).toMatchObject({ peer: { userId: patient.user.id } });
    const leftAfter = Date.now() - killedAt;
    // The grace starts when the lapsed lease is found, so it is whole: never told sooner.
    expect(leftAfter - reconnectingAfter).toBeGreaterThanOrEqual(GRACE_S * 1000 - 500);
    expect(leftAfter).toBeLessThan(GRACE_S * 1000 + LEASE_MS + MARGIN_MS);

    // The doctor's call goes on alone, and the room says nobody else is there.
    expect(await request(doctorSocket, 'offer', { sdp: 'v=0 anyone?' })).toMatchObject({ ok: true });
    const rows = await timelineOf(appointment.sessionId, (found) => found.some((row) => row.type === 'LEFT'));
    expect(rows.map((row) => row.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED', 'LEFT']);
    expect(rows[4]).toMatchObject({ user_id: patient.user.id, detail: { reason: 'timeout' } });
  }, 120_000);

  it('gives the seat back to a patient who returns on the other process within the grace: reconnected, never left', async () => {
    const killed = doomed[1]!;
    const { doctor, patient, appointment } = await visitBookedNowOn(survivor.url, 'Dr. Ana Roos', 'Eli Sand', 'Killed, then back');
    const patientSocket = await connectSignaling(killed.url, patient.accessToken, { reconnection: false });
    const doctorSocket = await connectSignaling(survivor.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    const departures = record(doctorSocket, 'peer-left');

    const reconnecting = next(doctorSocket, 'peer-reconnecting', LEASE_MS + MARGIN_MS);
    await killed.stop('SIGKILL');
    await reconnecting;

    // The browser comes back through another process and joins again, as the call engine does.
    const returned = await connectSignaling(survivor.url, patient.accessToken);
    sockets.push(returned);
    const introduced = next(doctorSocket, 'peer-joined', 5_000);
    expect(await request(returned, 'join-room', { roomId: appointment.roomId })).toMatchObject({
      ok: true,
      peers: [{ userId: doctor.user.id }],
    });
    expect(await introduced).toMatchObject({ peer: { userId: patient.user.id } });

    // Past the grace the seat is still the patient's: the dropped seat's deadline finds a newer socket in it.
    await pause(GRACE_S * 1000 + 1_000);
    expect(departures).toEqual([]);
    const rows = await timelineOf(appointment.sessionId, (found) => found.length >= 6);
    expect(rows.map((row) => row.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED', 'RECONNECTED', 'PEER_JOINED']);
  }, 120_000);
});
