import type { AppointmentResponse, NotesResponse, SessionDetailResponse } from '@telehealth/contracts';
import { ZAuditPageSchema, ZNotesResponseSchema, ZSessionDetailResponseSchema, ZSessionPageSchema } from '@telehealth/contracts';
import type { Response } from 'supertest';
import { formatDuration, NOTES_EXCLUDED_SENTENCE } from '../src/sessions/report/session-report';
import { pdfText } from './pdf-text';
import { ClientSocket, connectSignaling, holdVisit, pause } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TestApp, TestUser } from './test-app';

const REASON = 'Follow-up on knee pain';
const CHAT_LINE = 'My left knee still hurts on the stairs.';
const NOTES_V1 = 'Knee: mild effusion. Ibuprofen 400 mg as needed.';
const NOTES_V2 = 'Knee: mild effusion. Ibuprofen 400 mg as needed. Physiotherapy referral sent.';

/** Collects a binary body as a Buffer (superagent hands the parser the raw response stream). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('sessions after the visit (REST, real sockets, real database)', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ CLINIC_NAME: 'Harbour Clinic' }, { listen: true });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function schedule(doctor: TestUser, patient: TestUser, startsInMinutes = 0, reason = REASON): Promise<AppointmentResponse> {
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: minutesFromNow(startsInMinutes), durationMinutes: 30, reason })
      .expect(201);
    return response.body as AppointmentResponse;
  }

  async function connect(user: TestUser): Promise<ClientSocket> {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR' });
    sockets.push(socket);
    return socket;
  }

  /** The visit as people have it (holdVisit), with a measurable wait in the waiting room. */
  async function runVisit(appointment: AppointmentResponse, doctor: TestUser, patient: TestUser): Promise<void> {
    const [patientSocket, doctorSocket] = [await connect(patient), await connect(doctor)];
    await holdVisit({ roomId: appointment.roomId, doctorSocket, patientSocket, chatLine: CHAT_LINE, whileWaiting: () => pause(30) });
  }

  /** A visit moved into the past, in the state a test needs (set in the database: the API refuses past bookings). */
  async function pastVisit(
    doctor: TestUser,
    patient: TestUser,
    options: { daysAgo: number; state: 'ended' | 'missed' | 'cancelled' | 'running-over'; reason?: string },
  ): Promise<AppointmentResponse> {
    const appointment = await schedule(doctor, patient, 7 * 24 * 60 + Math.round(Math.random() * 100_000), options.reason ?? REASON);
    const startsAt = new Date(Date.now() - options.daysAgo * 24 * 3600_000);
    startsAt.setSeconds(0, 0);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    const status = options.state === 'ended' ? 'COMPLETED' : options.state === 'cancelled' ? 'CANCELLED' : 'SCHEDULED';
    await sut.prisma.appointment.update({ where: { id: appointment.id }, data: { startsAt, endsAt, status } });
    if (options.state === 'ended') {
      await sut.prisma.session.update({
        where: { id: appointment.sessionId },
        data: {
          status: 'ENDED',
          startedAt: new Date(startsAt.getTime() + 60_000),
          endedAt: new Date(startsAt.getTime() + 21 * 60_000),
          endedById: doctor.id,
        },
      });
    }
    if (options.state === 'running-over') {
      await sut.prisma.session.update({
        where: { id: appointment.sessionId },
        data: { status: 'ACTIVE', startedAt: new Date(startsAt.getTime() + 60_000) },
      });
    }
    return appointment;
  }

  function pdf(user: TestUser, sessionId: string) {
    return sut.http.get(`/api/sessions/${sessionId}/report.pdf`).set(bearer(user)).buffer(true).parse(binary);
  }

  async function reportText(user: TestUser, sessionId: string): Promise<{ response: Response; text: string; pages: number }> {
    const response = await pdf(user, sessionId).expect(200);
    const bytes = response.body as Buffer;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, pages } = await pdfText(bytes);
    return { response, text: text.replace(/[ \t]+/g, ' '), pages };
  }

  function saveNotes(user: TestUser, sessionId: string, body: string, baseVersion: number) {
    return sut.http.put(`/api/sessions/${sessionId}/notes`).set(bearer(user)).send({ body, baseVersion });
  }

  async function auditActions(sessionId: string): Promise<Array<{ action: string; actorId: string | null }>> {
    const rows = await sut.prisma.auditLog.findMany({ where: { entityId: sessionId }, orderBy: { occurredAt: 'asc' } });
    return rows.map((row) => ({ action: row.action, actorId: row.actorId }));
  }

  it('shows a visit run over real sockets in the detail and the PDF report, with notes for the doctor only', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Brandt');
    const appointment = await schedule(doctor, patient);
    await runVisit(appointment, doctor, patient);

    expect((await saveNotes(doctor, appointment.sessionId, NOTES_V1, 0).expect(200)).body).toMatchObject({ version: 1, body: NOTES_V1 });

    const forDoctor = ZSessionDetailResponseSchema.parse(
      (await sut.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(doctor)).expect(200)).body,
    );
    expect(forDoctor).toMatchObject({
      id: appointment.sessionId,
      appointmentId: appointment.id,
      status: 'ENDED',
      appointmentStatus: 'COMPLETED',
      doctor: { id: doctor.id, name: 'Dr. Ines Ward', timeZone: 'Europe/Berlin' },
      patient: { id: patient.id, name: 'Leo Brandt' },
      reason: REASON,
      scheduledStart: appointment.startsAt,
      scheduledEnd: appointment.endsAt,
      endedBy: { id: doctor.id, name: 'Dr. Ines Ward' },
      hasNotes: true,
      notes: { body: NOTES_V1, version: 1, authorName: 'Dr. Ines Ward', updatedAt: expect.any(String) },
    });
    expect(forDoctor.durationSeconds).toBe(Math.round((Date.parse(forDoctor.endedAt!) - Date.parse(forDoctor.startedAt!)) / 1000));
    expect(forDoctor.timeline.map((entry) => [entry.type, entry.userName])).toEqual([
      ['JOINED', 'Leo Brandt'],
      ['WAITING', 'Leo Brandt'],
      ['JOINED', 'Dr. Ines Ward'],
      ['PEER_JOINED', 'Dr. Ines Ward'],
      ['ENDED', 'Dr. Ines Ward'],
    ]);
    expect(forDoctor.chat).toEqual([
      expect.objectContaining({ from: patient.id, senderName: 'Leo Brandt', senderRole: 'PATIENT', body: CHAT_LINE }),
    ]);
    expect(forDoctor.timeline.map((entry) => entry.userRole)).toEqual(['PATIENT', 'PATIENT', 'DOCTOR', 'DOCTOR', 'DOCTOR']);
    // Both were in the call when the doctor ended it: they left at its end.
    const joinedAt = (userId: string) => forDoctor.timeline.find((entry) => entry.type === 'JOINED' && entry.userId === userId)!.at;
    expect(forDoctor.participants).toEqual([
      { userId: doctor.id, name: 'Dr. Ines Ward', role: 'DOCTOR', firstJoinedAt: joinedAt(doctor.id), lastLeftAt: forDoctor.endedAt },
      { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT', firstJoinedAt: joinedAt(patient.id), lastLeftAt: forDoctor.endedAt },
    ]);

    const forPatient = (await sut.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(patient)).expect(200))
      .body as SessionDetailResponse;
    expect(forPatient.chat.map((message) => message.body)).toEqual([CHAT_LINE]);
    expect(forPatient).not.toHaveProperty('notes');
    expect(forPatient).not.toHaveProperty('hasNotes');
    expect(JSON.stringify(forPatient)).not.toContain('effusion');

    const doctorCopy = await reportText(doctor, appointment.sessionId);
    expect(doctorCopy.response.headers['content-type']).toBe('application/pdf');
    expect(doctorCopy.response.headers['content-disposition']).toMatch(
      /^attachment; filename="visit-report-\d{4}-\d{2}-\d{2}-leo-brandt\.pdf"$/,
    );
    for (const expected of [
      'Harbour Clinic',
      'Doctor: Dr. Ines Ward',
      'Patient: Leo Brandt',
      `Reason: ${REASON}`,
      `Duration: ${formatDuration(forDoctor.durationSeconds!)}`,
      'All times are shown in Europe/Berlin',
      'Leo Brandt joined the visit.',
      'Leo Brandt waited for Dr. Ines Ward.',
      'Dr. Ines Ward and Leo Brandt were connected.',
      'Dr. Ines Ward ended the visit.',
      `Leo Brandt: ${CHAT_LINE}`,
      NOTES_V1,
      'Page 1 of 1',
    ]) {
      expect(doctorCopy.text).toContain(expected);
    }
    expect(doctorCopy.text).toMatch(/Started: \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} (CET|CEST)/);

    const patientCopy = await reportText(patient, appointment.sessionId);
    expect(patientCopy.text).toContain(`Leo Brandt: ${CHAT_LINE}`);
    expect(patientCopy.text).toContain("patient's copy");
    expect(patientCopy.text).toContain(NOTES_EXCLUDED_SENTENCE);
    expect(patientCopy.text).not.toContain('effusion');

    expect(await auditActions(appointment.sessionId)).toEqual(
      expect.arrayContaining([
        { action: 'notes.update', actorId: doctor.id },
        { action: 'session.read', actorId: doctor.id },
        { action: 'session.read', actorId: patient.id },
        { action: 'report.read', actorId: doctor.id },
        { action: 'report.read', actorId: patient.id },
      ]),
    );
  });

  it('names every participant of the record (the guests too, with their part) with when they joined and left', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Brandt');
    const appointment = await schedule(doctor, patient, 2 * 24 * 60 + Math.round(Math.random() * 10_000));
    const invite = async (name: string, role: string) =>
      (await sut.http.post(`/api/appointments/${appointment.id}/guests`).set(bearer(doctor)).send({ name, role }).expect(201)).body as {
        guestId: string;
      };
    const ana = await invite('Ana Ruiz', 'INTERPRETER');
    const tom = await invite('Tom Brandt', 'CAREGIVER');
    await sut.http.delete(`/api/appointments/${appointment.id}/guests/${tom.guestId}`).set(bearer(doctor)).expect(204);

    // The visit as it happened, an hour ago: the interpreter came in after the two, said a line, and left before the end.
    const start = new Date(Date.now() - 3600_000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await sut.prisma.appointment.update({ where: { id: appointment.id }, data: { startsAt: start, endsAt: at(30), status: 'COMPLETED' } });
    await sut.prisma.session.update({
      where: { id: appointment.sessionId },
      data: { status: 'ENDED', startedAt: at(2), endedAt: at(20), endedById: doctor.id },
    });
    await sut.prisma.sessionEvent.createMany({
      data: [
        { sessionId: appointment.sessionId, userId: patient.id, type: 'JOINED', occurredAt: at(1) },
        { sessionId: appointment.sessionId, userId: doctor.id, type: 'JOINED', occurredAt: at(2) },
        { sessionId: appointment.sessionId, userId: ana.guestId, type: 'JOINED', occurredAt: at(4) },
        { sessionId: appointment.sessionId, userId: ana.guestId, type: 'LEFT', occurredAt: at(15), detail: { reason: 'left' } },
        { sessionId: appointment.sessionId, userId: doctor.id, type: 'ENDED', occurredAt: at(20) },
      ],
    });
    await sut.prisma.chatMessage.create({
      data: { sessionId: appointment.sessionId, senderId: ana.guestId, body: 'I will translate.', sentAt: at(5) },
    });

    const detail = ZSessionDetailResponseSchema.parse(
      (await sut.http.get(`/api/sessions/${appointment.sessionId}`).set(bearer(patient)).expect(200)).body,
    );
    expect(detail.participants).toEqual([
      { userId: doctor.id, name: 'Dr. Ines Ward', role: 'DOCTOR', firstJoinedAt: at(2).toISOString(), lastLeftAt: at(20).toISOString() },
      { userId: patient.id, name: 'Leo Brandt', role: 'PATIENT', firstJoinedAt: at(1).toISOString(), lastLeftAt: at(20).toISOString() },
      {
        userId: ana.guestId,
        name: 'Ana Ruiz',
        role: 'GUEST',
        guestRole: 'INTERPRETER',
        firstJoinedAt: at(4).toISOString(),
        lastLeftAt: at(15).toISOString(),
      },
      { userId: tom.guestId, name: 'Tom Brandt', role: 'GUEST', guestRole: 'CAREGIVER', firstJoinedAt: null, lastLeftAt: null },
    ]);
    expect(detail.timeline.filter((entry) => entry.userId === ana.guestId)).toEqual([
      expect.objectContaining({ type: 'JOINED', userName: 'Ana Ruiz', userRole: 'GUEST', guestRole: 'INTERPRETER' }),
      expect.objectContaining({ type: 'LEFT', userName: 'Ana Ruiz', userRole: 'GUEST', guestRole: 'INTERPRETER' }),
    ]);
    expect(detail.timeline.find((entry) => entry.userId === patient.id)).not.toHaveProperty('guestRole');
    expect(detail.chat).toEqual([
      expect.objectContaining({ from: ana.guestId, senderName: 'Ana Ruiz', senderRole: 'GUEST', senderGuestRole: 'INTERPRETER' }),
    ]);

    const { text } = await reportText(doctor, appointment.sessionId);
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Participants',
      'Ana Ruiz (Interpreter): joined',
      'Tom Brandt (Caregiver): never joined',
      'Ana Ruiz (interpreter) joined the visit.',
    ])
      expect(flat).toContain(expected);
  });

  it('says on the first page of the report that a visit has not ended, and takes no notes before it ends', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ines Ward');
    const patient = await signedInUser(sut, 'PATIENT', 'Leo Brandt');
    const appointment = await schedule(doctor, patient, 60);
    const { text } = await reportText(patient, appointment.sessionId);
    expect(text.split('\n').slice(0, 6).join(' ')).toContain('This visit has not ended yet');
    expect(text).toContain('Duration: not available');

    const refused = await saveNotes(doctor, appointment.sessionId, 'too early', 0).expect(409);
    expect(refused.body).toEqual({
      error: 'Notes can be written once the visit has ended; end the visit first.',
      code: 409,
      reason: 'visit_not_started',
    });
    expect(await sut.prisma.note.count({ where: { sessionId: appointment.sessionId } })).toBe(0);
  });

  it('answers 404 to anyone but the visit’s doctor and patient, and keeps the notes from the patient', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const appointment = await pastVisit(doctor, patient, { daysAgo: 1, state: 'ended' });
    await saveNotes(doctor, appointment.sessionId, 'private', 0).expect(200);
    const strangers = [await signedInUser(sut, 'DOCTOR'), await signedInUser(sut, 'PATIENT'), await signedInUser(sut, 'ADMIN')];
    const notFound = { error: 'No session with this id was found.', code: 404, reason: 'not_found' };
    const id = appointment.sessionId;

    for (const stranger of strangers) {
      expect((await sut.http.get(`/api/sessions/${id}`).set(bearer(stranger)).expect(404)).body).toEqual(notFound);
      expect((await pdf(stranger, id).expect(404)).headers['content-type']).toMatch(/json/);
      expect((await sut.http.get(`/api/sessions/${id}/notes`).set(bearer(stranger)).expect(404)).body).toEqual(notFound);
      expect((await saveNotes(stranger, id, 'x', 1).expect(404)).body).toEqual(notFound);
    }
    expect((await sut.http.get(`/api/sessions/${id}/notes`).set(bearer(patient)).expect(404)).body).toEqual(notFound);
    expect((await saveNotes(patient, id, 'x', 1).expect(404)).body).toEqual(notFound);
    await sut.http.get('/api/sessions/not-a-uuid').set(bearer(doctor)).expect(404);
    await sut.http.get(`/api/sessions/${id}`).expect(401);

    expect(await sut.prisma.note.count({ where: { sessionId: id } })).toBe(1);
    const reads = await sut.prisma.auditLog.count({
      where: { entityId: id, actorId: { in: [...strangers.map((s) => s.id), patient.id] } },
    });
    expect(reads).toBe(0);
  });

  it('keeps every version of the notes and refuses a stale save with 409, writing nothing', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Rita Levi');
    const patient = await signedInUser(sut, 'PATIENT');
    const { sessionId } = await pastVisit(doctor, patient, { daysAgo: 1, state: 'ended' });

    const empty = ZNotesResponseSchema.parse((await sut.http.get(`/api/sessions/${sessionId}/notes`).set(bearer(doctor)).expect(200)).body);
    expect(empty).toEqual({ sessionId, body: '', version: 0, updatedAt: null, authorName: null, history: [] });

    await saveNotes(doctor, sessionId, NOTES_V1, 0).expect(200);
    const saved = (await saveNotes(doctor, sessionId, NOTES_V2, 1).expect(200)).body as NotesResponse;
    expect(saved).toMatchObject({ body: NOTES_V2, version: 2, authorName: 'Dr. Rita Levi' });

    const loaded = (await sut.http.get(`/api/sessions/${sessionId}/notes`).set(bearer(doctor)).expect(200)).body as NotesResponse;
    expect(loaded).toMatchObject({ body: NOTES_V2, version: 2, authorName: 'Dr. Rita Levi', updatedAt: expect.any(String) });
    expect(loaded.history.map((entry) => [entry.version, entry.body, entry.authorName])).toEqual([
      [2, NOTES_V2, 'Dr. Rita Levi'],
      [1, NOTES_V1, 'Dr. Rita Levi'],
    ]);
    const rows = await sut.prisma.note.findMany({ where: { sessionId }, orderBy: { version: 'asc' } });
    expect(rows.map((row) => [row.version, row.body])).toEqual([
      [1, NOTES_V1],
      [2, NOTES_V2],
    ]);

    const stale = await saveNotes(doctor, sessionId, 'edited in another tab', 1).expect(409);
    expect(stale.body).toEqual({
      error: 'These notes were changed elsewhere (version 2); reload them and merge your changes.',
      code: 409,
      reason: 'stale_version',
    });
    await saveNotes(doctor, sessionId, 'from the future', 7).expect(409);
    expect(await sut.prisma.note.count({ where: { sessionId } })).toBe(2);

    expect((await saveNotes(doctor, sessionId, 'x', -1).expect(400)).body).toEqual({
      error: 'baseVersion: must be 0 or more (0 for new notes)',
      code: 400,
      reason: 'validation_failed',
    });
    expect((await saveNotes(doctor, sessionId, 'x'.repeat(20_001), 2).expect(400)).body.error).toBe(
      'body: must be at most 20000 characters',
    );
    expect((await sut.http.put(`/api/sessions/${sessionId}/notes`).set(bearer(doctor)).send({ body: 'x' }).expect(400)).body.error).toBe(
      'baseVersion: must be the version you started from (0 for new notes)',
    );
    expect(await sut.prisma.note.count({ where: { sessionId } })).toBe(2);

    const actions = (await auditActions(sessionId)).map((row) => row.action);
    expect(actions.filter((action) => action === 'notes.update')).toHaveLength(2);
    expect(actions.filter((action) => action === 'notes.read')).toHaveLength(2);
  });

  it('lets exactly one of several concurrent saves from the same version through', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const { sessionId } = await pastVisit(doctor, patient, { daysAgo: 1, state: 'ended' });
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => saveNotes(doctor, sessionId, `draft ${index}`, 0)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.error).toBe('These notes were changed elsewhere (version 1); reload them and merge your changes.');
    }
    const winner = responses.find((response) => response.status === 200)!.body as NotesResponse;
    const rows = await sut.prisma.note.findMany({ where: { sessionId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ version: 1, body: winner.body });
    expect(await sut.prisma.auditLog.count({ where: { entityId: sessionId, action: 'notes.update' } })).toBe(1);
  });

  it('lists the history newest first, paginated, filtered by dates and by the other party, for doctor, patient and admin', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR', 'Dr. Ada Moss');
    const otherDoctor = await signedInUser(sut, 'DOCTOR');
    const amira = await signedInUser(sut, 'PATIENT', 'Amira Saleh');
    const bruno = await signedInUser(sut, 'PATIENT', 'Bruno Keller');
    const cancelledLater = await schedule(doctor, amira, 3 * 24 * 60, 'Rash again');
    await sut.http.patch(`/api/appointments/${cancelledLater.id}`).set(bearer(amira)).send({ status: 'CANCELLED' }).expect(200); // upcoming: not history
    await pastVisit(doctor, amira, { daysAgo: 0.25, state: 'cancelled', reason: 'Rash' });
    const yesterday = await pastVisit(doctor, bruno, { daysAgo: 1, state: 'ended', reason: 'Migraine' });
    const twoDaysAgo = await pastVisit(doctor, amira, { daysAgo: 2, state: 'ended', reason: 'Blood pressure' });
    const missed = await pastVisit(doctor, amira, { daysAgo: 3, state: 'missed', reason: 'Sleep' });
    await schedule(doctor, bruno, 24 * 60, 'Still to come'); // upcoming: not history
    await pastVisit(otherDoctor, amira, { daysAgo: 1.5, state: 'ended', reason: 'Elsewhere' });
    await saveNotes(doctor, twoDaysAgo.sessionId, 'stable', 0).expect(200);

    const list = async (user: TestUser, query: Record<string, string | number> = {}) =>
      ZSessionPageSchema.parse((await sut.http.get('/api/sessions').query(query).set(bearer(user)).expect(200)).body);

    const all = await list(doctor);
    expect(all.total).toBe(4);
    expect(all.items.map((item) => [item.reason, item.appointmentStatus, item.status, item.hasNotes])).toEqual([
      ['Rash', 'CANCELLED', 'WAITING', false],
      ['Migraine', 'COMPLETED', 'ENDED', false],
      ['Blood pressure', 'COMPLETED', 'ENDED', true],
      ['Sleep', 'SCHEDULED', 'WAITING', false],
    ]);
    expect(all.items[1]).toMatchObject({
      id: yesterday.sessionId,
      patient: { id: bruno.id, name: 'Bruno Keller', timeZone: 'Europe/Berlin' },
      doctor: { id: doctor.id, name: 'Dr. Ada Moss' },
      durationSeconds: 20 * 60,
      endedBy: { id: doctor.id, name: 'Dr. Ada Moss' },
    });
    expect(all.items[3]).toMatchObject({ id: missed.sessionId, startedAt: null, endedAt: null, durationSeconds: null, endedBy: null });

    const page2 = await list(doctor, { page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: 4 });
    expect(page2.items.map((item) => item.reason)).toEqual(['Blood pressure', 'Sleep']);

    const day = 24 * 3600_000;
    const range = { from: new Date(Date.now() - 2.5 * day).toISOString(), to: new Date(Date.now() - 0.5 * day).toISOString() };
    expect((await list(doctor, range)).items.map((item) => item.reason)).toEqual(['Migraine', 'Blood pressure']);
    expect((await list(doctor, { withUserId: bruno.id })).items.map((item) => item.reason)).toEqual(['Migraine']);
    expect((await list(doctor, { ...range, withUserId: amira.id })).items.map((item) => item.reason)).toEqual(['Blood pressure']);

    const forAmira = await list(amira);
    expect(forAmira.items.map((item) => item.reason)).toEqual(['Rash', 'Elsewhere', 'Blood pressure', 'Sleep']);
    expect(forAmira.items.every((item) => !('hasNotes' in item))).toBe(true);
    expect((await list(amira, { withUserId: doctor.id })).items.map((item) => item.reason)).toEqual(['Rash', 'Blood pressure', 'Sleep']);
    expect((await list(amira, { withUserId: otherDoctor.id, ...range })).items.map((item) => item.reason)).toEqual(['Elsewhere']);
    expect((await list(bruno)).items.map((item) => item.reason)).toEqual(['Migraine']);

    const admin = await signedInUser(sut, 'ADMIN');
    const forAdmin = await list(admin, { withUserId: doctor.id });
    expect(forAdmin.items.map((item) => item.reason)).toEqual(['Rash', 'Migraine', 'Blood pressure', 'Sleep']);
    expect(forAdmin.items.every((item) => !('hasNotes' in item))).toBe(true);

    expect((await sut.http.get('/api/sessions').query({ from: range.to, to: range.from }).set(bearer(doctor)).expect(400)).body).toEqual({
      error: 'to: must be after from',
      code: 400,
      reason: 'validation_failed',
    });
    await sut.http.get('/api/sessions').query({ pageSize: 1000 }).set(bearer(doctor)).expect(400);
    await sut.http.get('/api/sessions').query({ from: 'yesterday' }).set(bearer(doctor)).expect(400);
  });

  it('keeps a cancelled visit out of the history until its scheduled start passes, upcoming and marked cancelled meanwhile', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const tomorrow = await schedule(doctor, patient, 24 * 60, 'Cancelled for tomorrow');
    await sut.http.patch(`/api/appointments/${tomorrow.id}`).set(bearer(patient)).send({ status: 'CANCELLED' }).expect(200);
    const reasons = async (user: TestUser, path: string) =>
      ((await sut.http.get(path).set(bearer(user)).expect(200)).body as { items: Array<{ reason: string; status?: string }> }).items;

    for (const user of [doctor, patient]) {
      expect(await reasons(user, '/api/sessions')).toEqual([]);
      expect(await reasons(user, '/api/appointments?scope=past')).toEqual([]);
      expect(await reasons(user, '/api/appointments?scope=upcoming')).toEqual([
        expect.objectContaining({ reason: 'Cancelled for tomorrow', status: 'CANCELLED' }),
      ]);
    }

    // Its start passes (moved in the database: the clock cannot be): from then on it is history.
    const startsAt = new Date(Date.now() - 60_000);
    await sut.prisma.appointment.update({
      where: { id: tomorrow.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000) },
    });
    for (const user of [doctor, patient]) {
      expect((await reasons(user, '/api/sessions')).map((item) => item.reason)).toEqual(['Cancelled for tomorrow']);
      expect((await reasons(user, '/api/appointments?scope=past')).map((item) => item.reason)).toEqual(['Cancelled for tomorrow']);
      expect(await reasons(user, '/api/appointments?scope=upcoming')).toEqual([]);
    }
  });

  it('shows the audit log to admins only, newest first, filtered by actor, action, entity and time', async () => {
    const doctor = await signedInUser(sut, 'DOCTOR');
    const patient = await signedInUser(sut, 'PATIENT');
    const admin = await signedInUser(sut, 'ADMIN', 'Clinic Admin');
    const { sessionId } = await pastVisit(doctor, patient, { daysAgo: 1, state: 'ended' });
    const before = new Date().toISOString();
    await sut.http.get(`/api/sessions/${sessionId}`).set(bearer(patient)).expect(200);
    await saveNotes(doctor, sessionId, 'ok', 0).expect(200);
    await sut.http.get(`/api/sessions/${sessionId}/notes`).set(bearer(doctor)).expect(200);
    await pdf(doctor, sessionId).expect(200);

    const audit = async (query: Record<string, string | number>) =>
      ZAuditPageSchema.parse((await sut.http.get('/api/audit').query(query).set(bearer(admin)).expect(200)).body);

    const forSession = await audit({ entityType: 'session', entityId: sessionId });
    expect(forSession.items.map((item) => item.action)).toEqual(['report.read', 'notes.read', 'notes.update', 'session.read']);
    expect(forSession.items[0]).toMatchObject({
      actor: { id: doctor.id, name: doctor.name, role: 'DOCTOR' },
      entityType: 'session',
      entityId: sessionId,
      ip: expect.any(String),
      detail: { copy: 'doctor' },
    });
    expect(forSession.items[2]!.detail).toEqual({ version: 1 });

    expect((await audit({ entityId: sessionId, actorId: patient.id })).items.map((item) => item.action)).toEqual(['session.read']);
    const updates = await audit({ action: 'notes.update', actorId: doctor.id });
    expect(updates).toMatchObject({ total: 1, items: [{ entityId: sessionId }] });
    const paged = await audit({ entityId: sessionId, pageSize: 2, page: 2 });
    expect(paged).toMatchObject({ total: 4, page: 2 });
    expect(paged.items.map((item) => item.action)).toEqual(['notes.update', 'session.read']);
    expect((await audit({ entityId: sessionId, to: before })).total).toBe(0);
    expect((await audit({ entityId: sessionId, from: before })).total).toBe(4);

    expect((await sut.http.get('/api/audit').set(bearer(doctor)).expect(403)).body).toEqual({
      error: 'Only admins may do this.',
      code: 403,
      reason: 'forbidden',
    });
    await sut.http.get('/api/audit').set(bearer(patient)).expect(403);
    await sut.http.get('/api/audit').expect(401);
    await sut.http.get('/api/audit').query({ actorId: 'nobody' }).set(bearer(admin)).expect(400);

    // Reading the log is logged too, after the page is read (so not on the page itself).
    const readsBefore = (await audit({ action: 'audit.read', actorId: admin.id })).total;
    expect((await audit({ action: 'audit.read', actorId: admin.id })).total).toBe(readsBefore + 1);

    await sut.http.get('/api/sessions').query({ pageSize: 5 }).set(bearer(patient)).expect(200);
    expect((await audit({ action: 'session.list', actorId: patient.id })).items).toEqual([
      expect.objectContaining({ entityType: 'session', entityId: null, detail: { page: 1, shown: 1, total: 1 } }),
    ]);
  });
});
