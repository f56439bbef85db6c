import type { AppointmentResponse, Language, VisitInvitationResponse } from '@telehealth/contracts';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { TokenService } from '../src/auth/token.service';
import { pdfText } from './pdf-text';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { bearer, startTestApp, TestApp, TestUser } from './test-app';

const ORIGIN = 'https://clinic.example';
const LINK = /https:\/\/clinic\.example\/j\/[A-Za-z0-9_-]{43}/;
const CODE = /\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/;
const STARTS_AT = '2031-03-04T08:30:00.000Z';

/** The calendar's properties, unfolded and unescaped, by name (the last one wins). */
function parseCalendar(ics: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of ics.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    const match = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
    if (match && match[1] !== 'BEGIN' && match[1] !== 'END') {
      properties[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
    }
  }
  return properties;
}

function calendarOf(mail: ParsedMail): Record<string, string> {
  const file = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  if (!file) throw new Error(`no calendar file in "${mail.subject}"`);
  return parseCalendar(file.content.toString('utf8'));
}

/** Collects a binary body as a Buffer (superagent hands the parser the raw response stream). */
function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('everything the API writes for a person is in their language', () => {
  let smtp: TestSmtpServer;
  let sut: TestApp;
  let doctor: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sut = await startTestApp({
      WEB_ORIGIN: ORIGIN,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Clinic <no-reply@clinic.test>',
      CLINIC_NAME: 'Harbour Clinic',
      OUTBOX_WORKER: 'true',
      OUTBOX_POLL_MS: '100',
    });
  });
  afterAll(async () => {
    await sut.close();
    await smtp.close();
  });
  beforeEach(async () => {
    doctor = await account('DOCTOR', 'en', 'Dr. Rita Levi');
  });

  /**
   * A fresh account in `language` (set on the row, as the profile page will), with a token from the
   * app's own TokenService. Every request reads the account again, so its language is the row's.
   */
  async function account(role: TestUser['role'], language: Language, name = `${role.toLowerCase()} ${randomUUID().slice(0, 8)}`) {
    const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
    const user = await sut.prisma.user.create({ data: { email, name, role, timeZone: 'Europe/Madrid' } });
    await sut.prisma.user.update({ where: { id: user.id }, data: { language } });
    return { id: user.id, email, name, role, token: sut.app.get(TokenService).sign(user.id, role).token };
  }

  /** The `count`th message to `recipient` (addresses are unique to a test; subjects are in its language). */
  async function mailTo(recipient: string, count = 1): Promise<ParsedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mine = smtp.messages.filter(
        (mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === recipient),
      );
      if (mine.length >= count) return mine[count - 1]!;
      if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${recipient}, got ${mine.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function book(patient: TestUser, reason: string): Promise<AppointmentResponse> {
    const response = await sut.http
      .post('/api/appointments')
      .set(bearer(doctor))
      .send({ patientId: patient.id, startsAt: STARTS_AT, durationMinutes: 30, reason })
      .expect(201);
    return response.body as AppointmentResponse;
  }

  it('sends a Spanish patient the booking confirmation and its calendar file in Spanish, and shares the invitation in Spanish', async () => {
    const patient = await account('PATIENT', 'es', 'Ana Lima');
    const visit = await book(patient, 'Control de la tensión');

    const mail = await mailTo(patient.email);
    const when = 'martes, 4 de marzo de 2031, 9:30, hora de Europe/Madrid';
    expect(mail.subject).toBe(`Su videoconsulta con Dr. Rita Levi: ${when}`);
    expect(mail.text).toContain('Hola, Ana Lima:');
    expect(mail.text).toContain('Dr. Rita Levi ha programado una videoconsulta con usted.');
    expect(mail.text).toContain(`Cuándo: ${when} (30 minutos)`);
    expect(mail.text).toContain('Motivo: Control de la tensión');
    expect(mail.text).toContain(`vaya a ${ORIGIN}/join y escriba el código`);
    const link = LINK.exec(mail.text!)![0];
    const code = CODE.exec(mail.text!)![0];
    expect(mail.text).toContain(`Unirse a su videoconsulta: ${link}`);
    expect(mail.html).toContain('<html lang="es" dir="ltr">');

    const calendar = calendarOf(mail);
    expect(calendar).toMatchObject({
      METHOD: 'REQUEST',
      UID: `${visit.id}@telehealth`,
      URL: link,
      SUMMARY: 'Videoconsulta con Dr. Rita Levi',
    });
    expect(calendar.DESCRIPTION).toContain(`Videoconsulta con Dr. Rita Levi el ${when} (30 minutos).`);
    expect(calendar.DESCRIPTION).toContain(`Unirse: ${link}`);
    expect(calendar.DESCRIPTION).toContain(`escriba el código ${code} en ${ORIGIN}/join`);

    // The message the doctor pastes goes to the patient: in the patient's language.
    const invitation = (await sut.http.get(`/api/appointments/${visit.id}/invitation`).set(bearer(doctor)).expect(200))
      .body as VisitInvitationResponse;
    expect(invitation.message).toContain(`Su videoconsulta con Dr. Rita Levi es el ${when} (30 minutos).`);
    expect(invitation.message).toContain(`O vaya a ${ORIGIN}/join y escriba el código ${code}.`);

    // A downloaded calendar file is in the language of whoever downloads it.
    const path = `/api/appointments/${visit.id}/calendar.ics`;
    expect(parseCalendar((await sut.http.get(path).set(bearer(patient)).expect(200)).text).SUMMARY).toBe('Videoconsulta con Dr. Rita Levi');
    expect(parseCalendar((await sut.http.get(path).set(bearer(doctor)).expect(200)).text).SUMMARY).toBe('Video visit with Dr. Rita Levi');
  });

  it('sends an Arabic patient the booking confirmation, its calendar file and the cancellation in Arabic, right to left', async () => {
    const patient = await account('PATIENT', 'ar', 'ليلى حداد');
    const visit = await book(patient, 'متابعة ضغط الدم');

    const mail = await mailTo(patient.email);
    const when = 'الثلاثاء، 4 مارس 2031 الساعة 9:30 ص بتوقيت Europe/Madrid';
    expect(mail.subject).toBe(`زيارتك عبر الفيديو مع Dr. Rita Levi: ${when}`);
    expect(mail.text).toContain('مرحبًا ليلى حداد،');
    expect(mail.text).toContain('حجز Dr. Rita Levi لك زيارة عبر الفيديو.');
    expect(mail.text).toContain(`الموعد: ${when} (المدة: 30 دقيقة)`);
    expect(mail.text).toContain('السبب: متابعة ضغط الدم');
    const link = LINK.exec(mail.text!)![0];
    expect(mail.text).toContain(`الانضمام إلى زيارتك عبر الفيديو: ${link}`);
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).not.toMatch(/\b(?:Hello|When|Your code|video visit)\b/);

    const calendar = calendarOf(mail);
    expect(calendar).toMatchObject({ METHOD: 'REQUEST', URL: link, SUMMARY: 'زيارة عبر الفيديو مع Dr. Rita Levi' });
    expect(calendar.DESCRIPTION).toContain(`زيارة عبر الفيديو مع Dr. Rita Levi يوم ${when} (المدة: 30 دقيقة).`);
    expect(calendar.DESCRIPTION).toContain(`الانضمام: ${link}`);

    await sut.http.patch(`/api/appointments/${visit.id}`).set(bearer(doctor)).send({ status: 'CANCELLED' }).expect(200);
    const cancelled = await mailTo(patient.email, 2);
    expect(cancelled.subject).toBe(`تم الإلغاء: زيارتك عبر الفيديو مع Dr. Rita Levi يوم ${when}`);
    expect(cancelled.text).toContain(`ألغى Dr. Rita Levi زيارتك عبر الفيديو المقررة يوم ${when} (المدة: 30 دقيقة).`);
    expect(calendarOf(cancelled)).toMatchObject({ METHOD: 'CANCEL', STATUS: 'CANCELLED' });
    expect(calendarOf(cancelled).DESCRIPTION).toContain('أُلغيت الزيارة عبر الفيديو مع Dr. Rita Levi');
  });

  it('writes the visit report in the language of whoever downloads it: Spanish for a Spanish-speaking doctor', async () => {
    await sut.prisma.user.update({ where: { id: doctor.id }, data: { language: 'es' } });
    const patient = await account('PATIENT', 'en', 'Leo Brandt');
    const visit = await book(patient, 'Follow-up');
    const startsAt = new Date(Date.now() - 2 * 3600_000);
    startsAt.setSeconds(0, 0);
    await sut.prisma.appointment.update({
      where: { id: visit.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), status: 'COMPLETED' },
    });
    await sut.prisma.session.update({
      where: { id: visit.sessionId },
      data: {
        status: 'ENDED',
        startedAt: new Date(startsAt.getTime() + 60_000),
        endedAt: new Date(startsAt.getTime() + 20 * 60_000),
        endedById: doctor.id,
      },
    });
    await sut.prisma.chatMessage.create({
      data: { sessionId: visit.sessionId, senderId: patient.id, body: 'Can you hear me?', sentAt: new Date(startsAt.getTime() + 120_000) },
    });
    const download = (user: TestUser) =>
      sut.http.get(`/api/sessions/${visit.sessionId}/report.pdf`).set(bearer(user)).buffer(true).parse(binary).expect(200);

    const forDoctor = (await pdfText((await download(doctor)).body as Buffer)).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Informe de la consulta (copia del médico)',
      'Preparado para Dr. Rita Levi el ',
      'Todas las horas se muestran en Europe/Madrid.',
      'Consulta',
      'Médico: Dr. Rita Levi',
      'Paciente: Leo Brandt',
      'Duración: 19 min',
      'Estado: completada (sesión finalizada)',
      'Participantes',
      'Leo Brandt (Paciente): nunca se unió',
      'Llamada',
      'Conexión: sin medir (los navegadores no enviaron muestras de la conexión); ninguna reconexión',
      'Cronología',
      'Nadie se unió a esta consulta.',
      'Transcripción del chat',
      'Leo Brandt: Can you hear me?',
      'Notas del médico',
      'Aún no se han escrito notas para esta consulta.',
      'Harbour Clinic - confidencial',
      'Página 1 de 1',
    ]) {
      expect(forDoctor).toContain(expected);
    }
    expect(forDoctor).not.toContain('Visit report');

    // The same visit's report for its English-speaking patient is in English.
    const forPatient = (await pdfText((await download(patient)).body as Buffer)).text.replace(/\s+/g, ' ');
    expect(forPatient).toContain("Visit report (patient's copy)");
    expect(forPatient).toContain('Participants');
    expect(forPatient).not.toContain('Participantes');
  });
});
