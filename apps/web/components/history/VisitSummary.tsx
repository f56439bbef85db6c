import { useTranslations } from 'next-intl';
import type { SessionDetailResponse } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { formatDate, formatDuration, formatTime, isSameZonedDay, zoneName } from '@/lib/time';
import { visitOutcome } from '@/lib/visit-record';
import { VisitOutcomeBadge } from '@/components/history/VisitOutcomeBadge';

function outcomeSentence(detail: SessionDetailResponse, t: Translator<'history'>): string {
  const { outcome } = visitOutcome(detail);
  if (outcome === 'CANCELLED') return t('summary.outcome.cancelled');
  if (outcome === 'NO_SHOW') return t('summary.outcome.noShow');
  if (outcome === 'IN_PROGRESS') return t('summary.outcome.inProgress');
  if (outcome === 'NOT_HELD') return t('summary.outcome.notHeld');
  if (!detail.startedAt) return t('summary.outcome.endedEarly');
  return detail.endedBy ? t('summary.outcome.endedBy', { name: detail.endedBy.name }) : t('summary.outcome.ended');
}

/** Scheduled and actual times, duration and outcome, with the PDF report. */
export function VisitSummary({ detail, timeZone, reportHref }: { detail: SessionDetailResponse; timeZone: string; reportHref: string }) {
  const t = useTranslations('history');
  const time = (iso: string) =>
    isSameZonedDay(iso, detail.scheduledStart, timeZone)
      ? formatTime(iso, timeZone)
      : t('summary.dateAndTime', { date: formatDate(iso, timeZone), time: formatTime(iso, timeZone) });
  return (
    <section className="card" aria-labelledby="summary-title" data-testid="session-summary">
      <div className="card-head">
        <h2 id="summary-title">{t('summary.title')}</h2>
        <a className="btn btn-primary btn-small" href={reportHref} download data-testid="download-report">
          {t('summary.download')}
        </a>
      </div>
      <dl className="facts">
        <dt>{t('summary.status')}</dt>
        <dd>
          <VisitOutcomeBadge visit={detail} /> <span className="hint">{outcomeSentence(detail, t)}</span>
        </dd>
        <dt>{t('summary.reason')}</dt>
        <dd data-testid="summary-reason">{detail.reason}</dd>
        <dt>{t('summary.doctor')}</dt>
        <dd>{detail.doctor.name}</dd>
        <dt>{t('summary.patient')}</dt>
        <dd>{detail.patient.name}</dd>
        <dt>{t('summary.scheduled')}</dt>
        <dd data-testid="summary-scheduled">
          {t('summary.range', {
            date: formatDate(detail.scheduledStart, timeZone),
            start: formatTime(detail.scheduledStart, timeZone),
            end: time(detail.scheduledEnd),
          })}
        </dd>
        <dt>{t('summary.started')}</dt>
        <dd data-testid="summary-started">{detail.startedAt ? time(detail.startedAt) : '—'}</dd>
        <dt>{t('summary.ended')}</dt>
        <dd data-testid="summary-ended">{detail.endedAt ? time(detail.endedAt) : '—'}</dd>
        <dt>{t('summary.duration')}</dt>
        <dd data-testid="summary-duration">{detail.durationSeconds !== null ? formatDuration(detail.durationSeconds) : '—'}</dd>
      </dl>
      <p className="hint facts-foot" data-testid="summary-zone">
        {t('summary.zone', { zone: zoneName(timeZone, new Date(detail.scheduledStart)) })}
      </p>
    </section>
  );
}
