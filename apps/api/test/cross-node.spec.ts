import type { EndSessionResponse, JoinRoomResult, RoomStatsResponse } from '@telehealth/contracts';
import { accountsOn, ApiProcess, startApiProcess, visitBookedNowOn } from './api-process';
import { ClientSocket, connectSignaling, next, request } from './signaling-client';

describe('two API processes sharing PostgreSQL and Redis', () => {
  const nodes: ApiProcess[] = [];
  const sockets: ClientSocket[] = [];

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(nodes.map((node) => node.stop()));
  });

  it('runs a whole visit with the patient on one node and the doctor on the other', async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess(), startApiProcess()]);
    nodes.push(nodeA, nodeB);
    const { doctor, patient, appointment } = await visitBookedNowOn(nodeB.url, 'Dr. Noor Aziz', 'Kim Lund', 'Cross-node visit');

    const patientSocket = await connectSignaling(nodeA.url, patient.accessToken);
    const doctorSocket = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    sockets.push(patientSocket, doctorSocket);

    // Waiting room: the patient waits on node A, the doctor's dashboard on node B hears of it.
    const rings = next(doctorSocket, 'waiting-room-updated');
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    expect((await rings).waiting.map((entry) => entry.patient.name)).toEqual(['Kim Lund']);

    const introducedToPatient = next(patientSocket, 'peer-joined');
    const joined = await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId: appointment.roomId });
    expect(joined).toMatchObject({ ok: true, peers: [{ userId: patient.user.id }] });
    expect(await introducedToPatient).toMatchObject({ peer: { userId: doctor.user.id }, polite: true });

    const offer = next(patientSocket, 'offer');
    await request(doctorSocket, 'offer', { sdp: 'v=0 from node B' });
    expect(await offer).toEqual({ sdp: 'v=0 from node B', from: doctor.user.id });
    const answer = next(doctorSocket, 'answer');
    await request(patientSocket, 'answer', { sdp: 'v=0 from node A' });
    expect(await answer).toEqual({ sdp: 'v=0 from node A', from: patient.user.id });
    const candidate = next(doctorSocket, 'ice-candidate');
    await request(patientSocket, 'ice-candidate', { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } });
    expect((await candidate).from).toBe(patient.user.id);

    const chat = next(patientSocket, 'chat-message');
    await request(doctorSocket, 'chat-message', { body: 'Hello from the other node' });
    expect(await chat).toMatchObject({ body: 'Hello from the other node', senderName: 'Dr. Noor Aziz' });

    // The admin's overview, asked of node A, counts the doctor's socket on node B too.
    const [admin] = await accountsOn(nodeA.url, [{ name: 'Clinic Admin', role: 'ADMIN' }]);
    const stats = (await (
      await fetch(`${nodeA.url}/api/rooms/stats`, { headers: { Authorization: `Bearer ${admin!.accessToken}` } })
    ).json()) as RoomStatsResponse;
    expect(stats.rooms.find((room) => room.roomId === appointment.roomId)).toMatchObject({
      sessionId: appointment.sessionId,
      clients: 2,
      reconnecting: 0,
      started: true,
    });

    const left = next(doctorSocket, 'peer-left');
    await request(patientSocket, 'leave-room');
    expect(await left).toMatchObject({ peer: { userId: patient.user.id } });

    // The doctor ends the visit from its record through node A: the doctor's open call on node B is told.
    const ended = next(doctorSocket, 'session-ended');
    const response = await fetch(`${nodeA.url}/api/sessions/${appointment.sessionId}/end`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doctor.accessToken}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as EndSessionResponse;
    expect(await ended).toEqual({ sessionId: appointment.sessionId, endedBy: doctor.user.id, endedAt: body.endedAt });
  }, 90_000);

  it("signs out on one node and closes the account's sockets on the other, which then refuses the token", async () => {
    const [nodeA, nodeB] = await Promise.all([startApiProcess(), startApiProcess()]);
    nodes.push(nodeA, nodeB);
    const { doctor } = await visitBookedNowOn(nodeA.url, 'Dr. Sam Roe', 'Ida Holm', 'Sign-out visit');
    const dashboard = await connectSignaling(nodeB.url, doctor.accessToken, { doctor: true });
    sockets.push(dashboard);
    const closed = new Promise<string>((resolve) => {
      dashboard.once('disconnect', resolve);
      setTimeout(() => resolve('still connected after 10 s'), 10_000).unref();
    });

    const response = await fetch(`${nodeA.url}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${doctor.accessToken}` },
    });
    expect(response.status).toBe(204);

    expect(await closed).toBe('io server disconnect');
    await expect(connectSignaling(nodeB.url, doctor.accessToken, { reconnection: false })).rejects.toMatchObject({ data: { code: 401 } });
  }, 90_000);
});
