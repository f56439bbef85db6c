import { Client } from 'pg';
import { ApiProcess, startApiProcess, startFailoverProxy, visitBookedNowOn } from './api-process';
import { ClientSocket, connectSignaling, next, request } from './signaling-client';

// Most of each test is starting two API processes, many seconds each on a loaded machine (tens
// of seconds seen): the tests' timeouts leave room for that. The waits on the call itself are the
// short ones inside.
describe('an API process going away mid-call (two processes behind Redis)', () => {
  const nodes: ApiProcess[] = [];
  const sockets: ClientSocket[] = [];
  let proxy: Awaited<ReturnType<typeof startFailoverProxy>> | undefined;

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await proxy?.close();
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
  });

  it('moves the patient’s socket to the other process on SIGTERM; the call goes on and no timeline event is lost', async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess(), startApiProcess()]);
    nodes.push(nodeA, nodeB);
    proxy = await startFailoverProxy(() => [nodeA.port, nodeB.port]);
    const { doctor, patient, appointment } = await visitBookedNowOn(nodeB.url, 'Dr. Mira Stone', 'Jonas Weil', 'Failover');

    // The patient comes in through the balancer (landing on A); the doctor sits on B.
    const patientSocket = await connectSignaling(proxy.url, patient.accessToken);
    const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });
    const socketId = patientSocket.id;

    // Node A stops accepting connections before it lets go of the socket: the browser's
    // reconnection can only land on B, first try (back on A it would meet a process closing down).
    const failedAttempts: string[] = [];
    patientSocket.on('connect_error', (error) => failedAttempts.push(error.message));
    const reconnecting = next(doctorSocket, 'peer-reconnecting', 10_000);
    const resumed = next(doctorSocket, 'peer-joined', 20_000);
    // The doctor can hear of the resumed seat before the patient's own client has read its connect
    // packet (CI once saw the id still unset): the patient's side is checked once it says it is back.
    const patientBack = new Promise<void>((resolve) => patientSocket.once('connect', () => resolve()));
    await nodeA.stop('SIGTERM');
    expect(nodeA.child.exitCode).toBe(0);
    await reconnecting;
    expect(await resumed).toMatchObject({ peer: { userId: patient.user.id }, resumed: true });
    await patientBack;
    expect(patientSocket.id).toBe(socketId);
    expect(patientSocket.recovered).toBe(true);
    expect(failedAttempts).toEqual([]);

    const offer = next(patientSocket, 'offer');
    await request(doctorSocket, 'offer', { sdp: 'v=0 after failover' });
    expect((await offer).sdp).toBe('v=0 after failover');
    const chat = next(doctorSocket, 'chat-message');
    expect(await request(patientSocket, 'chat-message', { body: 'Still with you' })).toMatchObject({ ok: true });
    expect((await chat).body).toBe('Still with you');

    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ type: string; user_id: string }>(
        `SELECT type, user_id FROM session_events WHERE session_id = $1 ORDER BY occurred_at`,
        [appointment.sessionId],
      );
      expect(rows.map((row) => row.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED', 'RECONNECTED']);
    } finally {
      await db.end();
    }
  }, 180_000);

  it('tells the doctor when a patient dropped by a process that shut down never comes back', async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess({ RECONNECT_GRACE_S: '2' }), startApiProcess({ RECONNECT_GRACE_S: '2' })]);
    nodes.push(nodeA, nodeB);
    const { doctor, patient, appointment } = await visitBookedNowOn(nodeB.url, 'Dr. Ida Moe', 'Per Holm', 'Gone for good');
    // The patient's browser is closed as node A shuts down: it will not reconnect anywhere.
    const patientSocket = await connectSignaling(nodeA.url, patient.accessToken, { reconnection: false });
    const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);
    await request(patientSocket, 'join-room', { roomId: appointment.roomId });
    await request(doctorSocket, 'join-room', { roomId: appointment.roomId });

    const reconnecting = next(doctorSocket, 'peer-reconnecting', 10_000);
    const left = next(doctorSocket, 'peer-left', 15_000);
    await nodeA.stop('SIGTERM');
    await reconnecting;
    // Node A saw the drop and is gone; node B ends the grace it started.
    expect(await left).toMatchObject({ peer: { userId: patient.user.id } });
    expect(await request(doctorSocket, 'offer', { sdp: 'v=0 anyone?' })).toMatchObject({ ok: true });
  }, 180_000);

  it('survives a crash (SIGKILL) of the patient’s process: the browser rejoins through the balancer and the call starts again', async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess(), startApiProcess()]);
    nodes.push(nodeA, nodeB);
    const balancer = await startFailoverProxy(() => [nodeA.port, nodeB.port]);
    try {
      const { doctor, patient, appointment } = await visitBookedNowOn(nodeB.url, 'Dr. Pia Lund', 'Ole Brandt', 'Crash');
      const patientSocket = await connectSignaling(balancer.url, patient.accessToken);
      const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
      sockets.push(patientSocket, doctorSocket);
      await request(patientSocket, 'join-room', { roomId: appointment.roomId });
      await request(doctorSocket, 'join-room', { roomId: appointment.roomId });

      // Nothing is handed over in a crash: the browser reconnects (to B) and joins again, as the call engine does.
      const reconnected = new Promise<void>((resolve) => patientSocket.io.once('reconnect', () => resolve()));
      await nodeA.stop('SIGKILL');
      await reconnected;
      expect(patientSocket.recovered).toBe(false);
      const introduced = next(doctorSocket, 'peer-joined', 10_000);
      expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({
        ok: true,
        peers: [{ userId: doctor.user.id }],
      });
      expect(await introduced).toMatchObject({ peer: { userId: patient.user.id }, resumed: false });
      const offer = next(patientSocket, 'offer');
      await request(doctorSocket, 'offer', { sdp: 'v=0 after crash' });
      expect((await offer).sdp).toBe('v=0 after crash');

      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query<{ type: string }>(`SELECT type FROM session_events WHERE session_id = $1 ORDER BY occurred_at`, [
          appointment.sessionId,
        ]);
        // Everything written before the crash is there, and the new start is recorded after it.
        expect(rows.map((row) => row.type)).toEqual(['JOINED', 'WAITING', 'JOINED', 'PEER_JOINED', 'JOINED', 'PEER_JOINED']);
      } finally {
        await db.end();
      }
    } finally {
      await balancer.close();
    }
  }, 180_000);
});
