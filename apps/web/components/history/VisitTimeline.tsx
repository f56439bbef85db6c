import { useTranslations } from 'next-intl';
import type { SessionDetailResponse } from '@telehealth/contracts';
import { formatTime } from '@/lib/time';
import { timelineSentences } from '@/lib/visit-record';

/** What happened during the visit, one sentence per event, times in the viewer's zone. */
export function VisitTimeline({ detail, timeZone }: { detail: SessionDetailResponse; timeZone: string }) {
  const t = useTranslations('history');
  const lines = timelineSentences(detail.timeline, detail, t);
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="session-timeline">
      <div className="card-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
      </div>
      {lines.length === 0 ? (
        <p className="empty">{t('timeline.nobody')}</p>
      ) : (
        <ol className="timeline">
          {lines.map((line, i) => (
            <li key={`${line.at}-${i}`} className="timeline-entry" data-type={line.type} data-testid="timeline-entry">
              <time className="timeline-time" dateTime={line.at}>
                {formatTime(line.at, timeZone)}
              </time>
              <span className="timeline-text">{line.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
