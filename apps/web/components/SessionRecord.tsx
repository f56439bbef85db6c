'use client';

import Link from 'next/link';
import { useSessionDetail } from '@/hooks/useSessionDetail';
import { formatDate } from '@/lib/time';
import { otherParty, visitOutcome } from '@/lib/visit-record';
import { ChatTranscript } from './ChatTranscript';
import { EndOpenVisit } from './EndOpenVisit';
import { NotesEditor } from './NotesEditor';
import { PageTitle } from './PageTitle';
import { SessionSummary } from './SessionSummary';
import { SessionTimeline } from './SessionTimeline';
import { useClientSession } from './SessionContext';

/** One past visit: times, what happened, the chat, the report and (for its doctor) the notes. */
export function SessionRecord({ sessionId }: { sessionId: string }) {
  const { user } = useClientSession();
  const zone = user.timeZone;
  const { detail, loading, error, notFound, reload } = useSessionDetail(sessionId);
  const back = (
    <Link className="back-link" href="/history" data-testid="back-to-history">
      ‹ All past visits
    </Link>
  );

  if (loading) {
    return (
      <>
        {back}
        <p className="empty">Loading the visit…</p>
      </>
    );
  }
  if (!detail) {
    return (
      <>
        {back}
        <section className="card" data-testid="session-record-error">
          <h1>{notFound ? 'This visit was not found' : 'The visit could not be loaded'}</h1>
          <p>{notFound ? 'It may not exist, or it is not one of your visits.' : error}</p>
        </section>
      </>
    );
  }

  const isDoctor = detail.doctor.id === user.id;
  const other = otherParty(detail, user.id);
  return (
    <div data-testid="session-record" data-session-id={detail.id}>
      {back}
      <PageTitle title={`Visit with ${other.name}`} subtitle={`${formatDate(detail.scheduledStart, zone)} · ${detail.reason}`} />
      <div className="grid grid-dashboard record-grid">
        <div className="stack">
          {isDoctor && visitOutcome(detail).outcome === 'IN_PROGRESS' && (
            <EndOpenVisit sessionId={detail.id} patientName={detail.patient.name} onEnded={reload} />
          )}
          <div className="record-summary">
            <SessionSummary detail={detail} timeZone={zone} reportHref={`/bff/sessions/${encodeURIComponent(detail.id)}/report.pdf`} />
          </div>
          <div className="record-timeline">
            <SessionTimeline detail={detail} timeZone={zone} />
          </div>
        </div>
        <div className="stack">
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
