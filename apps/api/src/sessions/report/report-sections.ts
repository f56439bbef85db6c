import { translator } from '../../i18n/translator';
import {
  describeCall,
  formatDuration,
  newestChat,
  isolated,
  participantRole,
  REPORT_LIMITS,
  SessionReportData,
  statusSentence,
  TimeFormatters,
  withGuestRole,
} from './report-data';
import { COLOR_MUTED, COLOR_TEXT, COLOR_WARN, ReportWriter } from './report-text';
import { describeTimeline } from './report-timeline';

// Every section is written in the viewer's language (data.viewer.language).
const wordsFor = (data: SessionReportData) => translator('report', data.viewer.language);

/** The title block: clinic, which copy, for whom and when, and a warning when the visit did not end normally. */
export function writeHeader(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, write } = out;
  const t = wordsFor(data);
  doc.fontSize(18).fillColor(COLOR_TEXT);
  write(data.clinicName, {}, true);
  doc.fontSize(12).fillColor(COLOR_MUTED);
  write(data.viewer.role === 'DOCTOR' ? t('doctorCopy') : t('patientCopy'));
  doc.fontSize(9);
  const own = isolated(data.viewer.language);
  write(t('preparedFor', { name: own(data.viewer.name), date: fmt.dateTime(data.generatedAt), timeZone: data.viewer.timeZone }));

  const status = statusSentence(data);
  if (status) {
    doc.moveDown(0.8).fontSize(12).fillColor(COLOR_WARN);
    write(status, {}, true);
  }
}

/** The visit: who, why, when, how long and how it ended. */
export function writeSummary(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { heading, field } = out;
  const t = wordsFor(data);
  const duration = (seconds: number) => formatDuration(seconds, data.viewer.language);
  heading(t('visit.heading'));
  field(t('visit.doctor'), data.doctor.name, true);
  field(t('visit.patient'), data.patient.name, true);
  field(t('visit.reason'), data.reason, true);
  field(
    t('visit.scheduled'),
    t('visit.scheduledValue', {
      start: fmt.dateTime(data.scheduledStart),
      end: fmt.dateTime(data.scheduledEnd),
      duration: duration((data.scheduledEnd.getTime() - data.scheduledStart.getTime()) / 1000),
    }),
  );
  field(t('visit.started'), data.startedAt ? fmt.dateTime(data.startedAt) : t('visit.neverStarted'));
  field(t('visit.ended'), data.endedAt ? fmt.dateTime(data.endedAt) : t('visit.notEnded'));
  field(
    t('visit.duration'),
    data.startedAt && data.endedAt ? duration((data.endedAt.getTime() - data.startedAt.getTime()) / 1000) : t('visit.notAvailable'),
  );
  if (data.endedByName) field(t('visit.endedBy'), data.endedByName, true);
  field(t('visit.status'), t('visit.statusValue', { appointment: data.appointmentStatus, session: data.sessionStatus }));
}

/** Who the visit was for (doctor, patient, every guest invited) and when each first joined and last left. */
export function writeParticipants(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, heading } = out;
  const t = wordsFor(data);
  heading(t('participants.heading'));
  for (const person of data.participants) {
    const presence = !person.firstJoinedAt
      ? t('participants.neverJoined')
      : person.lastLeftAt
        ? t('participants.joinedAndLeft', { joined: fmt.time(person.firstJoinedAt), left: fmt.time(person.lastLeftAt) })
        : t('participants.joinedNotLeft', { joined: fmt.time(person.firstJoinedAt) });
    rich([
      { text: person.name, bold: true, color: COLOR_TEXT, own: out.direction === 'rtl' },
      { text: ` (${participantRole(person, data.viewer.language)}): `, color: COLOR_TEXT },
      { text: presence, color: COLOR_MUTED },
    ]);
  }
}

/** The call itself: video and audio-only time (billing rules tell them apart), the connection, and whether the call was verified. */
export function writeCall(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, heading, field } = out;
  const t = wordsFor(data);
  const call = describeCall(data.call, fmt, data.viewer.language);
  heading(t('call.heading'));
  rich([{ text: call.media, color: COLOR_TEXT }]);
  field(t('call.connection'), call.connection);
  if (call.verifications.length === 0) rich([{ text: t('call.notVerified'), color: COLOR_TEXT }]);
  for (const verification of call.verifications) field(t('call.verifiedCall'), verification);
}

/** The timeline: only the newest entries; the report says how many are left out. */
export function writeTimeline(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, rich, write, heading, field, leftOut } = out;
  const t = wordsFor(data);
  const timelineShown = data.timeline.slice(-REPORT_LIMITS.timelineEntries);
  const timelineOmitted = (data.omitted?.timeline ?? 0) + data.timeline.length - timelineShown.length;
  const timeline = describeTimeline({ ...data, timeline: timelineShown }, data.viewer.language);
  heading(t('timeline.heading'));
  if (timeline.lines.length === 0) write(t('timeline.nobodyJoined'));
  else {
    if (timelineOmitted > 0) leftOut(t('timeline.leftOut', { shown: timelineShown.length, omitted: timelineOmitted }));
    field(t('timeline.waitingRoom'), formatDuration(timeline.waitingSeconds, data.viewer.language));
    field(t('timeline.reconnects'), String(timeline.reconnects));
    doc.moveDown(0.4);
    for (const line of timeline.lines) {
      rich([
        { text: `${fmt.time(line.at)}  `, color: COLOR_MUTED },
        { text: line.text, color: COLOR_TEXT },
      ]);
    }
  }
}

/** The chat transcript: the newest messages within REPORT_LIMITS. */
export function writeChat(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, write, heading, leftOut } = out;
  const t = wordsFor(data);
  const language = data.viewer.language;
  const chat = newestChat(data.chat);
  const chatOmitted = (data.omitted?.chat ?? 0) + data.chat.length - chat.length;
  heading(t('chat.heading'));
  if (chatOmitted > 0) {
    leftOut(
      t('chat.leftOut', {
        shown: chat.length,
        omitted: chatOmitted,
        maxMessages: REPORT_LIMITS.chatMessages,
        maxCharacters: REPORT_LIMITS.chatCharacters.toLocaleString(language === 'en' ? 'en-GB' : language),
      }),
    );
  }
  if (chat.length === 0 && chatOmitted === 0) write(t('chat.none'));
  for (const message of chat) {
    const [first = '', ...more] = message.body.split(/\r\n?|\n/);
    const sender = withGuestRole(message.senderName, message.senderGuestRole, language);
    rich([
      { text: `${fmt.time(message.sentAt)}  `, color: COLOR_MUTED },
      // Right to left, the name is an isolate and the colon follows the line's direction.
      ...(out.direction === 'rtl'
        ? [
            { text: sender, bold: true, color: COLOR_TEXT, own: true },
            { text: ': ', bold: true, color: COLOR_TEXT },
          ]
        : [{ text: `${sender}: `, bold: true, color: COLOR_TEXT }]),
      { text: first, color: COLOR_TEXT, own: true },
    ]);
    // A message's further lines follow as lines of their own (a line break in the text would be set as a space).
    for (const line of more) rich([{ text: line === '' ? ' ' : line, color: COLOR_TEXT, own: true }]);
  }
}

/** The doctor's latest notes (never in the patient's copy). */
export function writeNotes(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, rich, write, heading } = out;
  const t = wordsFor(data);
  heading(t('notes.heading'));
  if (!data.notes.included) write(t('notes.excluded'));
  else if (!data.notes.latest) write(t('notes.none'));
  else {
    const latest = data.notes.latest;
    doc.fillColor(COLOR_MUTED);
    const author = isolated(data.viewer.language)(latest.authorName);
    write(t('notes.version', { version: latest.version, date: fmt.dateTime(latest.updatedAt), author }));
    doc.moveDown(0.4).fillColor(COLOR_TEXT);
    if (latest.body.trim() === '') rich([{ text: t('notes.empty') }]);
    // One paragraph per line: the doctor's line breaks are kept, and each line takes its own direction.
    else for (const line of latest.body.split(/\r\n?|\n/)) rich([{ text: line === '' ? ' ' : line, own: true }]);
  }
}
