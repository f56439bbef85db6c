'use client';

import { useTranslations } from 'next-intl';
import type { ClinicVisitDetail } from '@telehealth/contracts';
import { useClinicVisit } from '@/hooks/useAdmin';
import type { Translator } from '@/i18n/translator';
import { refusalText } from '@/lib/api-client';
import { formatDate, formatDuration, formatTime, isSameZonedDay, zoneName } from '@/lib/time';
import {
  connectionSummary,
  listOf,
  mediaSummary,
  nameWithRole,
  roleLabel,
  timelineSentences,
  verificationSummary,
} from '@/lib/visit-record';
import { AppLink } from '@/components/common/AppLink';
import { PageTitle } from '@/components/common/PageTitle';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { ClinicVisitStatus } from '@/components/admin/ClinicVisitStatus';
import { presence } from '@/components/history/VisitParticipants';

// Nothing to show: a dash in every language.
const NONE = '—';

function outcomeSentence(visit: ClinicVisitDetail, timeZone: string, t: Translator<'admin'>): string {
  if (visit.appointmentStatus === 'CANCELLED') {
    return visit.cancelledAt
      ? t('visit.outcome.cancelledOn', { date: formatDate(visit.cancelledAt, timeZone) })
      : t('visit.outcome.cancelled');
  }
  if (visit.appointmentStatus === 'NO_SHOW') return t('visit.outcome.noShow');
  if (visit.phase === 'in-progress') return t('visit.outcome.inProgress');
  if (visit.phase === 'upcoming') return t('visit.outcome.upcoming');
  if (visit.status !== 'ENDED') return t('visit.outcome.notHeld');
  return visit.endedBy ? t('visit.outcome.endedBy', { name: visit.endedBy.name }) : t('visit.outcome.ended');
}

/** Who, when, status and outcome. No reason, no PDF: those are the visit's people's. */
function VisitFacts({ visit, timeZone }: { visit: ClinicVisitDetail; timeZone: string }) {
  const t = useTranslations('admin');
  const words = useTranslations('history');
  const time = (iso: string) =>
    isSameZonedDay(iso, visit.scheduledStart, timeZone)
      ? formatTime(iso, timeZone)
      : words('summary.dateAndTime', { date: formatDate(iso, timeZone), time: formatTime(iso, timeZone) });
  const guests = visit.participants.filter((person) => person.role === 'GUEST');
  return (
    <section className="card" aria-labelledby="clinic-visit-facts-title" data-testid="clinic-visit-facts">
      <div className="card-head">
        <h2 id="clinic-visit-facts-title">{words('summary.title')}</h2>
      </div>
      <dl className="facts">
        <dt>{words('summary.status')}</dt>
        <dd>
          <ClinicVisitStatus visit={visit} /> <span className="hint">{outcomeSentence(visit, timeZone, t)}</span>
        </dd>
        <dt>{words('summary.doctor')}</dt>
        <dd data-testid="clinic-visit-doctor">{visit.doctor.name}</dd>
        <dt>{words('summary.patient')}</dt>
        <dd data-testid="clinic-visit-patient">{visit.patient.name}</dd>
        <dt>{t('visit.guests')}</dt>
        <dd>
          {guests.length === 0
            ? t('visit.noGuests')
            : listOf(
                guests.map((guest) => nameWithRole(guest, words)),
                words,
              )}
        </dd>
        <dt>{words('summary.scheduled')}</dt>
        <dd>
          {words('summary.range', {
            date: formatDate(visit.scheduledStart, timeZone),
            start: formatTime(visit.scheduledStart, timeZone),
            end: time(visit.scheduledEnd),
          })}
        </dd>
        <dt>{words('summary.started')}</dt>
        <dd>{visit.startedAt ? time(visit.startedAt) : NONE}</dd>
        <dt>{words('summary.ended')}</dt>
        <dd>{visit.endedAt ? time(visit.endedAt) : NONE}</dd>
        <dt>{words('summary.duration')}</dt>
        <dd>{visit.durationSeconds !== null ? formatDuration(visit.durationSeconds) : NONE}</dd>
      </dl>
      <p className="hint facts-foot">{words('summary.zone', { zone: zoneName(timeZone, new Date(visit.scheduledStart)) })}</p>
      <p className="hint facts-foot" data-testid="clinic-visit-privacy">
        {t('visit.privacy')}
      </p>
    </section>
  );
}

/** One visit of the clinic as its admin sees it: who, when, how it went, the timeline and the call. Never the reason, notes or chat. */
export function ClinicVisitRecord({ sessionId }: { sessionId: string }) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const words = useTranslations('history');
  const zone = useSignedIn().user.timeZone;
  const { visit, loading, error, notFound } = useClinicVisit(sessionId);
  const back = (
    <AppLink className="back-link" href="/admin/visits" data-testid="back-to-clinic-visits">
      {t('visit.back')}
    </AppLink>
  );
  if (loading) {
    return (
      <>
        {back}
        <p className="empty">{words('record.loading')}</p>
      </>
    );
  }
  if (!visit) {
    return (
      <>
        {back}
        <section className="card" data-testid="clinic-visit-error">
          <h1>{words('record.notFound')}</h1>
          <p>{notFound ? t('visit.notFoundText') : refusalText(error, common)}</p>
        </section>
      </>
    );
  }
  const lines = timelineSentences(visit.timeline, visit, words);
  return (
    <div data-testid="clinic-visit" data-session-id={visit.id}>
      {back}
      <PageTitle
        title={t('visit.title', { patient: visit.patient.name, doctor: visit.doctor.name })}
        subtitle={formatDate(visit.scheduledStart, zone)}
      />
      <div className="grid grid-dashboard record-grid">
        <div className="stack">
          <VisitFacts visit={visit} timeZone={zone} />
          {visit.startedAt && (
            <section className="card" aria-labelledby="clinic-visit-call-title" data-testid="clinic-visit-call">
              <div className="card-head">
                <h2 id="clinic-visit-call-title">{words('callFacts.title')}</h2>
              </div>
              <dl className="facts">
                <dt>{words('callFacts.media')}</dt>
                <dd data-testid="record-media">{mediaSummary(visit.media, words)}</dd>
                <dt>{words('callFacts.connection')}</dt>
                <dd data-testid="record-connection">{connectionSummary(visit.connection, words)}</dd>
                <dt>{words('callFacts.verified')}</dt>
                <dd data-testid="record-verified">{verificationSummary(visit.verifications, zone, words)}</dd>
              </dl>
            </section>
          )}
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="clinic-visit-people-title" data-testid="visit-participants">
            <div className="card-head">
              <h2 id="clinic-visit-people-title">{words('participants.title')}</h2>
              <span className="hint">{words('participants.count', { count: visit.participants.length })}</span>
            </div>
            <ul className="participants">
              {visit.participants.map((person) => {
                const role = roleLabel(person, words);
                return (
                  <li key={person.userId} className="participant" data-testid="visit-participant" data-role={person.role}>
                    <span className="participant-name">
                      {person.name}
                      {role && <span className="participant-role"> · {role}</span>}
                    </span>
                    <span className="participant-times">{presence(person.firstJoinedAt, person.lastLeftAt, zone, words)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
          <section className="card" aria-labelledby="clinic-visit-timeline-title" data-testid="session-timeline">
            <div className="card-head">
              <h2 id="clinic-visit-timeline-title">{words('timeline.title')}</h2>
            </div>
            {lines.length === 0 ? (
              <p className="empty">{words('timeline.nobody')}</p>
            ) : (
              <ol className="timeline">
                {lines.map((line, i) => (
                  <li key={`${line.at}-${i}`} className="timeline-entry" data-type={line.type} data-testid="timeline-entry">
                    <time className="timeline-time" dateTime={line.at}>
                      {formatTime(line.at, zone)}
                    </time>
                    <span className="timeline-text">{line.text}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
