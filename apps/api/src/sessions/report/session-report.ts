import { textDirection } from '@telehealth/contracts';
import PDFDocument from 'pdfkit';
import { translator } from '../../i18n/translator';
import { reportFonts } from './fonts';
import { SessionReportData, timeFormatters } from './report-data';
import { writePageFooters } from './report-footer';
import { writeCall, writeChat, writeHeader, writeNotes, writeParticipants, writeSummary, writeTimeline } from './report-sections';
import { attachFonts, cleanText, MARGIN, reportWriter } from './report-text';

export {
  describeCall,
  formatDuration,
  newestChat,
  NOTES_EXCLUDED_SENTENCE,
  participantRole,
  REPORT_LIMITS,
  reportFileName,
  timeFormatters,
} from './report-data';
export type { SessionReportData } from './report-data';
export { describeTimeline } from './report-timeline';
export { cleanText } from './report-text';

/**
 * Lays out the visit report, in the language of the person who downloads it (`data.viewer.language`):
 * its headings, labels and sentences, its dates as Intl writes them in that language, and right to left
 * for Arabic. Returns the document already ended: pipe it to the response or collect it
 * (renderSessionReportBytes). Pages are buffered so every page can say "Page n of N". Pure CPU work with
 * no I/O but reading the font files once per thread: it runs in the report worker threads, never on the
 * API's event loop.
 */
export function renderSessionReport(data: SessionReportData): PDFKit.PDFDocument {
  const language = data.viewer.language;
  const fmt = timeFormatters(data.viewer.timeZone, language);
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: language,
    // No default font: pdfkit would parse Helvetica's metrics file for every document (a tenth of a long
    // report's render time) for a font the report never uses; the report's own font is set below.
    font: null as unknown as string,
    info: {
      // pdfkit writes non-ASCII info strings as UTF-16, so names keep their script here too.
      Title: cleanText(translator('report', language)('documentTitle', { patient: data.patient.name, doctor: data.doctor.name })),
      Author: cleanText(data.clinicName),
      Subject: cleanText(data.reason),
      CreationDate: data.generatedAt,
    },
  });
  attachFonts(doc, fonts);
  doc.font(fonts.nameOf('latin', 'regular'));
  const out = reportWriter(doc, fonts, textDirection(language));
  writeHeader(out, data, fmt);
  writeSummary(out, data, fmt);
  writeParticipants(out, data, fmt);
  writeCall(out, data, fmt);
  writeTimeline(out, data, fmt);
  writeChat(out, data, fmt);
  writeNotes(out, data, fmt);
  writePageFooters(out, data.clinicName, language);
  doc.end();
  return doc;
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
