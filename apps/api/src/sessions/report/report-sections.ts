import {
  describeCall,
  describeTimeline,
  formatDuration,
  newestChat,
  NOTES_EXCLUDED_SENTENCE,
  participantRole,
  REPORT_LIMITS,
  SessionReportData,
  statusSentence,
  TimeFormatters,
  withGuestRole,
} from './report-data';
import { COLOR_MUTED, COLOR_TEXT, COLOR_WARN, ReportWriter } from './report-text';

/** The title block: clinic, which copy, for whom and when, and a warning when the visit did not end normally. */
export function writeHeader(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, write } = out;
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
}

/** The visit: who, why, when, how long and how it ended. */
export function writeSummary(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { heading, field } = out;
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
}

/** Who the visit was for (doctor, patient, every guest invited) and when each first joined and last left. */
export function writeParticipants(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, heading } = out;
  heading('Participants');
  for (const person of data.participants) {
    const presence = !person.firstJoinedAt
      ? 'never joined'
      : `joined ${fmt.time(person.firstJoinedAt)}, ${person.lastLeftAt ? `left ${fmt.time(person.lastLeftAt)}` : 'did not leave before the report'}`;
    rich([
      { text: `${person.name}`, bold: true, color: COLOR_TEXT },
      { text: ` (${participantRole(person)}): `, color: COLOR_TEXT },
      { text: presence, color: COLOR_MUTED },
    ]);
  }
}

/** The call itself: video and audio-only time (billing rules tell them apart), the connection, and whether the call was verified. */
export function writeCall(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, heading, field } = out;
  const call = describeCall(data.call, fmt);
  heading('Call');
  rich([{ text: call.media, color: COLOR_TEXT }]);
  field('Connection', call.connection);
  if (call.verifications.length === 0) rich([{ text: 'Not verified: nobody compared the verified-call code aloud.', color: COLOR_TEXT }]);
  for (const verification of call.verifications) field('Verified call', verification);
}

/** The timeline: only the newest entries; the report says how many are left out. */
export function writeTimeline(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, rich, write, heading, field, leftOut } = out;
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
}

/** The chat transcript: the newest messages within REPORT_LIMITS. */
export function writeChat(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { rich, write, heading, leftOut } = out;
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
    const [first = '', ...more] = message.body.split(/\r\n?|\n/);
    rich([
      { text: `${fmt.time(message.sentAt)}  `, color: COLOR_MUTED },
      { text: `${withGuestRole(message.senderName, message.senderGuestRole)}: `, bold: true, color: COLOR_TEXT },
      { text: first, color: COLOR_TEXT, own: true },
    ]);
    // A message's further lines follow as lines of their own (a line break in the text would be set as a space).
    for (const line of more) rich([{ text: line === '' ? ' ' : line, color: COLOR_TEXT, own: true }]);
  }
}

/** The doctor's latest notes (never in the patient's copy). */
export function writeNotes(out: ReportWriter, data: SessionReportData, fmt: TimeFormatters): void {
  const { doc, rich, write, heading } = out;
  heading("Doctor's notes");
  if (!data.notes.included) write(NOTES_EXCLUDED_SENTENCE);
  else if (!data.notes.latest) write('No notes have been written for this visit yet.');
  else {
    const latest = data.notes.latest;
    doc.fillColor(COLOR_MUTED);
    write(`Version ${latest.version}, last edited ${fmt.dateTime(latest.updatedAt)} by ${latest.authorName}.`);
    doc.moveDown(0.4).fillColor(COLOR_TEXT);
    if (latest.body.trim() === '') rich([{ text: '(empty)' }]);
    // One paragraph per line: the doctor's line breaks are kept, and each line takes its own direction.
    else for (const line of latest.body.split(/\r\n?|\n/)) rich([{ text: line === '' ? ' ' : line, own: true }]);
  }
}
