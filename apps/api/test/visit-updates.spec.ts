import type { AppointmentResponse, AuthResponse, VisitUpdatedEvent } from '@telehealth/contracts';
import { Client } from 'pg';
import { accountsOn, ApiProcess, startApiProcess } from './api-process';
import { ClientSocket, connectSignaling, next, request } from './signaling-client';
import { minutesFromNow } from './test-app';

/** The first `visit-updated` for `appointmentId` that `matches` (`what` names it in a failure). */
function visitUpdate(
  socket: ClientSocket,
  appointmentId: string,
  what: string,
  matches: (event: VisitUpdatedEvent) => boolean,
): Promise<VisitUpdatedEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no visit-updated saying ${what} within 5 s`)), 5000);
    const handler = (event: VisitUpdatedEvent) => {
      if (event.appointmentId !== appointmentId || !matches(event)) return;
      clearTimeout(timer);
      socket.off('visit-updated', handler);
      resolve(event);
    };
    socket.on('visit-updated', handler);
  });
}

async function book(apiUrl: string, doctor: AuthResponse, patient: AuthResponse, startsInMinutes: number, reason: string) {
  const response = await fetch(`${apiUrl}/api/appointments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${doctor.accessToken}` },
    body: JSON.stringify({ patientId: patient.user.id, startsAt: minutesFromNow(startsInMinutes), durationMinutes: 15, reason }),
  });
  if (response.status !== 201) throw new Error(`booking: ${response.status} ${await response.text()}`);
  return (await response.json()) as AppointmentResponse;
}

async function change(apiUrl: string, who: AuthResponse, id: string, body: object): Promise<number> {
  const response = await fetch(`${apiUrl}/api/appointments/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${who.accessToken}` },
    body: JSON.stringify(body),
  });
  return response.status;
}

describe('everyone informed, across two API processes: visit-updated, waiting-message, waiting-position', () => {
  const nodes: ApiProcess[] = [];
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  });

  it('the doctor’s message reaches the waiting patient and the timeline; a reschedule and a cancel reach them at once', async () => {
    // A wide join window, so that two back-to-back visits of one doctor are both open now.
    const [nodeA, nodeB] = await Promise.all([
      startApiProcess({ JOIN_WINDOW_BEFORE_MIN: '60' }),
      startApiProcess({ JOIN_WINDOW_BEFORE_MIN: '60' }),
    ]);
    nodes.push(nodeA, nodeB);
    const [doctor, first, second] = await accountsOn(nodeA.url, [
      { name: 'Dr. Lena Ortiz', role: 'DOCTOR' },
      { name: 'Amal Haddad', role: 'PATIENT' },
      { name: 'Björn Åberg', role: 'PATIENT' },
    ]);
    const early = await book(nodeA.url, doctor!, first!, 0, 'First in line');
    const later = await book(nodeA.url, doctor!, second!, 15, 'Second in line');

    // The doctor's dashboard is connected to A; the patients wait in their rooms on B.
    const doctorSocket = await connectSignaling(nodeA.url, doctor!.accessToken, { doctor: true });
    const [firstSocket, secondSocket] = await Promise.all([
      connectSignaling(nodeB.url, first!.accessToken),
      connectSignaling(nodeB.url, second!.accessToken),
    ]);
    sockets.push(doctorSocket, firstSocket, secondSocket);

    const doctorHearsWaiting = visitUpdate(doctorSocket, early.id, 'the patient waits', (event) => event.patientWaitingSince !== null);
    const firstPlace = next(firstSocket, 'waiting-position');
    expect(await request(firstSocket, 'join-room', { roomId: early.roomId })).toMatchObject({ ok: true });
    expect(await doctorHearsWaiting).toMatchObject({ status: 'SCHEDULED', sessionStatus: 'WAITING' });
    expect(await firstPlace).toMatchObject({ appointmentId: early.id, position: 1, waiting: 1 });

    // The second patient joins: both hear their place; the second's estimate is after the first visit.
    const firstAgain = next(firstSocket, 'waiting-position');
    const secondPlace = next(secondSocket, 'waiting-position');
    expect(await request(secondSocket, 'join-room', { roomId: later.roomId })).toMatchObject({ ok: true });
    expect(await firstAgain).toMatchObject({ position: 1, waiting: 2 });
    const place = await secondPlace;
    expect(place).toMatchObject({ appointmentId: later.id, position: 2, waiting: 2 });
    expect(Date.parse(place.estimatedStartAt)).toBeGreaterThanOrEqual(Date.parse(later.startsAt));

    // "Running about 10 minutes late": acknowledged to the doctor, heard by that patient only, kept on the timeline.
    const message = next(firstSocket, 'waiting-message');
    const sent = await request<{ sentAt: string }>(doctorSocket, 'waiting-message', {
      roomId: early.roomId,
      text: 'Running about 10 minutes late',
    });
    expect(sent).toMatchObject({ ok: true });
    expect(await message).toMatchObject({ text: 'Running about 10 minutes late' });
    const empty = await request(doctorSocket, 'waiting-message', { roomId: early.roomId, text: '   ' });
    expect(empty).toMatchObject({ ok: false, code: 400 });
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ detail: { text: string } }>(
        `SELECT detail FROM session_events WHERE session_id = $1 AND type = 'WAITING_MESSAGE'`,
        [early.sessionId],
      );
      expect(rows.map((row) => row.detail.text)).toEqual(['Running about 10 minutes late']);
    } finally {
      await db.end();
    }

    // Rescheduled on A to tomorrow: the patient waiting on B hears the new time.
    const moved = visitUpdate(firstSocket, early.id, 'the new time', (event) => event.startsAt !== early.startsAt);
    expect(await change(nodeA.url, doctor!, early.id, { startsAt: minutesFromNow(24 * 60), durationMinutes: 15 })).toBe(200);
    expect(await moved).toMatchObject({ status: 'SCHEDULED', startsAt: minutesFromNow(24 * 60) });

    // Cancelled on A: the other waiting patient hears it, and so do the doctor's sockets.
    const cancelled = visitUpdate(secondSocket, later.id, 'cancelled, to the patient', (event) => event.status === 'CANCELLED');
    const doctorHearsCancel = visitUpdate(doctorSocket, later.id, 'cancelled, to the doctor', (event) => event.status === 'CANCELLED');
    expect(await change(nodeA.url, doctor!, later.id, { status: 'CANCELLED' })).toBe(200);
    await Promise.all([cancelled, doctorHearsCancel]);
  }, 60_000);
});
