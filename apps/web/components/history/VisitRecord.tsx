'use client';

import Link from 'next/link';
import { useVisitRecord } from '@/hooks/useVisitRecord';
import { formatDate } from '@/lib/time';
import { otherParty, visitOutcome } from '@/lib/visit-record';
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

/** One past visit: times, who was there, what happened, the chat, the report and (for its doctor) the notes. */
export function VisitRecord({ sessionId }: { sessionId: string }) {
  const { user } = useSignedIn();
  const zone = user.timeZone;
  const { detail, loading, error, notFound } = useVisitRecord(sessionId);
  // A visit-link session has this visit only: no list of past visits to go back to.
  const back = user.visit ? null : (
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
          {user.visit && (
            <Link className="btn btn-secondary" href="/">
              Back to your visit
            </Link>
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
      <PageTitle title={`Visit with ${other.name}`} subtitle={`${formatDate(detail.scheduledStart, zone)} · ${detail.reason}`} />
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
