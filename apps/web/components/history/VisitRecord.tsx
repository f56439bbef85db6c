'use client';

import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { useVisitRecord } from '@/hooks/useVisitRecord';
import { queryKeys } from '@/lib/query-keys';
import { formatDate } from '@/lib/time';
import { otherParty, visitOutcome } from '@/lib/visit-record';
import { AppLink } from '@/components/common/AppLink';
import { CallFacts } from '@/components/history/CallFacts';
import { ChatTranscript } from '@/components/history/ChatTranscript';
import { EndOpenVisit } from '@/components/history/EndOpenVisit';
import { KeepAccountBox } from '@/components/history/KeepAccountBox';
import { NotesEditor } from '@/components/history/NotesEditor';
import { PageTitle } from '@/components/common/PageTitle';
import { VisitParticipants } from '@/components/history/VisitParticipants';
import { VisitSummary } from '@/components/history/VisitSummary';
import { VisitTimeline } from '@/components/history/VisitTimeline';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { historyError } from '@/components/history/errors';

/** One past visit: times, who was there, what happened, the chat, the report and (for its doctor) the notes. */
export function VisitRecord({ sessionId }: { sessionId: string }) {
  const t = useTranslations('history');
  const common = useTranslations('common');
  const { user } = useSignedIn();
  const zone = user.timeZone;
  const { detail, loading, notFound } = useVisitRecord(sessionId);
  // The refusal itself (the hook gives the API's sentence), to word it in the page's language.
  const failure = useQueryClient().getQueryState(queryKeys.visit(sessionId))?.error;
  // A visit-link session has this visit only: no list of past visits to go back to.
  const back = user.visit ? null : (
    <AppLink className="back-link" href="/history" data-testid="back-to-history">
      {t('record.back')}
    </AppLink>
  );

  if (loading) {
    return (
      <>
        {back}
        <p className="empty">{t('record.loading')}</p>
      </>
    );
  }
  if (!detail) {
    return (
      <>
        {back}
        <section className="card" data-testid="session-record-error">
          <h1>{notFound ? t('record.notFound') : t('record.failed')}</h1>
          <p>{notFound ? t('record.notFoundText') : historyError(failure, t, common)}</p>
          {user.visit && (
            <AppLink className="btn btn-secondary" href="/">
              {t('record.backToVisit')}
            </AppLink>
          )}
        </section>
      </>
    );
  }

  const isDoctor = detail.doctor.id === user.id;
  const other = otherParty(detail, user.id);
  return (
    <div data-testid="session-record" data-session-id={detail.id}>
      {back}
      <PageTitle
        title={t('record.title', { name: other.name })}
        subtitle={t('record.subtitle', { date: formatDate(detail.scheduledStart, zone), reason: detail.reason })}
      />
      <div className="grid grid-dashboard record-grid">
        <div className="stack">
          {isDoctor && visitOutcome(detail).outcome === 'IN_PROGRESS' && (
            <EndOpenVisit sessionId={detail.id} patientName={detail.patient.name} />
          )}
          <div className="record-summary stack">
            <VisitSummary detail={detail} timeZone={zone} reportHref={`/bff/sessions/${encodeURIComponent(detail.id)}/report.pdf`} />
            {detail.startedAt && <CallFacts detail={detail} timeZone={zone} />}
          </div>
          <VisitParticipants detail={detail} timeZone={zone} />
          <div className="record-timeline">
            <VisitTimeline detail={detail} timeZone={zone} />
          </div>
        </div>
        <div className="stack">
          {!isDoctor && user.role === 'PATIENT' && <KeepAccountBox />}
          {isDoctor && (
            <div className="record-notes">
              <NotesEditor sessionId={detail.id} ended={detail.status === 'ENDED'} timeZone={zone} />
            </div>
          )}
          <div className="record-chat">
            <ChatTranscript messages={detail.chat} selfId={user.id} timeZone={zone} />
          </div>
        </div>
      </div>
    </div>
  );
}
