import type { SessionDetailResponse } from '@telehealth/contracts';
import { formatDate, formatDuration, formatTime, isSameZonedDay, zoneName } from '@/lib/time';
import { visitOutcome } from '@/lib/visit-record';
import { VisitOutcomeBadge } from '@/components/history/VisitOutcomeBadge';

function outcomeSentence(detail: SessionDetailResponse): string {
  const { outcome } = visitOutcome(detail);
  if (outcome === 'CANCELLED') return 'This visit was cancelled before it took place.';
  if (outcome === 'NO_SHOW') return 'Nobody joined before the visit’s time was over.';
  if (outcome === 'IN_PROGRESS') return 'The call is still open.';
  if (outcome === 'NOT_HELD') return 'The call never started.';
  if (!detail.startedAt) return 'The visit ended before both of you were there.';
  return detail.endedBy ? `Ended by ${detail.endedBy.name}.` : 'The visit has ended.';
}

/** Scheduled and actual times, duration and outcome, with the PDF report. */
export function VisitSummary({ detail, timeZone, reportHref }: { detail: SessionDetailResponse; timeZone: string; reportHref: string }) {
  const time = (iso: string) =>
    isSameZonedDay(iso, detail.scheduledStart, timeZone)
      ? formatTime(iso, timeZone)
      : `${formatDate(iso, timeZone)}, ${formatTime(iso, timeZone)}`;
  return (
    <section className="card" aria-labelledby="summary-title" data-testid="session-summary">
      <div className="card-head">
        <h2 id="summary-title">Visit</h2>
        <a className="btn btn-primary btn-small" href={reportHref} download data-testid="download-report">
          Download report (PDF)
        </a>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <VisitOutcomeBadge visit={detail} /> <span className="hint">{outcomeSentence(detail)}</span>
        </dd>
        <dt>Reason</dt>
        <dd data-testid="summary-reason">{detail.reason}</dd>
        <dt>Doctor</dt>
        <dd>{detail.doctor.name}</dd>
        <dt>Patient</dt>
        <dd>{detail.patient.name}</dd>
        <dt>Scheduled</dt>
        <dd data-testid="summary-scheduled">
          {formatDate(detail.scheduledStart, timeZone)}, {formatTime(detail.scheduledStart, timeZone)}–{time(detail.scheduledEnd)}
        </dd>
        <dt>Started</dt>
        <dd data-testid="summary-started">{detail.startedAt ? time(detail.startedAt) : '—'}</dd>
        <dt>Ended</dt>
        <dd data-testid="summary-ended">{detail.endedAt ? time(detail.endedAt) : '—'}</dd>
        <dt>Duration</dt>
        <dd data-testid="summary-duration">{detail.durationSeconds !== null ? formatDuration(detail.durationSeconds) : '—'}</dd>
      </dl>
      <p className="hint facts-foot" data-testid="summary-zone">
        Times in {zoneName(timeZone, new Date(detail.scheduledStart))}. The call started when the doctor and the patient were both in it.
      </p>
    </section>
  );
}
