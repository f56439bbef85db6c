import type { AppointmentStatus, SessionEventType, SessionStatus } from '@telehealth/contracts';
import PDFDocument from 'pdfkit';
import { ReportFonts, reportFonts, RIGHT_TO_LEFT } from './fonts';

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
  timeline: Array<{
    type: SessionEventType;
    userId: string | null;
    userName: string | null;
    at: Date;
    detail: Record<string, string> | null;
  }>;
  chat: Array<{ senderName: string; body: string; sentAt: Date }>;
  /** How many older chat messages and timeline entries the caller did not load (see REPORT_LIMITS). */
  omitted?: { chat: number; timeline: number };
  /** The patient's copy never carries the doctor's private notes. */
  notes: { included: false } | { included: true; latest: { body: string; version: number; updatedAt: Date; authorName: string } | null };
}

/**
 * What one report may hold, so a long visit cannot make a report of hundreds of pages: the newest chat
 * messages (by count and by characters: 500 messages of up to 2,000 characters each would be ~300 pages)
 * and the newest timeline entries. The report says how many older ones it leaves out.
 */
export const REPORT_LIMITS = { chatMessages: 500, chatCharacters: 200_000, timelineEntries: 200 } as const;

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
        const text =
          event.detail?.reason === 'timeout' ? `${name} lost the connection and did not come back in time.` : `${name} left the visit.`;
        return { at: event.at, text };
      }
      case 'ENDED':
        for (const userId of [...waitingSince.keys()]) stopWaiting(userId, event.at);
        return { at: event.at, text: `${name} ended the visit.` };
    }
  });
  return { lines, waitingSeconds: Math.round(waitingSeconds), reconnects };
}

/**
 * e.g. `visit-report-2026-11-22-leo-brandt.pdf` or `visit-report-2026-11-22-иван-петров.pdf`, dated in the
 * viewer's zone, keeping the patient's name in its own script (the header gives an ASCII fallback beside it).
 */
export function reportFileName(data: Pick<SessionReportData, 'scheduledStart' | 'patient' | 'viewer'>): string {
  const date = timeFormatters(data.viewer.timeZone).isoDate(data.scheduledStart);
  const slug = [
    ...cleanText(data.patient.name)
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase(),
  ]
    .slice(0, 40)
    .join('')
    .replace(/-+$/, '');
  return `visit-report-${date}${slug ? `-${slug}` : ''}.pdf`;
}

// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as the PDF takes it: composed, without control or direction-override characters, spaces a line may break at. */
export function cleanText(text: string): string {
  return (
    text
      .replace(LONE_SURROGATE, '\ufffd')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      .replace(/[\u00a0\u202f\u2009]/g, ' ')
      // Emoji presentation selectors: the report sets pictographs in the emoji font anyway, and Noto Emoji draws them as a gap.
      .replace(/[\ufe0e\ufe0f]/g, '')
      .replace(CONTROL, '')
  );
}

function statusSentence(data: SessionReportData): string | null {
  if (data.sessionStatus === 'ENDED') return null;
  if (data.appointmentStatus === 'CANCELLED') return 'This visit was cancelled and did not take place.';
  if (data.appointmentStatus === 'NO_SHOW') return 'This visit did not take place: nobody joined before its time was over (no-show).';
  if (data.sessionStatus === 'ACTIVE')
    return 'This visit has not ended yet: it is still in progress. This report is provisional and incomplete.';
  return 'This visit has not ended yet: it has not started. This report is provisional and incomplete.';
}

interface PdfkitInternals {
  _font?: { constructor: new (doc: PDFKit.PDFDocument, font: unknown, id: string) => unknown };
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
}
let EmbeddedFont: (new (doc: PDFKit.PDFDocument, font: unknown, id: string) => unknown) | null | undefined;

/**
 * Registers the report fonts on a document. pdfkit would parse each font file again for every document
 * (Noto Sans alone costs ~100 ms of layout-table parsing); when its internals are as expected (0.17), the
 * document instead gets pdfkit's own embedded-font objects over the fonts parsed once per thread.
 * Each document still embeds its own subset.
 */
function attachFonts(doc: PDFKit.PDFDocument, fonts: ReportFonts): void {
  for (const [name, bytes] of fonts.files) doc.registerFont(name, bytes);
  if (EmbeddedFont === undefined) {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', fonts.files.values().next().value);
    probe.font('probe');
    const constructor = (probe as unknown as PdfkitInternals)._font?.constructor;
    EmbeddedFont = typeof constructor === 'function' ? constructor : null;
  }
  const internals = doc as unknown as PdfkitInternals;
  if (!EmbeddedFont || typeof internals._fontFamilies !== 'object' || typeof internals._fontCount !== 'number') return;
  for (const [name, font] of fonts.parsed) {
    internals._fontCount += 1;
    internals._fontFamilies[name] = new EmbeddedFont(doc, font, `F${internals._fontCount}`);
  }
}

/** A piece of a paragraph in one style; pieces are split further into font runs. */
interface Piece {
  text: string;
  bold?: boolean;
  color?: string;
  /** Text a user wrote (a message, notes): set right to left as a whole when it starts with a right-to-left letter. */
  own?: boolean;
}

// Numbers inside a right-to-left run would come out reversed when fontkit reverses the run's glyphs:
// reversing them first puts them back in reading order.
const NUMBER = /\p{Nd}+(?:[.,:/\u066b\u066c]\p{Nd}+)*/gu;
function forRightToLeftRun(text: string): string {
  return text.replace(NUMBER, (number) => [...number].reverse().join(''));
}

/**
 * Lays out the visit report. Returns the document already ended: pipe it to the response or collect it
 * (renderSessionReportBytes). Pages are buffered so every page can say "Page n of N". Pure CPU work with
 * no I/O but reading the font files once per thread: it runs in the report worker threads, never on the
 * API's event loop.
 */
export function renderSessionReport(data: SessionReportData): PDFKit.PDFDocument {
  const fmt = timeFormatters(data.viewer.timeZone);
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      // pdfkit writes non-ASCII info strings as UTF-16, so names keep their script here too.
      Title: cleanText(`Visit report: ${data.patient.name} with ${data.doctor.name}`),
      Author: cleanText(data.clinicName),
      Subject: cleanText(data.reason),
      CreationDate: data.generatedAt,
    },
  });
  attachFonts(doc, fonts);
  const width = doc.page.width - 2 * MARGIN;
  const fontSize = () => (doc as unknown as { _fontSize: number })._fontSize;
  const latin = fonts.metrics.latin;

  /**
   * One paragraph from styled pieces, each character set in a font that has it. Every run sits on Noto
   * Sans' baseline and line height, whatever its font's own metrics. A user's own text that starts right
   * to left has its runs in right-to-left order (exact for one line; a wrapped mixed-direction paragraph
   * keeps this order across its lines, as the full Unicode bidi algorithm is not implemented).
   */
  const rich = (pieces: Piece[], options: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }) => {
    const runs = pieces.flatMap((piece) => {
      const text = cleanText(piece.text);
      const rightToLeft = piece.own === true && fonts.isRightToLeft(text);
      const split = fonts.split(text, { rightToLeft }).map((run) => ({ ...run, bold: piece.bold, color: piece.color }));
      return rightToLeft ? split.reverse() : split;
    });
    if (runs.length === 0) runs.push({ font: 'latin', text: '', bold: pieces[0]?.bold, color: pieces[0]?.color });
    runs.forEach((run, index) => {
      doc.font(fonts.nameOf(run.font, run.bold ? 'bold' : 'regular'));
      if (run.color) doc.fillColor(run.color);
      const rightToLeft = RIGHT_TO_LEFT.has(run.font);
      const own = fonts.metrics[run.font];
      const size = fontSize();
      const runOptions: PDFKit.Mixins.TextOptions = {
        width,
        ...options,
        // With features set pdfkit lays a line out as one piece (fontkit then orders it right to left);
        // null (not undefined, which would inherit the previous run's option) keeps word-by-word layout.
        features: (rightToLeft ? [] : null) as unknown as PDFKit.Mixins.TextOptions['features'],
        // A numeric baseline is the offset of the baseline from the top of the line, negated, in points.
        baseline: -(latin.ascender / 1000) * size,
        lineGap: ((latin.ascender - latin.descender + latin.lineGap - (own.ascender - own.descender + own.lineGap)) / 1000) * size,
        continued: index < runs.length - 1,
      };
      const text = rightToLeft ? forRightToLeftRun(run.text) : run.text;
      if (index === 0 && at) doc.text(text, at.x, at.y, runOptions);
      else doc.text(text, runOptions);
    });
  };
  const write = (text: string, options: PDFKit.Mixins.TextOptions = {}, bold = false) => rich([{ text, bold }], options);
  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(1).fontSize(13).fillColor(COLOR_TEXT);
    write(text, {}, true);
    doc.moveDown(0.3).fontSize(10);
  };
  const field = (label: string, value: string) => {
    doc.fontSize(10);
    rich([
      { text: `${label}: `, bold: true, color: COLOR_TEXT },
      { text: value, color: COLOR_TEXT },
    ]);
  };
  const leftOut = (text: string) => {
    doc.fontSize(9);
    rich([{ text, color: COLOR_WARN }]);
    doc.fontSize(10).moveDown(0.3);
  };

  // Title block
  doc.fontSize(18).fillColor(COLOR_TEXT);
  write(data.clinicName, {}, true);
  doc.fontSize(12).fillColor(COLOR_MUTED);
  write(data.viewer.role === 'DOCTOR' ? "Visit report (doctor's copy)" : "Visit report (patient's copy)");
  doc.fontSize(9);
  write(`Prepared for ${data.viewer.name} on ${fmt.dateTime(data.generatedAt)}. All times are shown in ${data.viewer.timeZone}.`);

  const status = statusSentence(data);
  if (status) {
    doc.moveDown(0.8).fontSize(12).fillColor(COLOR_WARN);
    write(status, {}, true);
  }

  // The visit
  heading('Visit');
  field('Doctor', data.doctor.name);
  field('Patient', data.patient.name);
  field('Reason', data.reason);
  field(
    'Scheduled',
    `${fmt.dateTime(data.scheduledStart)} to ${fmt.dateTime(data.scheduledEnd)} (${formatDuration((data.scheduledEnd.getTime() - data.scheduledStart.getTime()) / 1000)})`,
  );
  field('Started', data.startedAt ? fmt.dateTime(data.startedAt) : 'never (doctor and patient were not together)');
  field('Ended', data.endedAt ? fmt.dateTime(data.endedAt) : 'not ended');
  field(
    'Duration',
    data.startedAt && data.endedAt ? formatDuration((data.endedAt.getTime() - data.startedAt.getTime()) / 1000) : 'not available',
  );
  if (data.endedByName) field('Ended by', data.endedByName);
  field('Status', `${data.appointmentStatus.toLowerCase().replace('_', '-')} (session ${data.sessionStatus.toLowerCase()})`);

  // Timeline: only the newest entries; the report says how many are left out.
  const timelineShown = data.timeline.slice(-REPORT_LIMITS.timelineEntries);
  const timelineOmitted = (data.omitted?.timeline ?? 0) + data.timeline.length - timelineShown.length;
  const timeline = describeTimeline({ ...data, timeline: timelineShown });
  heading('Timeline');
  if (timeline.lines.length === 0) write('Nobody joined this visit.');
  else {
    if (timelineOmitted > 0) {
      leftOut(
        `This report shows the newest ${timelineShown.length} timeline events; the ${timelineOmitted} older ${timelineOmitted === 1 ? 'one is' : 'ones are'} left out, ` +
          'and the waiting time and reconnects below count only the events shown.',
      );
    }
    field('Time in the waiting room', formatDuration(timeline.waitingSeconds));
    field('Reconnects', String(timeline.reconnects));
    doc.moveDown(0.4);
    for (const line of timeline.lines) {
      rich([
        { text: `${fmt.time(line.at)}  `, color: COLOR_MUTED },
        { text: line.text, color: COLOR_TEXT },
      ]);
    }
  }

  // Chat: the newest messages within REPORT_LIMITS.
  const chat = newestChat(data.chat);
  const chatOmitted = (data.omitted?.chat ?? 0) + data.chat.length - chat.length;
  heading('Chat transcript');
  if (chatOmitted > 0) {
    leftOut(
      `This report shows the newest ${chat.length} chat messages; the ${chatOmitted} older ${chatOmitted === 1 ? 'one is' : 'ones are'} left out ` +
        `(a report holds at most ${REPORT_LIMITS.chatMessages} messages and ${REPORT_LIMITS.chatCharacters.toLocaleString('en-GB')} characters of chat).`,
    );
  }
  if (chat.length === 0 && chatOmitted === 0) write('No chat messages were sent.');
  for (const message of chat) {
    rich([
      { text: `${fmt.time(message.sentAt)}  `, color: COLOR_MUTED },
      { text: `${message.senderName}: `, bold: true, color: COLOR_TEXT },
      { text: message.body, color: COLOR_TEXT, own: true },
    ]);
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
    rich([{ text: latest.body.trim() === '' ? '(empty)' : latest.body, own: true }]);
  }

  // Footers, now that the page count is known
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing into the margin must not start a new page
    doc.fontSize(8).fillColor(COLOR_MUTED);
    rich(
      [{ text: `${data.clinicName} - confidential` }],
      { width: width * 0.7, align: 'left', lineBreak: false },
      { x: MARGIN, y: doc.page.height - 36 },
    );
    doc.font(fonts.nameOf('latin', 'regular'));
    doc.text(`Page ${index - pages.start + 1} of ${pages.count}`, MARGIN, doc.page.height - 36, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return doc;
}

/** The newest messages that fit REPORT_LIMITS (count and characters), in the order they were sent. */
export function newestChat<T extends { body: string }>(messages: T[]): T[] {
  let characters = 0;
  let first = messages.length;
  while (first > 0 && messages.length - first < REPORT_LIMITS.chatMessages) {
    characters += messages[first - 1]!.body.length;
    if (characters > REPORT_LIMITS.chatCharacters && first < messages.length) break;
    first -= 1;
  }
  return messages.slice(first);
}

/** The report as PDF bytes, in one buffer of its own (so a worker can transfer it without copying). */
export async function renderSessionReportBytes(data: SessionReportData): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of renderSessionReport(data)) chunks.push(chunk as Buffer);
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
