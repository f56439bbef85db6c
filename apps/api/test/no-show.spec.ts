import type { AppointmentResponse } from '@telehealth/contracts';
import { NoShowSweepService } from '../src/appointments/no-show-sweep.service';
import { VisitEvents } from '../src/common/visit-events';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

describe('NO_SHOW sweep (real database)', () => {
  let sut: TestApp;
  let sweeper: NoShowSweepService;
  let doctor: TestUser;
  let patient: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    sweeper = sut.app.get(NoShowSweepService);
  });
  afterAll(async () => {
    await sut.close();
  });
  beforeEach(async () => {
    doctor = await signedInUser(sut, 'DOCTOR');
    patient = await signedInUser(sut, 'PATIENT');
  });

  let offsetDays = 0;
  /** A visit booked through the API, then moved to the past (the API refuses to book one there). */
  async function visit(
    hoursFromNow: number,
    session: { status?: 'WAITING' | 'ACTIVE' | 'ENDED'; started?: boolean } = {},
  ): Promise<AppointmentResponse> {
    offsetDays += 1;
    const booked = (
      await sut.http
        .post('/api/appointments')
        .set(bearer(doctor))
        .send({ patientId: patient.id, startsAt: minutesFromNow(60 * 24 * (30 + offsetDays)), durationMinutes: 30, reason: 'Check-up' })
        .expect(201)
    ).body as AppointmentResponse;
    const startsAt = new Date(Date.now() + hoursFromNow * 3600_000);
    await sut.prisma.appointment.update({
      where: { id: booked.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) },
    });
    if (session.status || session.started) {
      await sut.prisma.session.update({
        where: { id: booked.sessionId },
        data: { status: session.status ?? 'ACTIVE', startedAt: session.started ? startsAt : null },
      });
    }
    return booked;
  }

  const statusOf = async (appointment: AppointmentResponse) =>
    (await sut.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status;

  it('marks a visit nobody joined NO_SHOW once its time is over, and leaves started, running and future visits alone', async () => {
    const missed = await visit(-2);
    const patientWaitedAlone = await visit(-3); // someone waited, but the two were never together
    await sut.prisma.sessionEvent.create({ data: { sessionId: patientWaitedAlone.sessionId, type: 'WAITING', userId: patient.id } });
    const runningOver = await visit(-1, { status: 'ACTIVE', started: true });
    const endedUncompleted = await visit(-4, { status: 'ENDED', started: true });
    const stillOpen = await visit(-0.25); // started 15 min ago, ends in 15 min: the window is still open
    const future = await visit(5);

    const marked = await sweeper.sweep();
    expect(marked).toEqual(expect.arrayContaining([missed.id, patientWaitedAlone.id]));
    expect(marked).not.toEqual(expect.arrayContaining([runningOver.id]));
    expect(await statusOf(missed)).toBe('NO_SHOW');
    expect(await statusOf(patientWaitedAlone)).toBe('NO_SHOW');
    for (const untouched of [runningOver, endedUncompleted, stillOpen, future]) expect(await statusOf(untouched)).toBe('SCHEDULED');

    const shown = (await sut.http.get(`/api/appointments/${missed.id}`).set(bearer(patient)).expect(200)).body as AppointmentResponse;
    expect(shown.status).toBe('NO_SHOW');
    const history = (await sut.http.get('/api/sessions').set(bearer(patient)).expect(200)).body;
    expect(history.items.find((item: { id: string }) => item.id === missed.sessionId)).toMatchObject({
      appointmentStatus: 'NO_SHOW',
      status: 'WAITING',
    });
    expect(await sut.prisma.auditLog.count({ where: { entityId: missed.id, action: 'appointment.no-show', actorId: null } })).toBe(1);
  });

  it('leaves cancelled visits cancelled and marks (and announces) each missed visit once, even with sweeps running at the same time', async () => {
    const cancelled = await visit(2);
    await sut.http.patch(`/api/appointments/${cancelled.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
    await sut.prisma.appointment.update({
      where: { id: cancelled.id },
      data: { startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 4.5 * 3600_000) },
    });
    const missed = await visit(-6);

    const announced: string[] = [];
    const stop = sut.app.get(VisitEvents).onChanged((id) => {
      if (id === missed.id || id === cancelled.id) announced.push(id);
    });
    const results = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]).finally(stop);
    expect(announced).toEqual([missed.id]);
    expect(results.filter((ids) => ids.includes(missed.id))).toHaveLength(1);
    expect(results.some((ids) => ids.includes(cancelled.id))).toBe(false);
    expect(await statusOf(cancelled)).toBe('CANCELLED');
    expect(await statusOf(missed)).toBe('NO_SHOW');
    expect(await sut.prisma.auditLog.count({ where: { entityId: missed.id, action: 'appointment.no-show' } })).toBe(1);
    expect(await sweeper.sweep()).not.toContain(missed.id);
  });
});
