import type { AppointmentResponse } from '@telehealth/contracts';
import { ZAuditLogPageSchema, ZClinicVisitDetailSchema, ZClinicVisitPageSchema } from '@telehealth/contracts';
import { ClientSocket, connectSignaling, holdVisit, request } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

const REASON = 'Persistent chest tightness after exercise';
const CHAT_LINE = 'It hurts most on the left side.';
const WAITING_TEXT = 'Running five minutes late, sorry';
const NOTES = 'Suspected angina: ECG ordered.';

describe("the clinic's visits for admins, and the audit log in words (REST, real sockets, real database)", () => {
  let sut: TestApp;
  let admin: TestUser;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
    admin = await signedInUser(sut, 'ADMIN', 'Ana Ruiz');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function book(doctor: TestUser, patient: TestUser, startsInMinutes: number): Promise<AppointmentResponse> {
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(startsInMinutes), durationMinutes: 30, reason: REASON })
      .expect(201);
    return response.body as AppointmentResponse;
  }

  async function connect(user: TestUser): Promise<ClientSocket> {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  /** The patient waits, the doctor writes to the waiting room, joins, they chat, the doctor ends it and writes notes. */
  async function heldVisit(appointment: AppointmentResponse, doctor: TestUser, patient: TestUser): Promise<void> {
    const [patientSocket, doctorSocket] = [await connect(patient), await connect(doctor)];
    await holdVisit({
      roomId: appointment.roomId,
      doctorSocket,
      patientSocket,
      chatLine: CHAT_LINE,
      whileWaiting: async () =>
        expect(await request(doctorSocket, 'waiting-message', { roomId: appointment.roomId, text: WAITING_TEXT })).toMatchObject({
          ok: true,
        }),
    });
    await sut.http
      .put(`/api/sessions/${appointment.sessionId}/notes`)
      .set(bearer(doctor))
      .send({ body: NOTES, baseVersion: 0 })
      .expect(200);
  }

  async function visits(query: Record<string, string | number>) {
    return ZClinicVisitPageSchema.parse((await sut.http.get('/api/admin/visits').query(query).set(bearer(admin)).expect(200)).body);
  }

  it("lists the clinic's visits upcoming, in progress and past, filtered by doctor, status and dates, paged", async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Jonas Berg');
    const patient = await signedInUser(sut, 'PATIENT', 'Sam Lee');
    const held = await book(doctor, patient, 0);
    await heldVisit(held, doctor, patient);
    const next1 = await book(doctor, patient, 3 * 24 * 60);
    const next2 = await book(doctor, patient, 2 * 24 * 60);
    const cancelled = await book(doctor, patient, 4 * 24 * 60);
    await sut.http.patch(`/api/appointments/${cancelled.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);

    const upcoming = await visits({ doctorId: doctor.id, phase: 'upcoming' });
    // Soonest first; the cancelled visit stays where it would have been, marked cancelled (it is not a past visit).
    expect(upcoming.items.map((visit) => visit.appointmentId)).toEqual([next2.id, next1.id, cancelled.id]);
    expect(upcoming.items[2]).toMatchObject({ appointmentStatus: 'CANCELLED', phase: 'upcoming' });
    const past = await visits({ doctorId: doctor.id, phase: 'past' });
    expect(past.items).toEqual([
      expect.objectContaining({
        id: held.sessionId,
        phase: 'past',
        appointmentStatus: 'COMPLETED',
        status: 'ENDED',
        doctor: { id: doctor.id, name: 'Dr. Jonas Berg', timeZone: 'Europe/Berlin' },
        patient: { id: patient.id, name: 'Sam Lee', timeZone: 'Europe/Berlin' },
        endedBy: { id: doctor.id, name: 'Dr. Jonas Berg' },
      }),
    ]);
    expect((await visits({ doctorId: doctor.id, phase: 'in-progress' })).total).toBe(0);
    expect((await visits({ doctorId: doctor.id, status: 'CANCELLED' })).items.map((visit) => visit.appointmentId)).toEqual([cancelled.id]);
    const dayAfterTomorrow = await visits({
      doctorId: doctor.id,
      from: minutesFromNow(2 * 24 * 60 - 60),
      to: minutesFromNow(2 * 24 * 60 + 60),
    });
    expect(dayAfterTomorrow.items.map((visit) => visit.appointmentId)).toEqual([next2.id]);
    const firstPage = await visits({ doctorId: doctor.id, pageSize: 3 });
    expect(firstPage).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(firstPage.items).toHaveLength(3);
    // Nothing clinical in the list.
    expect(JSON.stringify(firstPage)).not.toContain(REASON);
    await sut.http.get('/api/admin/visits').query({ phase: 'later' }).set(bearer(admin)).expect(400);
    await sut.http.get('/api/admin/visits').set(bearer(doctor)).expect(403);
  });

  it('shows an admin who, when, the timeline and the call, without the reason, the notes, the chat or the waiting-room message', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Mira Holt');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Park');
    const appointment = await book(doctor, patient, 0);
    await sut.http
      .post(`/api/appointments/${appointment.id}/guests`)
      .set(bearer(doctor))
      .send({ name: 'Ines Vidal', role: 'INTERPRETER' })
      .expect(201);
    await heldVisit(appointment, doctor, patient);

    const response = await sut.http.get(`/api/admin/visits/${appointment.sessionId}`).set(bearer(admin)).expect(200);
    const visit = ZClinicVisitDetailSchema.parse(response.body);
    expect(visit).toMatchObject({ id: appointment.sessionId, phase: 'past', appointmentStatus: 'COMPLETED', guests: 1 });
    expect(visit.participants.map((person) => [person.name, person.role, person.guestRole ?? null])).toEqual([
      ['Dr. Mira Holt', 'DOCTOR', null],
      ['Leo Park', 'PATIENT', null],
      ['Ines Vidal', 'GUEST', 'INTERPRETER'],
    ]);
    expect(visit.timeline.map((entry) => entry.type)).toEqual(expect.arrayContaining(['JOINED', 'WAITING', 'PEER_JOINED', 'ENDED']));
    expect(visit.timeline.map((entry) => entry.type)).not.toContain('WAITING_MESSAGE');
    expect(visit.connection).toMatchObject({ samples: 0 });
    const body = JSON.stringify(response.body);
    for (const clinical of [REASON, CHAT_LINE, WAITING_TEXT, NOTES]) expect(body).not.toContain(clinical);
    expect(Object.keys(response.body as object)).not.toEqual(expect.arrayContaining(['reason']));
    expect(response.body).not.toHaveProperty('chat');
    expect(response.body).not.toHaveProperty('notes');

    await sut.http.get('/api/admin/visits/6f1c2b1e-4a57-4d7e-9a0e-3c1f5e8b2d40').set(bearer(admin)).expect(404);
    await sut.http.get('/api/admin/visits/not-an-id').set(bearer(admin)).expect(404);
    // The visit's own people have their record; the admin's page is not theirs.
    await sut.http.get(`/api/admin/visits/${appointment.sessionId}`).set(bearer(doctor)).expect(403);
  });

  it('writes every read of a visit by an admin to the audit log, and names the visit and the people of each entry', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Pia Lund');
    const patient = await signedInUser(sut, 'PATIENT', 'Kim Weber');
    const appointment = await book(doctor, patient, 0);
    await heldVisit(appointment, doctor, patient);
    await sut.http.get(`/api/admin/visits/${appointment.sessionId}`).set(bearer(admin)).expect(200);
    const invited = await sut.http
      .post('/api/staff')
      .set(bearer(admin))
      .send({ name: 'Dr. Noor Haddad', email: `noor-${Date.now()}@test.example`, role: 'DOCTOR' })
      .expect(201);

    const log = async (query: Record<string, string>) =>
      ZAuditLogPageSchema.parse((await sut.http.get('/api/audit').query(query).set(bearer(admin)).expect(200)).body);
    const named = { sessionId: appointment.sessionId, appointmentId: appointment.id, doctor: { id: doctor.id, name: 'Dr. Pia Lund' } };
    const read = await log({ action: 'clinic-visit.read', actorId: admin.id });
    expect(read.items[0]).toMatchObject({ entityType: 'session', entityId: appointment.sessionId, visit: named });
    const ended = await log({ action: 'session.end', entityId: appointment.sessionId });
    expect(ended.items[0]).toMatchObject({ actor: { id: doctor.id }, visit: { ...named, patient: { id: patient.id, name: 'Kim Weber' } } });
    const booked = await log({ action: 'appointment.create', entityId: appointment.id });
    expect(booked.items[0]!.visit).toMatchObject(named);
    const staff = await log({ action: 'staff.invite', actorId: admin.id });
    expect(staff.items[0]).toMatchObject({
      visit: null,
      person: { id: invited.body.id as string, name: 'Dr. Noor Haddad', role: 'DOCTOR' },
    });
    const signIn = await log({ action: 'auth.sign-in', actorId: patient.id });
    expect(signIn.items[0]!.person).toMatchObject({ id: patient.id, name: 'Kim Weber', role: 'PATIENT' });
  });
});
