import type { CallVerifiedEvent, SessionDetailResponse } from '@telehealth/contracts';
import type { Response } from 'supertest';
import { ClientSocket, connectSignaling, next, pause, record, request } from './signaling-client';
import { pdfText } from './pdf-text';
import { bearer, startTestApp, TestApp, TestUser, visitStartingNow } from './test-app';

/** Collects a binary body as a Buffer (superagent hands the parser the raw response stream). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Retries `check` until it passes: the timeline is written beside the acknowledgement, a moment after it. */
async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(50);
    }
  }
}

describe('in the call: media on the timeline, connection samples, the verified-call code (real sockets, real database)', () => {
  let sut: TestApp;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ CLINIC_NAME: 'Harbour Clinic', RECONNECT_GRACE_S: '30' }, { listen: true });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await sut.close();
  });

  async function connect(user: TestUser): Promise<ClientSocket> {
    const socket = await connectSignaling(sut.url, user.token, { doctor: user.role === 'DOCTOR', reconnection: false });
    sockets.push(socket);
    return socket;
  }

  /** Doctor and patient in the call, each with their socket. */
  async function callOfTwo() {
    const { doctor, patient, appointment } = await visitStartingNow(sut);
    const doctorSocket = await connect(doctor);
    const patientSocket = await connect(patient);
    expect(await request(patientSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    const introduced = next(patientSocket, 'peer-joined');
    expect(await request(doctorSocket, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    await introduced;
    return { doctor, patient, appointment, doctorSocket, patientSocket };
  }

  /** One person's media entries of the visit, oldest first, as `TYPE cause`. */
  async function mediaEntries(sessionId: string, userId: string): Promise<string[]> {
    const rows = await sut.prisma.sessionEvent.findMany({
      where: { sessionId, userId, type: { in: ['VIDEO_OFF', 'VIDEO_ON', 'SCREEN_SHARE_STARTED', 'SCREEN_SHARE_STOPPED'] } },
      orderBy: { occurredAt: 'asc' },
    });
    return rows.map((row) => [row.type, (row.detail as { cause?: string } | null)?.cause].filter(Boolean).join(' '));
  }

  async function detail(user: TestUser, sessionId: string): Promise<SessionDetailResponse> {
    return (await sut.http.get(`/api/sessions/${sessionId}`).set(bearer(user)).expect(200)).body as SessionDetailResponse;
  }

  it('puts camera and screen-share changes on the timeline, with why video stopped, and nothing for a repeated state', async () => {
    const { doctor, patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const heard = record(doctorSocket, 'media-state');
    const announce = async (state: object) => expect(await request(patientSocket, 'media-state', state)).toEqual({ ok: true });

    await announce({ audio: true, video: true });
    await announce({ audio: true, video: false, videoOff: 'person' });
    await announce({ audio: true, video: false, videoOff: 'person' });
    await announce({ audio: true, video: true });
    await announce({ audio: true, video: false, videoOff: 'network' });
    await announce({ audio: true, video: true, screenStreamId: 'screen-1' });
    await announce({ audio: true, video: true, screenStreamId: 'screen-1' });
    await announce({ audio: true, video: true });

    await eventually(async () =>
      expect(await mediaEntries(appointment.sessionId, patient.id)).toEqual([
        'VIDEO_OFF person',
        'VIDEO_ON person',
        'VIDEO_OFF network',
        'VIDEO_ON network',
        'SCREEN_SHARE_STARTED',
        'SCREEN_SHARE_STOPPED',
      ]),
    );
    // The doctor heard every announcement as it was, the cause included.
    await eventually(async () => expect(heard).toHaveLength(8));
    expect(heard[4]).toEqual({ audio: true, video: false, videoOff: 'network', from: patient.id });

    // Someone who joined with the camera unavailable: their first announcement already says so.
    expect(await request(doctorSocket, 'media-state', { audio: true, video: false, videoOff: 'device' })).toEqual({ ok: true });
    await eventually(async () => expect(await mediaEntries(appointment.sessionId, doctor.id)).toEqual(['VIDEO_OFF device']));

    const timeline = (await detail(doctor, appointment.sessionId)).timeline.filter((entry) => entry.type.startsWith('VIDEO'));
    expect(timeline.map((entry) => [entry.type, entry.userName, entry.detail])).toContainEqual([
      'VIDEO_OFF',
      patient.name,
      { cause: 'network' },
    ]);
    // The doctor's video was off from their first announcement: that is how they came in, which the record says.
    expect(timeline.map((entry) => [entry.type, entry.userName, entry.detail])).toContainEqual([
      'VIDEO_OFF',
      doctor.name,
      { cause: 'device', atJoin: 'true' },
    ]);
  });

  it('compares a seat’s first announcement after a dropped connection with how its video was before the drop', async () => {
    const { patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    expect(await request(patientSocket, 'media-state', { audio: true, video: false, videoOff: 'network' })).toEqual({ ok: true });
    await eventually(async () => expect(await mediaEntries(appointment.sessionId, patient.id)).toEqual(['VIDEO_OFF network']));

    const away = next(doctorSocket, 'peer-reconnecting');
    patientSocket.close();
    await away;
    const back = await connect(patient);
    expect(await request(back, 'join-room', { roomId: appointment.roomId })).toMatchObject({ ok: true });
    expect(await request(back, 'media-state', { audio: true, video: true })).toEqual({ ok: true });
    await eventually(async () =>
      expect(await mediaEntries(appointment.sessionId, patient.id)).toEqual(['VIDEO_OFF network', 'VIDEO_ON network']),
    );
  });

  it('shows in the visit record how long the call ran with video and audio only, from the timeline', async () => {
    const { doctor, patient, appointment } = await visitStartingNow(sut);
    const start = new Date(Date.now() - 60 * 60_000);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await sut.prisma.session.update({
      where: { id: appointment.sessionId },
      data: { status: 'ACTIVE', startedAt: at(2), endedAt: at(20) },
    });
    const entry = (type: string, userId: string, minutes: number, detail?: object) => ({
      sessionId: appointment.sessionId,
      userId,
      type: type as 'JOINED',
      occurredAt: at(minutes),
      ...(detail ? { detail } : {}),
    });
    await sut.prisma.sessionEvent.createMany({
      data: [
        entry('JOINED', patient.id, 0),
        entry('VIDEO_OFF', patient.id, 0, { cause: 'person' }),
        entry('JOINED', doctor.id, 2),
        // 2-5 video (the doctor's camera), 5-9 audio only (the doctor's connection), 9-12 video, 12-14 the doctor's screen
        entry('VIDEO_OFF', doctor.id, 5, { cause: 'network' }),
        entry('VIDEO_ON', doctor.id, 9, { cause: 'network' }),
        entry('VIDEO_OFF', doctor.id, 12, { cause: 'person' }),
        entry('SCREEN_SHARE_STARTED', doctor.id, 12),
        entry('SCREEN_SHARE_STOPPED', doctor.id, 14),
        // 14-16 audio only by choice, 16-18 the patient away (one person in the call), 18-20 audio only again
        entry('LEFT', patient.id, 16, { reason: 'timeout' }),
        entry('RECONNECTED', patient.id, 18),
        entry('ENDED', doctor.id, 20),
      ],
    });
    const record = await detail(doctor, appointment.sessionId);
    // Video 2-5, 9-12 and 12-14; audio only 5-9 (the network), 14-16 and 18-20.
    expect(record.media).toEqual({ videoSeconds: 8 * 60, audioOnlySeconds: 8 * 60, audioOnlyForNetworkSeconds: 4 * 60 });
    expect(record.connection).toMatchObject({ path: 'unknown', samples: 0, reconnects: 1, rttMedianMs: null });
    expect(record.verifications).toEqual([]);
  });

  it('keeps the browsers’ connection samples within a rate, and sums them up in the visit record', async () => {
    const { doctor, patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    const sample = (peerId: string, path: string, rttMs: number, reconnects: number) => ({
      peerId,
      path,
      rttMs,
      lossPct: rttMs / 100,
      reconnects,
    });
    expect(await request(doctorSocket, 'call-stats', sample(patient.id, 'direct', 40, 0))).toEqual({ ok: true });
    expect(await request(doctorSocket, 'call-stats', sample(patient.id, 'direct', 60, 1))).toEqual({ ok: true });
    // A third sample of the same pair at once is one too many: refused, not stored.
    expect(await request(doctorSocket, 'call-stats', sample(patient.id, 'direct', 999, 5))).toMatchObject({
      ok: false,
      code: 429,
      reason: 'rate_limited',
    });
    expect(await request(patientSocket, 'call-stats', sample(doctor.id, 'relayed', 120, 2))).toEqual({ ok: true });
    expect(await request(patientSocket, 'call-stats', { ...sample(doctor.id, 'direct', 1, 0), path: 'sideways' })).toMatchObject({
      ok: false,
      code: 400,
      error: expect.stringMatching(/^path/),
    });
    expect(await request(patientSocket, 'call-stats', sample(patient.id, 'direct', 1, 0))).toMatchObject({ ok: false, code: 400 });
    expect(await request(patientSocket, 'call-stats', sample('6f1c2a56-7c1e-4a5e-9d83-2a64f6a2b111', 'direct', 1, 0))).toMatchObject({
      ok: false,
      code: 404,
    });

    expect(await sut.prisma.callStatsSample.count({ where: { sessionId: appointment.sessionId } })).toBe(3);
    const { connection } = await detail(patient, appointment.sessionId);
    // RTT 40, 60, 120: median 60, 95th percentile 114 (between the two highest); the pair's reconnects: max(1, 2).
    expect(connection).toEqual({
      path: 'mixed',
      rttMedianMs: 60,
      rttP95Ms: 114,
      lossMedianPct: 0.6,
      lossP95Pct: 1.14,
      reconnects: 2,
      samples: 3,
    });
  });

  it('records the doctor’s verified call on the timeline, the audit log and the PDF, and tells everyone in the call', async () => {
    const { doctor, patient, appointment, doctorSocket, patientSocket } = await callOfTwo();
    expect(await request(patientSocket, 'verify-call', { peerId: doctor.id, code: '482 193' })).toMatchObject({
      ok: false,
      code: 403,
      reason: 'forbidden',
    });
    expect(await request(doctorSocket, 'verify-call', { peerId: patient.id, code: '482193' })).toMatchObject({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: expect.stringMatching(/^code/),
    });

    const patientHears = next(patientSocket, 'call-verified');
    const doctorHears = next(doctorSocket, 'call-verified');
    const ack = await request<{ verifiedAt: string }>(doctorSocket, 'verify-call', { peerId: patient.id, code: '482 193' });
    expect(ack).toEqual({ ok: true, verifiedAt: expect.any(String) });
    const verifiedAt = (ack as { verifiedAt: string }).verifiedAt;
    const told: CallVerifiedEvent = { by: doctor.id, peerId: patient.id, code: '482 193', at: verifiedAt };
    expect(await patientHears).toEqual(told);
    expect(await doctorHears).toEqual(told);

    const audit = await sut.prisma.auditLog.findMany({ where: { action: 'session.call_verified', entityId: appointment.sessionId } });
    expect(audit).toMatchObject([{ actorId: doctor.id, entityType: 'session', detail: { peerId: patient.id } }]);
    const record = await detail(doctor, appointment.sessionId);
    expect(record.verifications).toEqual([
      { code: '482 193', verifiedAt, verifiedBy: { id: doctor.id, name: doctor.name }, peer: { id: patient.id, name: patient.name } },
    ]);
    expect(record.timeline.find((entry) => entry.type === 'CALL_VERIFIED')).toMatchObject({
      userId: doctor.id,
      detail: { peer: patient.id, code: '482 193' },
    });

    expect(await request(patientSocket, 'media-state', { audio: true, video: false, videoOff: 'network' })).toEqual({ ok: true });
    expect(await request(doctorSocket, 'media-state', { audio: true, video: true, screenStreamId: 'screen-1' })).toEqual({ ok: true });
    expect(
      await request(doctorSocket, 'call-stats', { peerId: patient.id, path: 'direct', rttMs: 40, lossPct: 0.2, reconnects: 1 }),
    ).toEqual({
      ok: true,
    });
    await eventually(async () => expect(await mediaEntries(appointment.sessionId, doctor.id)).toEqual(['SCREEN_SHARE_STARTED']));
    expect(await request(doctorSocket, 'end-session', {})).toMatchObject({ ok: true });
    // The record is closed: a late sample is not kept.
    expect(await request(doctorSocket, 'call-stats', { peerId: patient.id, path: 'direct', reconnects: 1 })).toMatchObject({
      ok: false,
      code: 409,
    });

    const pdf = await sut.http
      .get(`/api/sessions/${appointment.sessionId}/report.pdf`)
      .set(bearer(doctor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const flat = (await pdfText(pdf.body as Buffer)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Call',
      'Video ',
      'Connection: direct (peer to peer); round trip median 40 ms, 95th percentile 40 ms; packet loss median 0.2 %, 95th 0.2 %; 1 reconnect',
      `Verified call: code 482 193 compared aloud with ${patient.name} by ${doctor.name} at `,
      `Video paused for ${patient.name}: poor connection.`,
      `${doctor.name} started sharing their screen.`,
      `${doctor.name} compared the verified-call code 482 193 aloud with ${patient.name}: the call is verified.`,
    ]) {
      expect(flat).toContain(expected);
    }
  }, 90_000); // The PDF is laid out in a worker thread and read back by a child process: slow on a busy machine.
});
