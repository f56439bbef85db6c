import { connectSignaling, request } from './signaling-client';
import { bearer, minutesFromNow, startTestApp, TestApp, TestUser, visitStartingNow } from './test-app';

/** One state machine for appointment + session: what the API refuses once a visit has begun. */
describe('a visit in progress (real database, real sockets)', () => {
  let sut: TestApp;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    // Its patients cancel visits that start now: no cancellation notice here (it has specs of its own).
    sut = await startTestApp({ PATIENT_CANCEL_NOTICE_MIN: '0' }, { listen: true });
  });
  afterAll(async () => {
    closers.forEach((close) => close());
    await sut.close();
  });

  async function join(user: TestUser, roomId: string) {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR' });
    closers.push(() => socket.close());
    expect(await request(socket, 'join-room', { roomId })).toMatchObject({ ok: true });
    return socket;
  }

  it('refuses to cancel or reschedule a visit whose call has begun; the doctor still ends it and writes notes', async () => {
    const visit = await visitStartingNow(sut);
    await join(visit.patient, visit.appointment.roomId);
    const doctorSocket = await join(visit.doctor, visit.appointment.roomId);
    for (let attempt = 0; attempt < 50; attempt++) {
      const row = await sut.prisma.session.findUniqueOrThrow({ where: { id: visit.appointment.sessionId } });
      if (row.status === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const cancel = await sut.http
      .patch(`/api/appointments/${visit.appointment.id}`)
      .set(bearer(visit.patient))
      .send({ status: 'CANCELLED' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatch(/in progress/);
    const reschedule = await sut.http
      .patch(`/api/appointments/${visit.appointment.id}`)
      .set(bearer(visit.doctor))
      .send({ startsAt: minutesFromNow(120), durationMinutes: 20 });
    expect(reschedule.status).toBe(409);

    expect(await request(doctorSocket, 'end-session')).toMatchObject({ ok: true });
    const after = await sut.http.get(`/api/appointments/${visit.appointment.id}`).set(bearer(visit.doctor)).expect(200);
    expect(after.body).toMatchObject({ status: 'COMPLETED', sessionStatus: 'ENDED' });
    await sut.http
      .put(`/api/sessions/${visit.appointment.sessionId}/notes`)
      .set(bearer(visit.doctor))
      .send({ body: 'Seen.', baseVersion: 0 })
      .expect(200);
  });

  it('lets a visit whose patient is only waiting be cancelled, and then nobody can end or join it', async () => {
    const visit = await visitStartingNow(sut);
    await join(visit.patient, visit.appointment.roomId);
    await sut.http.patch(`/api/appointments/${visit.appointment.id}`).set(bearer(visit.patient)).send({ status: 'CANCELLED' }).expect(200);
    const end = await sut.http.post(`/api/sessions/${visit.appointment.sessionId}/end`).set(bearer(visit.doctor));
    expect(end.status).toBe(409);
    const doctorSocket = await connectSignaling(sut.url, visit.doctor.token, { doctor: true });
    closers.push(() => doctorSocket.close());
    expect(await request(doctorSocket, 'join-room', { roomId: visit.appointment.roomId })).toEqual({
      ok: false,
      code: 409,
      error: 'This visit was cancelled.',
      reason: 'visit_cancelled',
    });
  });

  it('a cancel racing the moment both arrive leaves one consistent visit: either cancelled and never started, or in progress and not cancelled', async () => {
    for (let round = 0; round < 8; round++) {
      const visit = await visitStartingNow(sut);
      await join(visit.patient, visit.appointment.roomId);
      const doctorSocket = await connectSignaling(sut.url, visit.doctor.token, { doctor: true });
      closers.push(() => doctorSocket.close());
      await Promise.all([
        request(doctorSocket, 'join-room', { roomId: visit.appointment.roomId }),
        sut.http.patch(`/api/appointments/${visit.appointment.id}`).set(bearer(visit.patient)).send({ status: 'CANCELLED' }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const appointment = await sut.prisma.appointment.findUniqueOrThrow({
        where: { id: visit.appointment.id },
        include: { session: true },
      });
      const cancelledAndStarted = appointment.status === 'CANCELLED' && appointment.session!.status !== 'WAITING';
      expect({ round, status: appointment.status, session: appointment.session!.status, cancelledAndStarted }).toMatchObject({
        cancelledAndStarted: false,
      });
    }
  });
});
