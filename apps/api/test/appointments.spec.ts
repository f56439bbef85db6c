import { AppointmentResponse } from '@telehealth/contracts';
import { VisitEvents } from '../src/common/visit-events';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

describe('appointments (REST, real database)', () => {
  let sut: TestApp;
  let doctor: TestUser;
  let patient: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut.close();
  });
  beforeEach(async () => {
    doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Rita Levi');
    patient = await signedInUser(sut, 'PATIENT', 'Omar Haddad');
  });

  function schedule(by: TestUser, body: Record<string, unknown>) {
    return sut.http.post('/api/appointments').set(bearer(by)).send(body);
  }

  it('schedules a visit with its room and session in the database', async () => {
    const startsAt = minutesFromNow(60);
    const response = await schedule(doctor, {
      patientId: patient.id,
      startsAt,
      durationMinutes: 30,
      reason: 'Follow-up on blood pressure',
    }).expect(201);
    const visit = response.body as AppointmentResponse;
    expect(visit).toMatchObject({
      doctor: { id: doctor.id, name: 'Dr. Rita Levi' },
      patient: { id: patient.id, name: 'Omar Haddad' },
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
      durationMinutes: 30,
      status: 'SCHEDULED',
      sessionStatus: 'WAITING',
      joinOpensAt: new Date(Date.parse(startsAt) - 10 * 60_000).toISOString(),
      // The clinic's cancel notice (PATIENT_CANCEL_NOTICE_MIN, 60 by default) before the start.
      patientCancelClosesAt: new Date(Date.parse(startsAt) - 60 * 60_000).toISOString(),
    });
    expect(visit.roomId).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const row = await sut.prisma.appointment.findUniqueOrThrow({ where: { id: visit.id }, include: { room: true, session: true } });
    expect(row.room?.id).toBe(visit.roomId);
    expect(row.session).toMatchObject({ id: visit.sessionId, status: 'WAITING', startedAt: null });
    const audit = await sut.prisma.auditLog.findFirst({ where: { entityId: visit.id, action: 'appointment.create' } });
    expect(audit?.actorId).toBe(doctor.id);
  });

  it('accepts an explicit end instead of a duration, in any offset, and answers in UTC', async () => {
    const response = await schedule(doctor, {
      patientId: patient.id,
      startsAt: '2031-03-04T09:00:00+01:00',
      endsAt: '2031-03-04T09:45:00+01:00',
      reason: 'Check-up',
    }).expect(201);
    expect(response.body).toMatchObject({ startsAt: '2031-03-04T08:00:00.000Z', endsAt: '2031-03-04T08:45:00.000Z', durationMinutes: 45 });
  });

  it('lets no patient schedule a visit (403)', async () => {
    const other = await signedInUser(sut, 'PATIENT');
    const response = await schedule(patient, {
      patientId: other.id,
      startsAt: minutesFromNow(60),
      durationMinutes: 30,
      reason: 'x',
    }).expect(403);
    expect(response.body).toEqual({ error: 'Only doctors may do this.', code: 403, reason: 'forbidden' });
    expect(await sut.prisma.appointment.count({ where: { patientId: other.id } })).toBe(0);
  });

  it('hides another doctor’s appointment behind a 404, so ids do not leak', async () => {
    const visit = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(90), durationMinutes: 20, reason: 'x' }).expect(201)
    ).body;
    const otherDoctor = await signedInUser(sut, 'DOCTOR');
    const stranger = await signedInUser(sut, 'PATIENT');
    const response = await sut.http.get(`/api/appointments/${visit.id}`).set(bearer(otherDoctor)).expect(404);
    expect(response.body).toEqual({ error: 'No appointment with this id was found.', code: 404, reason: 'not_found' });
    await sut.http.get(`/api/appointments/${visit.id}`).set(bearer(stranger)).expect(404);
    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(otherDoctor)).send({ status: 'CANCELLED' }).expect(404);
    await sut.http.get('/api/appointments/not-a-uuid').set(bearer(doctor)).expect(404);
    const own = await sut.http.get(`/api/appointments/${visit.id}`).set(bearer(patient)).expect(200);
    expect(own.body.id).toBe(visit.id);
  });

  it('books exactly one of 20 concurrent requests for overlapping slots of one doctor; the rest get 409', async () => {
    const base = Date.parse(minutesFromNow(24 * 60));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        schedule(doctor, {
          patientId: patient.id,
          startsAt: new Date(base + index * 60_000).toISOString(),
          durationMinutes: 30,
          reason: `race ${index}`,
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body).toEqual({ error: expect.stringContaining('overlaps another scheduled visit'), code: 409, reason: 'slot_taken' });
    }
    expect(await sut.prisma.appointment.count({ where: { doctorId: doctor.id } })).toBe(1);
    expect(await sut.prisma.room.count({ where: { appointment: { doctorId: doctor.id } } })).toBe(1);
  });

  it('lets back-to-back visits touch, and another doctor book the same time', async () => {
    const startsAt = minutesFromNow(3 * 60);
    await schedule(doctor, { patientId: patient.id, startsAt, durationMinutes: 30, reason: 'first' }).expect(201);
    const next = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
    await schedule(doctor, { patientId: patient.id, startsAt: next, durationMinutes: 30, reason: 'second' }).expect(201);
    const colleague = await signedInUser(sut, 'DOCTOR');
    await schedule(colleague, { patientId: patient.id, startsAt, durationMinutes: 30, reason: 'elsewhere' }).expect(201);
  });

  it('frees the slot when a visit is cancelled, by the doctor or by the patient', async () => {
    const startsAt = minutesFromNow(5 * 60);
    const first = (await schedule(doctor, { patientId: patient.id, startsAt, durationMinutes: 30, reason: 'x' }).expect(201)).body;
    const cancelled = await sut.http.patch(`/api/appointments/${first.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    const second = (await schedule(doctor, { patientId: patient.id, startsAt, durationMinutes: 30, reason: 'y' }).expect(201)).body;
    await sut.http.patch(`/api/appointments/${second.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const again = await sut.http.patch(`/api/appointments/${second.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(409);
    expect(again.body.error).toContain('cancelled');
    const audit = await sut.prisma.auditLog.count({ where: { entityId: { in: [first.id, second.id] }, action: 'appointment.cancel' } });
    expect(audit).toBe(2);
  });

  it('reschedules for the doctor, refuses an overlap with 409, and lets a patient only cancel', async () => {
    const visit = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(6 * 60), durationMinutes: 30, reason: 'x' }).expect(201)
    ).body;
    const blocker = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(8 * 60), durationMinutes: 30, reason: 'y' }).expect(201)
    ).body;

    // Computed once: a minute that turns between asking and checking would move the expected start.
    const newStart = minutesFromNow(7 * 60);
    const moved = await sut.http
      .patch(`/api/appointments/${visit.id}`)
      .set(bearer(doctor))
      .send({ startsAt: newStart, durationMinutes: 45 })
      .expect(200);
    expect(moved.body).toMatchObject({ startsAt: newStart, durationMinutes: 45, status: 'SCHEDULED' });

    const clash = await sut.http
      .patch(`/api/appointments/${visit.id}`)
      .set(bearer(doctor))
      .send({ startsAt: blocker.startsAt, durationMinutes: 30 })
      .expect(409);
    expect(clash.body.error).toContain('overlaps');
    const unchanged = await sut.http.get(`/api/appointments/${visit.id}`).set(bearer(doctor)).expect(200);
    expect(unchanged.body.startsAt).toBe(newStart);

    const byPatient = await sut.http
      .patch(`/api/appointments/${visit.id}`)
      .set(bearer(patient))
      .send({ startsAt: minutesFromNow(9 * 60), durationMinutes: 30 })
      .expect(403);
    expect(byPatient.body.error).toContain('Only the doctor can reschedule');
  });

  it('lists the caller’s own upcoming visits soonest first and past ones latest first, paginated', async () => {
    const other = await signedInUser(sut, 'PATIENT');
    for (const hours of [30, 10, 20]) {
      await schedule(doctor, {
        patientId: patient.id,
        startsAt: minutesFromNow(hours * 60),
        durationMinutes: 30,
        reason: `in ${hours}h`,
      }).expect(201);
    }
    await schedule(doctor, { patientId: other.id, startsAt: minutesFromNow(40 * 60), durationMinutes: 30, reason: 'someone else' }).expect(
      201,
    );
    const cancelled = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(50 * 60), durationMinutes: 30, reason: 'cancelled' }).expect(
        201,
      )
    ).body;
    await sut.http.patch(`/api/appointments/${cancelled.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);

    // A cancelled visit stays among the upcoming ones, marked cancelled, until its start passes.
    const page1 = await sut.http.get('/api/appointments?scope=upcoming&pageSize=2').set(bearer(patient)).expect(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 4 });
    expect(page1.body.items.map((item: AppointmentResponse) => item.reason)).toEqual(['in 10h', 'in 20h']);
    const page2 = await sut.http.get('/api/appointments?scope=upcoming&pageSize=2&page=2').set(bearer(patient)).expect(200);
    expect(page2.body.items.map((item: AppointmentResponse) => [item.reason, item.status])).toEqual([
      ['in 30h', 'SCHEDULED'],
      ['cancelled', 'CANCELLED'],
    ]);
    const beyond = await sut.http.get('/api/appointments?scope=upcoming&pageSize=2&page=3').set(bearer(patient)).expect(200);
    expect(beyond.body).toEqual({ items: [], page: 3, pageSize: 2, total: 4 });
    expect(page1.body.items[0]).toMatchObject({
      doctor: { id: doctor.id },
      patient: { id: patient.id },
      status: 'SCHEDULED',
      sessionStatus: 'WAITING',
      cancelledAt: null,
    });

    const startsAt = new Date(Date.now() - 60 * 60_000);
    await sut.prisma.appointment.update({
      where: { id: cancelled.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) },
    });
    const past = await sut.http.get('/api/appointments?scope=past').set(bearer(patient)).expect(200);
    expect(past.body.items.map((item: AppointmentResponse) => item.reason)).toEqual(['cancelled']);
    const doctors = await sut.http.get('/api/appointments').set(bearer(doctor)).expect(200);
    expect(doctors.body.total).toBe(4);

    const bad = await sut.http.get('/api/appointments?scope=tomorrow').set(bearer(patient)).expect(400);
    expect(bad.body).toEqual({ error: 'scope: must be upcoming or past', code: 400, reason: 'validation_failed' });
  });

  it('announces a booking, a reschedule and a cancel once each, after it committed; a refused change announces nothing', async () => {
    const seen: Array<{ id: string; status: string; startsAt: string }> = [];
    const stop = sut.app.get(VisitEvents).onChanged(async (id) => {
      // Read on another connection: the change is visible there only once it committed.
      const row = await sut.prisma.appointment.findUnique({ where: { id } });
      if (row?.doctorId === doctor.id) seen.push({ id, status: row.status, startsAt: row.startsAt.toISOString() });
    });
    try {
      const visit = (
        await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(4 * 60), durationMinutes: 30, reason: 'x' }).expect(201)
      ).body as AppointmentResponse;
      await sut.http
        .patch(`/api/appointments/${visit.id}`)
        .set(bearer(doctor))
        .send({ startsAt: minutesFromNow(5 * 60), durationMinutes: 30 })
        .expect(200);
      await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
      await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(409);
      expect(seen).toEqual([
        { id: visit.id, status: 'SCHEDULED', startsAt: minutesFromNow(4 * 60) },
        { id: visit.id, status: 'SCHEDULED', startsAt: minutesFromNow(5 * 60) },
        { id: visit.id, status: 'CANCELLED', startsAt: minutesFromNow(5 * 60) },
      ]);
    } finally {
      stop();
    }
  });

  it('lets a patient cancel only until PATIENT_CANCEL_NOTICE_MIN before the start (409 too_late), a doctor until the visit begins', async () => {
    const soon = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(59), durationMinutes: 30, reason: 'soon' }).expect(201)
    ).body as AppointmentResponse;
    const refused = await sut.http.patch(`/api/appointments/${soon.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(409);
    expect(refused.body).toMatchObject({ code: 409, reason: 'too_late', error: expect.stringContaining('contact the clinic') });
    const later = (
      await schedule(doctor, { patientId: patient.id, startsAt: minutesFromNow(120), durationMinutes: 30, reason: 'later' }).expect(201)
    ).body as AppointmentResponse;
    await sut.http.patch(`/api/appointments/${later.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
    await sut.http.patch(`/api/appointments/${soon.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
  });

  it('names the field of every invalid schedule request and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ startsAt: minutesFromNow(60), durationMinutes: 30, reason: 'x' }, /^patientId: /],
      [{ patientId: patient.id, startsAt: 'tomorrow at nine', durationMinutes: 30, reason: 'x' }, /^startsAt: must be an ISO 8601/],
      [{ patientId: patient.id, startsAt: minutesFromNow(60), reason: 'x' }, /^durationMinutes: is required/],
      [{ patientId: patient.id, startsAt: minutesFromNow(60), durationMinutes: 2, reason: 'x' }, /^durationMinutes: must be at least 5/],
      [{ patientId: patient.id, startsAt: minutesFromNow(60), endsAt: minutesFromNow(50), reason: 'x' }, /^endsAt: must be between/],
      [{ patientId: patient.id, startsAt: minutesFromNow(60), durationMinutes: 30, reason: '' }, /^reason: is required/],
      [{ patientId: patient.id, startsAt: minutesFromNow(-120), durationMinutes: 30, reason: 'x' }, /^startsAt: must not be in the past/],
      [{ patientId: doctor.id, startsAt: minutesFromNow(60), durationMinutes: 30, reason: 'x' }, /^patientId: no patient has this id/],
    ];
    for (const [body, message] of cases) {
      const response = await schedule(doctor, body).expect(400);
      expect(response.body.code).toBe(400);
      expect(response.body.error).toMatch(message);
    }
    expect(await sut.prisma.appointment.count({ where: { doctorId: doctor.id } })).toBe(0);
  });

  it('finds patients by name or email for a doctor only', async () => {
    const found = await sut.http.get('/api/patients').query({ query: 'omar had' }).set(bearer(doctor)).expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toContain(patient.id);
    expect(found.body.items.every((item: { email: string }) => typeof item.email === 'string')).toBe(true);
    await sut.http.get('/api/patients').query({ query: 'omar' }).set(bearer(patient)).expect(403);
  });
});
