import type { ChatMessage } from '@telehealth/contracts';
import { connectSignaling, request } from './signaling-client';
import { bearer, minutesFromNow, startTestApp, TestApp, visitStartingNow } from './test-app';

/**
 * Text a person types reaches every corner of the product (REST bodies, queries, socket
 * payloads, shared batched writes). Control characters and broken Unicode are refused at
 * the door with a 400 naming the field; every script a person can type goes through.
 */
describe('text from users (real database, real sockets)', () => {
  let sut: TestApp;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    sut = await startTestApp({}, { listen: true });
  });
  afterAll(async () => {
    closers.forEach((close) => close());
    await sut.close();
  });

  async function inCall(visit: Awaited<ReturnType<typeof visitStartingNow>>) {
    const patient = await connectSignaling(sut.url, visit.patient.token);
    const doctor = await connectSignaling(sut.url, visit.doctor.token, { doctor: true });
    closers.push(
      () => patient.close(),
      () => doctor.close(),
    );
    expect(await request(patient, 'join-room', { roomId: visit.appointment.roomId })).toMatchObject({ ok: true });
    expect(await request(doctor, 'join-room', { roomId: visit.appointment.roomId })).toMatchObject({ ok: true });
    return { patient, doctor };
  }

  it("one patient's chat with NUL and broken characters costs another visit's chat nothing, and is refused with a 400 naming the field", async () => {
    const hostile = await inCall(await visitStartingNow(sut));
    const calm = await inCall(await visitStartingNow(sut));
    const calmAnswers: unknown[] = [];
    const hostileAnswers: unknown[] = [];
    await Promise.all([
      (async () => {
        for (let index = 0; index < 20; index++)
          hostileAnswers.push(
            await request(hostile.patient, 'chat-message', { body: index % 2 ? `bad\u0000${index}` : `bad\ud800${index}` }),
          );
      })(),
      (async () => {
        for (let index = 0; index < 20; index++) calmAnswers.push(await request(calm.patient, 'chat-message', { body: `calm ${index}` }));
      })(),
    ]);
    expect(calmAnswers.filter((answer) => (answer as { ok: boolean }).ok !== true)).toEqual([]);
    expect(hostileAnswers).toHaveLength(20);
    for (const answer of hostileAnswers) {
      expect(answer).toMatchObject({ ok: false, code: 400 });
      expect((answer as { error: string }).error).toMatch(/^body: /);
    }
    expect(await sut.prisma.chatMessage.count({ where: { body: { startsWith: 'bad' } } })).toBe(0);
  });

  it('refuses NUL, other control characters and lone surrogates in every typed REST field with a 400 naming it, never a 500', async () => {
    const visit = await visitStartingNow(sut);
    const cases: Array<{ field: string; send: (value: string) => Promise<{ status: number; body: { error?: string; code?: number } }> }> = [
      {
        field: 'reason',
        send: (value) =>
          sut.http
            .post('/api/appointments')
            .set(bearer(visit.doctor))
            .send({ patientId: visit.patient.id, startsAt: minutesFromNow(600), durationMinutes: 20, reason: value }),
      },
      // A URL cannot carry a lone surrogate (its UTF-8 form is refused by the percent-decoder and stays literal text).
      {
        field: 'query',
        send: (value) =>
          sut.http.get(`/api/patients?query=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\u0000'))}`).set(bearer(visit.doctor)),
      },
      {
        field: 'name',
        send: (value) =>
          sut.http
            .post('/api/auth/register')
            .send({ email: `new-${Date.now()}-${Math.random()}@test.example`, password: 'a long enough password', name: value }),
      },
      {
        field: 'body',
        send: (value) =>
          sut.http
            .put(`/api/sessions/${visit.appointment.sessionId}/notes`)
            .set(bearer(visit.doctor))
            .send({ body: value, baseVersion: 0 }),
      },
    ];
    for (const { field, send } of cases) {
      for (const value of ['a\u0000b', 'a\ud800b', 'a\u001bb', '\udc00']) {
        const response = await send(value);
        expect({ field, value, status: response.status }).toEqual({ field, value, status: 400 });
        expect(response.body.error).toMatch(new RegExp(`^${field}: `));
      }
    }
  });

  it('keeps every script a person types, end to end: reason, chat, notes', async () => {
    const words = 'Иван Петров 李小龙 مرحبا Ωμέγα 😀 José';
    const visit = await visitStartingNow(sut, words);
    const call = await inCall(visit);
    const received = new Promise<ChatMessage>((resolve) => call.doctor.once('chat-message', resolve));
    expect(await request(call.patient, 'chat-message', { body: words })).toMatchObject({ ok: true });
    expect((await received).body).toBe(words);
    expect(await request(call.doctor, 'end-session')).toMatchObject({ ok: true });
    await sut.http
      .put(`/api/sessions/${visit.appointment.sessionId}/notes`)
      .set(bearer(visit.doctor))
      .send({ body: `${words}\nline two`, baseVersion: 0 })
      .expect(200);
    const detail = await sut.http.get(`/api/sessions/${visit.appointment.sessionId}`).set(bearer(visit.doctor)).expect(200);
    expect(detail.body.reason).toBe(words);
    expect(detail.body.chat.map((line: ChatMessage) => line.body)).toEqual([words]);
    expect(detail.body.notes.body).toBe(`${words}\nline two`);
  });
});
