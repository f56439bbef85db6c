import { pdfText } from '../../../test/pdf-text';
import { resolveLevels, visualOrder } from './bidi';
import {
  describeTimeline,
  formatDuration,
  NOTES_EXCLUDED_SENTENCE,
  renderSessionReport,
  REPORT_LIMITS,
  reportFileName,
  SessionReportData,
} from './session-report';

const doctor = { id: 'doc-1', name: 'Dr. Ines Ward' };
const patient = { id: 'pat-1', name: 'Leo Brandt' };
const at = (time: string) => new Date(`2026-03-02T${time}Z`);

function report(overrides: Partial<SessionReportData> = {}): SessionReportData {
  return {
    clinicName: 'Harbour Clinic',
    generatedAt: at('10:00:00'),
    viewer: { name: doctor.name, role: 'DOCTOR', timeZone: 'Europe/Berlin', language: 'en' },
    doctor,
    patient,
    reason: 'Follow-up on blood pressure',
    appointmentStatus: 'COMPLETED',
    sessionStatus: 'ENDED',
    scheduledStart: at('09:00:00'),
    scheduledEnd: at('09:30:00'),
    startedAt: at('09:03:00'),
    endedAt: at('09:15:30'),
    endedByName: doctor.name,
    participants: [
      { userId: doctor.id, name: doctor.name, role: 'DOCTOR', firstJoinedAt: at('09:03:00'), lastLeftAt: at('09:15:30') },
      { userId: patient.id, name: patient.name, role: 'PATIENT', firstJoinedAt: at('09:01:00'), lastLeftAt: at('09:15:30') },
    ],
    timeline: [
      { type: 'JOINED', userId: patient.id, userName: patient.name, at: at('09:01:00'), detail: null },
      { type: 'WAITING', userId: patient.id, userName: patient.name, at: at('09:01:00'), detail: null },
      { type: 'JOINED', userId: doctor.id, userName: doctor.name, at: at('09:03:00'), detail: null },
      { type: 'PEER_JOINED', userId: doctor.id, userName: doctor.name, at: at('09:03:00'), detail: { peer: patient.id } },
      { type: 'RECONNECTED', userId: patient.id, userName: patient.name, at: at('09:07:00'), detail: null },
      { type: 'ENDED', userId: doctor.id, userName: doctor.name, at: at('09:15:30'), detail: null },
    ],
    chat: [{ senderName: patient.name, body: 'Can you hear me? Grüße – “fine”', sentAt: at('09:04:00') }],
    call: {
      media: { videoSeconds: 8 * 60 + 28, audioOnlySeconds: 4 * 60 + 2, audioOnlyForNetworkSeconds: 3 * 60 + 40 },
      connection: { path: 'direct', rttMedianMs: 40, rttP95Ms: 120, lossMedianPct: 0.2, lossP95Pct: 3.1, reconnects: 1, samples: 140 },
      verifications: [
        {
          code: '482 193',
          verifiedAt: at('09:05:00').toISOString(),
          verifiedBy: { id: doctor.id, name: doctor.name },
          peer: { id: patient.id, name: patient.name },
        },
      ],
    },
    notes: {
      included: true,
      latest: { body: 'BP 128/82, continue treatment.', version: 2, updatedAt: at('09:40:00'), authorName: doctor.name },
    },
    ...overrides,
  };
}

async function textOf(data: SessionReportData) {
  const doc = renderSessionReport(data);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return pdfText(bytes);
}

describe('session report layout', () => {
  it('shows the visit, its times in the viewer’s zone (named), the timeline, the chat and the notes', async () => {
    const { text, pages } = await textOf(report());
    expect(pages).toBe(1);
    for (const expected of [
      'Harbour Clinic',
      "doctor's copy",
      'Doctor: Dr. Ines Ward',
      'Patient: Leo Brandt',
      'Reason: Follow-up on blood pressure',
      'All times are shown in Europe/Berlin',
      'Mon, 2 Mar 2026, 10:00 CET to Mon, 2 Mar 2026, 10:30 CET',
      'Started: Mon, 2 Mar 2026, 10:03 CET',
      'Ended: Mon, 2 Mar 2026, 10:15 CET',
      'Duration: 12 min 30 s',
      'Ended by: Dr. Ines Ward',
      'Time in the waiting room: 2 min',
      'Reconnects: 1',
      '10:01:00 Leo Brandt waited for Dr. Ines Ward.',
      'Leo Brandt had waited 2 min.',
      'Leo Brandt reconnected',
      'Dr. Ines Ward ended the visit.',
      'Leo Brandt: Can you hear me? Grüße – “fine”',
      'Version 2, last edited Mon, 2 Mar 2026, 10:40 CET by Dr. Ines Ward.',
      'BP 128/82, continue treatment.',
      'Page 1 of 1',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
  });

  it('shows the call: video and audio-only time, the connection, the verified-call code, and the media changes in words', async () => {
    const { text } = await textOf(
      report({
        timeline: [
          ...report().timeline.slice(0, -1),
          { type: 'VIDEO_OFF', userId: patient.id, userName: patient.name, at: at('09:08:00'), detail: { cause: 'network' } },
          { type: 'VIDEO_ON', userId: patient.id, userName: patient.name, at: at('09:11:40'), detail: { cause: 'network' } },
          { type: 'VIDEO_OFF', userId: patient.id, userName: patient.name, at: at('09:12:00'), detail: { cause: 'device' } },
          { type: 'VIDEO_OFF', userId: doctor.id, userName: doctor.name, at: at('09:12:10'), detail: { cause: 'person' } },
          { type: 'SCREEN_SHARE_STARTED', userId: doctor.id, userName: doctor.name, at: at('09:13:00'), detail: null },
          { type: 'SCREEN_SHARE_STOPPED', userId: doctor.id, userName: doctor.name, at: at('09:14:00'), detail: null },
          {
            type: 'CALL_VERIFIED',
            userId: doctor.id,
            userName: doctor.name,
            at: at('09:05:00'),
            detail: { peer: patient.id, code: '482 193' },
          },
          ...report().timeline.slice(-1),
        ],
      }),
    );
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Video 8 min 28 s · audio only 4 min 2 s (of which 3 min 40 s because of the connection)',
      'Connection: direct (peer to peer); round trip median 40 ms, 95th percentile 120 ms; packet loss median 0.2 %, 95th 3.1 %; 1 reconnect',
      'Verified call: code 482 193 compared aloud with Leo Brandt by Dr. Ines Ward at 10:05:00',
      'Video paused for Leo Brandt: poor connection.',
      'Video resumed for Leo Brandt: the connection recovered.',
      'Video stopped for Leo Brandt: camera unavailable.',
      'Dr. Ines Ward turned their camera off.',
      'Dr. Ines Ward started sharing their screen.',
      'Dr. Ines Ward stopped sharing their screen.',
      'Dr. Ines Ward compared the verified-call code 482 193 aloud with Leo Brandt: the call is verified.',
    ]) {
      expect(flat).toContain(expected);
    }
  });

  it('says when the call was not verified, relayed, or not measured', async () => {
    const unverified = report();
    const relayed = await textOf({
      ...unverified,
      call: { ...unverified.call, connection: { ...unverified.call.connection, path: 'relayed', reconnects: 0 }, verifications: [] },
    });
    const flat = relayed.text.replace(/\s+/g, ' ');
    expect(flat).toContain("Connection: relayed through the clinic's TURN server; round trip median 40 ms");
    expect(flat).toContain('; no reconnects');
    expect(flat).toContain('Not verified: nobody compared the verified-call code aloud.');
    const unmeasured = await textOf({
      ...unverified,
      call: {
        ...unverified.call,
        connection: {
          path: 'unknown',
          rttMedianMs: null,
          rttP95Ms: null,
          lossMedianPct: null,
          lossP95Pct: null,
          reconnects: 0,
          samples: 0,
        },
      },
    });
    expect(unmeasured.text.replace(/\s+/g, ' ')).toContain(
      'Connection: not measured (the browsers sent no connection samples); no reconnects',
    );
  });

  it('lists the participants, guests with their part, with when each joined and left, and names guests so in the timeline and chat', async () => {
    const interpreter = { id: 'guest-1', name: 'Ana Ruiz' };
    const { text } = await textOf(
      report({
        participants: [
          ...report().participants,
          {
            userId: interpreter.id,
            name: interpreter.name,
            role: 'GUEST',
            guestRole: 'INTERPRETER',
            firstJoinedAt: at('09:05:00'),
            lastLeftAt: at('09:12:00'),
          },
          { userId: 'guest-2', name: 'Tom Brandt', role: 'GUEST', guestRole: 'CAREGIVER', firstJoinedAt: null, lastLeftAt: null },
        ],
        timeline: [
          ...report().timeline.slice(0, -1),
          {
            type: 'JOINED',
            userId: interpreter.id,
            userName: interpreter.name,
            guestRole: 'INTERPRETER',
            at: at('09:05:00'),
            detail: null,
          },
          { type: 'LEFT', userId: interpreter.id, userName: interpreter.name, guestRole: 'INTERPRETER', at: at('09:12:00'), detail: null },
          ...report().timeline.slice(-1),
        ],
        chat: [{ senderName: interpreter.name, senderGuestRole: 'INTERPRETER', body: 'I will translate.', sentAt: at('09:06:00') }],
      }),
    );
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Participants',
      'Dr. Ines Ward (Doctor): joined 10:03:00, left 10:15:30',
      'Leo Brandt (Patient): joined 10:01:00, left 10:15:30',
      'Ana Ruiz (Interpreter): joined 10:05:00, left 10:12:00',
      'Tom Brandt (Caregiver): never joined',
      'Ana Ruiz (interpreter) joined the visit.',
      'Ana Ruiz (interpreter) left the visit.',
      'Ana Ruiz (interpreter): I will translate.',
    ]) {
      expect(flat).toContain(expected);
    }
  });

  it('leaves the doctor’s notes out of the patient’s copy and says so', async () => {
    const { text } = await textOf(
      report({ viewer: { name: patient.name, role: 'PATIENT', timeZone: 'America/New_York', language: 'en' }, notes: { included: false } }),
    );
    expect(text).toContain(NOTES_EXCLUDED_SENTENCE);
    expect(text).not.toContain('BP 128/82');
    expect(text).toContain("patient's copy");
    expect(text).toContain('Started: Mon, 2 Mar 2026, 04:03 GMT-5');
    expect(text).toContain('All times are shown in America/New_York');
  });

  it('says on the first page that a visit has not ended', async () => {
    const { text } = await textOf(
      report({
        sessionStatus: 'WAITING',
        appointmentStatus: 'SCHEDULED',
        startedAt: null,
        endedAt: null,
        endedByName: null,
        timeline: [],
        chat: [],
      }),
    );
    const firstLines = text.split('\n').slice(0, 6).join(' ');
    expect(firstLines).toContain('This visit has not ended yet');
    expect(text).toContain('Duration: not available');
    expect(text).toContain('Nobody joined this visit.');
  });

  it('runs over several pages with page numbers on each, and sets emoji in the emoji font instead of ?', async () => {
    const chat = Array.from({ length: 160 }, (_, index) => ({
      senderName: index % 2 ? doctor.name : patient.name,
      body: `message number ${index} 🙂`,
      sentAt: at('09:05:00'),
    }));
    const { text, pages } = await textOf(report({ chat }));
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text).toContain('message number 159 🙂');
    expect(text).not.toContain('?');
  });

  it('names the file by date in the viewer’s zone and the patient, keeping the name’s own letters', () => {
    const viewer = { name: 'x', role: 'DOCTOR', timeZone: 'Europe/Berlin', language: 'en' } as const;
    const scheduledStart = new Date('2026-03-02T23:30:00Z');
    expect(reportFileName({ scheduledStart, patient: { id: 'p', name: 'Zoë O’Brien' }, viewer })).toBe(
      'visit-report-2026-03-03-zoë-o-brien.pdf',
    );
    expect(reportFileName({ scheduledStart, patient: { id: 'p', name: 'Иван Петров 李小龙' }, viewer })).toBe(
      'visit-report-2026-03-03-иван-петров-李小龙.pdf',
    );
    expect(reportFileName({ scheduledStart, patient: { id: 'p', name: '"/\\\u0000' }, viewer })).toBe('visit-report-2026-03-03.pdf');
  });

  it('shows Cyrillic, Greek, Arabic and Chinese text as text, and says how many older messages and events it leaves out', async () => {
    const chat = Array.from({ length: REPORT_LIMITS.chatMessages + 3 }, (_, index) => ({
      senderName: 'Иван Петров',
      body: `сообщение ${index}`,
      sentAt: at('09:05:00'),
    }));
    chat.push({ senderName: 'مرحبا', body: 'مرحبا بك يا دكتور، عندي صداع منذ 3 أيام', sentAt: at('09:06:00') });
    chat.push({ senderName: '李小龙', body: 'Ωμέγα 头痛三天了', sentAt: at('09:07:00') });
    const { text } = await textOf(
      report({
        doctor: { id: 'doc-1', name: 'Ωμέγα Doctor' },
        patient: { id: 'pat-1', name: 'Иван Петров' },
        reason: '李小龙 مرحبا',
        chat,
        omitted: { chat: 10, timeline: 7 },
      }),
    );
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Doctor: Ωμέγα Doctor',
      'Patient: Иван Петров',
      '李小龙',
      'مرحبا بك يا دكتور، عندي صداع منذ 3 أيام',
      'Ωμέγα 头痛三天了',
      'сообщение 502',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('сообщение 4 ');
    expect(flat).toContain(`This report shows the newest ${REPORT_LIMITS.chatMessages} chat messages; the 15 older ones are left out`);
    expect(flat).toContain('This report shows the newest 6 timeline events; the 7 older ones are left out');
    expect(text).not.toContain('?');
  });

  it('adds up waiting until the visit ended when the peer never came', () => {
    const summary = describeTimeline({
      doctor,
      patient,
      endedByName: null,
      timeline: [
        { type: 'WAITING', userId: patient.id, userName: patient.name, at: at('09:00:00'), detail: null },
        { type: 'LEFT', userId: patient.id, userName: patient.name, at: at('09:04:10'), detail: { reason: 'left' } },
      ],
    });
    expect(summary.waitingSeconds).toBe(250);
    expect(formatDuration(summary.waitingSeconds)).toBe('4 min 10 s');
    expect(summary.lines.map((line) => line.text)).toEqual(['Leo Brandt waited for Dr. Ines Ward.', 'Leo Brandt left the visit.']);
  });

  it('is written in Spanish for a Spanish-speaking viewer: headings, labels, sentences, dates by Intl, footer', async () => {
    const { text } = await textOf(report({ viewer: { name: doctor.name, role: 'DOCTOR', timeZone: 'Europe/Berlin', language: 'es' } }));
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Informe de la consulta (copia del médico)',
      'Preparado para Dr. Ines Ward el lun, 2 mar 2026, 11:00 CET. Todas las horas se muestran en Europe/Berlin.',
      'Consulta',
      'Médico: Dr. Ines Ward',
      'Motivo: Follow-up on blood pressure',
      'Programada: de lun, 2 mar 2026, 10:00 CET a lun, 2 mar 2026, 10:30 CET (30 min)',
      'Estado: completada (sesión finalizada)',
      'Participantes',
      'Dr. Ines Ward (Médico): se unió a las 10:03:00, salió a las 10:15:30',
      'Llamada',
      'pérdida de paquetes: mediana del 0,2 %, percentil 95 del 3,1 %; 1 reconexión',
      'Cronología',
      'Tiempo en la sala de espera: 2 min',
      'Leo Brandt esperó a Dr. Ines Ward.',
      'Dr. Ines Ward y Leo Brandt quedaron conectados. Leo Brandt había esperado 2 min.',
      'Transcripción del chat',
      'Notas del médico',
      'Versión 2, editada por última vez el lun, 2 mar 2026, 10:40 CET por Dr. Ines Ward.',
      'Harbour Clinic - confidencial',
      'Página 1 de 1',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat).not.toContain('Visit report');
  });

  it('is written in Arabic, right to left, for an Arabic-speaking viewer', async () => {
    const { text, pages } = await textOf(
      report({
        viewer: { name: patient.name, role: 'PATIENT', timeZone: 'Europe/Berlin', language: 'ar' },
        notes: { included: false },
        chat: [{ senderName: 'ليلى حداد', body: 'مرحبا بك يا دكتور، عندي صداع منذ 3 أيام', sentAt: at('09:06:00') }],
      }),
    );
    expect(pages).toBe(1);
    // Headings without the lam-alef ligature, which pdf.js extracts in the wrong order ("ال" for "لا").
    for (const expected of [
      'نسخة المريض',
      'الزيارة',
      'المشاركون',
      'المكالمة',
      'السجل الزمني',
      'نص المحادثة',
      'Dr. Ines Ward',
      'Leo Brandt',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Visit');
    expect(text).not.toContain('?');
  });

  it('orders a right-to-left line as the Unicode bidi algorithm does: numbers and Latin names keep their reading order', () => {
    // "الطبيب: Dr Ward 10:03" — Arabic right to left; the name and the time left to right inside it.
    // A number after Latin letters belongs to them (W7): "Dr Ward 10:03" is one left-to-right run.
    const label = resolveLevels(['R', 'ON', 'WS', 'L', 'WS', 'L', 'WS', 'EN', 'CS', 'EN'], 1);
    expect(label).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
    expect(visualOrder(label)).toEqual([3, 4, 5, 6, 7, 8, 9, 2, 1, 0]);
    // "منذ 3:30 أيام": a number between Arabic words stays left to right, in its place.
    const between = resolveLevels(['R', 'WS', 'EN', 'CS', 'EN', 'WS', 'R'], 1);
    expect(between).toEqual([1, 1, 2, 2, 2, 1, 1]);
    expect(visualOrder(between)).toEqual([6, 5, 2, 3, 4, 1, 0]);
    // In a left-to-right line, Arabic inside is reversed and the rest stays.
    expect(visualOrder(resolveLevels(['L', 'WS', 'R', 'WS', 'R', 'WS', 'L'], 0))).toEqual([0, 1, 4, 3, 2, 5, 6]);
  });
});
