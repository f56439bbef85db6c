import type { AppointmentStatus, SessionEventType, SessionStatus } from '@telehealth/contracts';
import PDFDocument from 'pdfkit';

/** Everything a visit report shows, already loaded and permission-checked: no I/O from here on. */
export interface SessionReportData {
  clinicName: string;
  generatedAt: Date;
  viewer: { name: string; role: 'DOCTOR' | 'PATIENT'; timeZone: string };
  doctor: { id: string; name: string };
  patient: { id: string; name: string };
  reason: string;
  appointmentStatus: AppointmentStatus;
  sessionStatus: SessionStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endedByName: string | null;
  timeline: Array<{ type: SessionEventType; userId: string | null; userName: string | null; at: Date; detail: Record<string, string> | null }>;
  chat: Array<{ senderName: string; body: string; sentAt: Date }>;
  /** The patient's copy never carries the doctor's private notes. */
  notes: { included: false } | { included: true; latest: { body: string; version: number; updatedAt: Date; authorName: string } | null };
}

export const NOTES_EXCLUDED_SENTENCE = "Doctor's notes are not included in the patient's copy.";

const MARGIN = 56;
const COLOR_TEXT = '#111111';
const COLOR_MUTED = '#555555';
const COLOR_WARN = '#8a3b00';

/** "1 h 4 min", "12 min 5 s", "40 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}

/** Formatters for the viewer's zone; every time in the report goes through them. */
export function timeFormatters(timeZone: string) {
  const dateTime = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    dateTime: (at: Date) => dateTime.format(at),
    time: (at: Date) => time.format(at),
    isoDate: (at: Date) => isoDate.format(at),
  };
}

/**
 * The timeline as sentences a person understands, plus the waiting time (from each WAITING
 * until the two were connected, the visit ended or the waiting party left) and reconnects.
 */
export function describeTimeline(data: Pick<SessionReportData, 'timeline' | 'doctor' | 'patient' | 'endedByName'>): {
  lines: Array<{ at: Date; text: string }>;
  waitingSeconds: number;
  reconnects: number;
} {
  const nameOf = (userId: string | null, fallback: string | null) =>
    fallback ?? (userId === data.doctor.id ? data.doctor.name : userId === data.patient.id ? data.patient.name : 'Someone');
  const otherOf = (userId: string | null) => (userId === data.doctor.id ? data.patient.name : data.doctor.name);
  const waitingSince = new Map<string, Date>();
  let waitingSeconds = 0;
  let reconnects = 0;
  const stopWaiting = (userId: string, at: Date): number | null => {
    const since = waitingSince.get(userId);
    if (!since) return null;
    waitingSince.delete(userId);
    const seconds = (at.getTime() - since.getTime()) / 1000;
    waitingSeconds += seconds;
    return seconds;
  };

  const lines = data.timeline.map((event) => {
    const name = nameOf(event.userId, event.userName);
    const key = event.userId ?? '';
    switch (event.type) {
      case 'JOINED':
        return { at: event.at, text: `${name} joined the visit.` };
      case 'WAITING':
        waitingSince.set(key, event.at);
        return { at: event.at, text: `${name} waited for ${otherOf(event.userId)}.` };
      case 'PEER_JOINED': {
        const waited = [...waitingSince.keys()].map((userId) => ({ userId, seconds: stopWaiting(userId, event.at) ?? 0 }));
        const peer = event.detail?.peer ? nameOf(event.detail.peer, null) : otherOf(event.userId);
        const after = waited.map((entry) => ` ${nameOf(entry.userId, null)} had waited ${formatDuration(entry.seconds)}.`).join('');
        return { at: event.at, text: `${name} and ${peer} were connected.${after}` };
      }
      case 'RECONNECTED':
        reconnects += 1;
        return { at: event.at, text: `${name} reconnected after a connection drop.` };
      case 'LEFT': {
        stopWaiting(key, event.at);
        const text = event.detail?.reason === 'timeout' ? `${name} lost the connection and did not come back in time.` : `${name} left the visit.`;
        return { at: event.at, text };
      }
      case 'ENDED':
        for (const userId of [...waitingSince.keys()]) stopWaiting(userId, event.at);
        return { at: event.at, text: `${name} ended the visit.` };
    }
  });
  return { lines, waitingSeconds: Math.round(waitingSeconds), reconnects };
}

/** e.g. `visit-report-2026-11-22-leo-brandt.pdf`, dated in the viewer's zone; ASCII only, safe in a header. */
export function reportFileName(data: Pick<SessionReportData, 'scheduledStart' | 'patient' | 'viewer'>): string {
  const date = timeFormatters(data.viewer.timeZone).isoDate(data.scheduledStart);
  const slug = data.patient.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `visit-report-${date}${slug ? `-${slug}` : ''}.pdf`;
}

// Helvetica (a PDF standard font) can only show WinAnsi characters; anything else would print as garbage.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function pdfSafe(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\u00a0' || char === '\u202f' || char === '\u2009') out += ' ';
    else if (code === 9 || code === 10 || (code >= 32 && code < 127) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRAS.has(char)) out += char;
    else if (code === 13) continue;
    else out += '?';
  }
  return out;
}

function statusSentence(data: SessionReportData): string | null {
  if (data.sessionStatus === 'ENDED') return null;
  if (data.appointmentStatus === 'CANCELLED') return 'This visit was cancelled and did not take place.';
  if (data.appointmentStatus === 'NO_SHOW') return 'This visit did not take place: nobody joined before its time was over (no-show).';
  if (data.sessionStatus === 'ACTIVE') return 'This visit has not ended yet: it is still in progress. This report is provisional and incomplete.';
  return 'This visit has not ended yet: it has not started. This report is provisional and incomplete.';
}

/**
 * Lays out the visit report. Returns the document already ended: pipe it to the response.
 * Pages are buffered so every page can say "Page n of N".
 */
export function renderSessionReport(data: SessionReportData): PDFKit.PDFDocument {
  const fmt = timeFormatters(data.viewer.timeZone);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfSafe(`Visit report: ${data.patient.name} with ${data.doctor.name}`),
      Author: pdfSafe(data.clinicName),
      Subject: pdfSafe(data.reason),
      CreationDate: data.generatedAt,
    },
  });
  const width = doc.page.width - 2 * MARGIN;
  const write = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(text), { width, ...options });
  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).fillColor(COLOR_TEXT);
    write(text);
    doc.moveDown(0.3).font('Helvetica').fontSize(10);
  };
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(COLOR_TEXT).text(pdfSafe(`${label}: `), { width, continued: true });
    doc.font('Helvetica').text(pdfSafe(value), { width });
  };

  // Title block
  doc.font('Helvetica-Bold').fontSize(18).fillColor(COLOR_TEXT);
  write(data.clinicName);
  doc.font('Helvetica').fontSize(12).fillColor(COLOR_MUTED);
  write(data.viewer.role === 'DOCTOR' ? "Visit report (doctor's copy)" : "Visit report (patient's copy)");
  doc.fontSize(9);
  write(`Prepared for ${data.viewer.name} on ${fmt.dateTime(data.generatedAt)}. All times are shown in ${data.viewer.timeZone}.`);

  const status = statusSentence(data);
  if (status) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor(COLOR_WARN);
    write(status);
  }

  // The visit
  heading('Visit');
  field('Doctor', data.doctor.name);
  field('Patient', data.patient.name);
  field('Reason', data.reason);
  field('Scheduled', `${fmt.dateTime(data.scheduledStart)} to ${fmt.dateTime(data.scheduledEnd)} (${formatDuration((data.scheduledEnd.getTime() - data.scheduledStart.getTime()) / 1000)})`);
  field('Started', data.startedAt ? fmt.dateTime(data.startedAt) : 'never (doctor and patient were not together)');
  field('Ended', data.endedAt ? fmt.dateTime(data.endedAt) : 'not ended');
  field('Duration', data.startedAt && data.endedAt ? formatDuration((data.endedAt.getTime() - data.startedAt.getTime()) / 1000) : 'not available');
  if (data.endedByName) field('Ended by', data.endedByName);
  field('Status', `${data.appointmentStatus.toLowerCase().replace('_', '-')} (session ${data.sessionStatus.toLowerCase()})`);

  // Timeline
  const timeline = describeTimeline(data);
  heading('Timeline');
  if (timeline.lines.length === 0) write('Nobody joined this visit.');
  else {
    field('Time in the waiting room', formatDuration(timeline.waitingSeconds));
    field('Reconnects', String(timeline.reconnects));
    doc.moveDown(0.4);
    for (const line of timeline.lines) {
      doc.font('Helvetica').fillColor(COLOR_MUTED).text(pdfSafe(`${fmt.time(line.at)}  `), { width, continued: true });
      doc.fillColor(COLOR_TEXT).text(pdfSafe(line.text), { width });
    }
  }

  // Chat
  heading('Chat transcript');
  if (data.chat.length === 0) write('No chat messages were sent.');
  for (const message of data.chat) {
    doc.font('Helvetica').fillColor(COLOR_MUTED).text(pdfSafe(`${fmt.time(message.sentAt)}  `), { width, continued: true });
    doc.font('Helvetica-Bold').fillColor(COLOR_TEXT).text(pdfSafe(`${message.senderName}: `), { width, continued: true });
    doc.font('Helvetica').text(pdfSafe(message.body), { width });
  }

  // Notes
  heading("Doctor's notes");
  if (!data.notes.included) write(NOTES_EXCLUDED_SENTENCE);
  else if (!data.notes.latest) write('No notes have been written for this visit yet.');
  else {
    const latest = data.notes.latest;
    doc.fillColor(COLOR_MUTED);
    write(`Version ${latest.version}, last edited ${fmt.dateTime(latest.updatedAt)} by ${latest.authorName}.`);
    doc.moveDown(0.4).fillColor(COLOR_TEXT);
    write(latest.body.trim() === '' ? '(empty)' : latest.body);
  }

  // Footers, now that the page count is known
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing into the margin must not start a new page
    doc.font('Helvetica').fontSize(8).fillColor(COLOR_MUTED);
    doc.text(pdfSafe(`${data.clinicName} - confidential`), MARGIN, doc.page.height - 36, { width, align: 'left', lineBreak: false });
    doc.text(`Page ${index - pages.start + 1} of ${pages.count}`, MARGIN, doc.page.height - 36, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc;
}
