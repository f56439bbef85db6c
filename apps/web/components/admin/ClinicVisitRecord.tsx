'use client';

import Link from 'next/link';
import type { ClinicVisitDetail } from '@telehealth/contracts';
import { useClinicVisit } from '@/hooks/useAdmin';
import { nameWithRole, tileLabel } from '@/lib/participants';
import { formatDate, formatDuration, formatTime, isSameZonedDay, zoneName } from '@/lib/time';
import { connectionSummary, mediaSummary, timelineSentences, verificationSummary } from '@/lib/visit-record';
import { PageTitle } from '@/components/common/PageTitle';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { ClinicVisitStatus } from '@/components/admin/ClinicVisitStatus';

const WORDS = {
  back: '‹ All the clinic’s visits',
  loading: 'Loading the visit…',
  notFound: 'This visit was not found',
  notFoundText: 'It may have been removed, or the address is not complete.',
  title: (patient: string, doctor: string) => `Visit of ${patient} with ${doctor}`,
  visit: 'Visit',
  status: 'Status',
  doctor: 'Doctor',
  patient: 'Patient',
  guests: 'Guests',
  noGuests: 'None',
  scheduled: 'Scheduled',
  started: 'Started',
  ended: 'Ended',
  duration: 'Duration',
  none: '—',
  zone: (zone: string) => `Times in ${zone}. The call started when the doctor and the patient were both in it.`,
  // Why the page stops at who, when and how: said on the page, so an admin does not look for the rest.
  privacy: 'The reason for the visit, the doctor’s notes and the chat belong to the doctor and the patient: they are not shown here.',
  outcome: {
    upcoming: 'Booked; the call has not started yet.',
    inProgress: 'The call is open right now.',
    cancelledOn: (when: string) => `Cancelled on ${when}.`,
    cancelled: 'Cancelled before it took place.',
    noShow: 'Nobody joined before the visit’s time was over.',
    notHeld: 'The call never started.',
    endedBy: (name: string) => `Ended by ${name}.`,
    ended: 'The visit has ended.',
  },
  people: 'Who was there',
  person: (count: number) => (count === 1 ? '1 person' : `${count} people`),
  didNotJoin: 'Did not join',
  joined: (at: string) => `Joined ${at}`,
  joinedAndLeft: (at: string, left: string) => `Joined ${at}, left ${left}`,
  timeline: 'What happened',
  nobodyJoined: 'Nobody joined this visit.',
  call: 'The call',
  media: 'Video and audio',
  connection: 'Connection',
  verified: 'Verified',
};

function outcomeSentence(visit: ClinicVisitDetail, timeZone: string): string {
  if (visit.appointmentStatus === 'CANCELLED') {
    return visit.cancelledAt ? WORDS.outcome.cancelledOn(formatDate(visit.cancelledAt, timeZone)) : WORDS.outcome.cancelled;
  }
  if (visit.appointmentStatus === 'NO_SHOW') return WORDS.outcome.noShow;
  if (visit.phase === 'in-progress') return WORDS.outcome.inProgress;
  if (visit.phase === 'upcoming') return WORDS.outcome.upcoming;
  if (visit.status !== 'ENDED') return WORDS.outcome.notHeld;
  return visit.endedBy ? WORDS.outcome.endedBy(visit.endedBy.name) : WORDS.outcome.ended;
}

function presence(firstJoinedAt: string | null, lastLeftAt: string | null, timeZone: string): string {
  if (!firstJoinedAt) return WORDS.didNotJoin;
  return lastLeftAt
    ? WORDS.joinedAndLeft(formatTime(firstJoinedAt, timeZone), formatTime(lastLeftAt, timeZone))
    : WORDS.joined(formatTime(firstJoinedAt, timeZone));
}

/** Who, when, status and outcome. No reason, no PDF: those are the visit's people's. */
function VisitFacts({ visit, timeZone }: { visit: ClinicVisitDetail; timeZone: string }) {
  const time = (iso: string) =>
    isSameZonedDay(iso, visit.scheduledStart, timeZone)
      ? formatTime(iso, timeZone)
      : `${formatDate(iso, timeZone)}, ${formatTime(iso, timeZone)}`;
  const guests = visit.participants.filter((person) => person.role === 'GUEST');
  return (
    <section className="card" aria-labelledby="clinic-visit-facts-title" data-testid="clinic-visit-facts">
      <div className="card-head">
        <h2 id="clinic-visit-facts-title">{WORDS.visit}</h2>
      </div>
      <dl className="facts">
        <dt>{WORDS.status}</dt>
        <dd>
          <ClinicVisitStatus visit={visit} /> <span className="hint">{outcomeSentence(visit, timeZone)}</span>
        </dd>
        <dt>{WORDS.doctor}</dt>
        <dd data-testid="clinic-visit-doctor">{visit.doctor.name}</dd>
        <dt>{WORDS.patient}</dt>
        <dd data-testid="clinic-visit-patient">{visit.patient.name}</dd>
        <dt>{WORDS.guests}</dt>
        <dd>{guests.length === 0 ? WORDS.noGuests : guests.map(nameWithRole).join(', ')}</dd>
        <dt>{WORDS.scheduled}</dt>
        <dd>
          {formatDate(visit.scheduledStart, timeZone)}, {formatTime(visit.scheduledStart, timeZone)}–{time(visit.scheduledEnd)}
        </dd>
        <dt>{WORDS.started}</dt>
        <dd>{visit.startedAt ? time(visit.startedAt) : WORDS.none}</dd>
        <dt>{WORDS.ended}</dt>
        <dd>{visit.endedAt ? time(visit.endedAt) : WORDS.none}</dd>
        <dt>{WORDS.duration}</dt>
        <dd>{visit.durationSeconds !== null ? formatDuration(visit.durationSeconds) : WORDS.none}</dd>
      </dl>
      <p className="hint facts-foot">{WORDS.zone(zoneName(timeZone, new Date(visit.scheduledStart)))}</p>
      <p className="hint facts-foot" data-testid="clinic-visit-privacy">
        {WORDS.privacy}
      </p>
    </section>
  );
}

/** One visit of the clinic as its admin sees it: who, when, how it went, the timeline and the call. Never the reason, notes or chat. */
export function ClinicVisitRecord({ sessionId }: { sessionId: string }) {
  const zone = useSignedIn().user.timeZone;
  const { visit, loading, error, notFound } = useClinicVisit(sessionId);
  const back = (
    <Link className="back-link" href="/admin/visits" data-testid="back-to-clinic-visits">
      {WORDS.back}
    </Link>
  );
  if (loading) {
    return (
      <>
        {back}
        <p className="empty">{WORDS.loading}</p>
      </>
    );
  }
  if (!visit) {
    return (
      <>
        {back}
        <section className="card" data-testid="clinic-visit-error">
          <h1>{WORDS.notFound}</h1>
          <p>{notFound ? WORDS.notFoundText : error}</p>
        </section>
      </>
    );
  }
  const lines = timelineSentences(visit.timeline, visit);
  return (
    <div data-testid="clinic-visit" data-session-id={visit.id}>
      {back}
      <PageTitle title={WORDS.title(visit.patient.name, visit.doctor.name)} subtitle={formatDate(visit.scheduledStart, zone)} />
      <div className="grid grid-dashboard record-grid">
        <div className="stack">
          <VisitFacts visit={visit} timeZone={zone} />
          {visit.startedAt && (
            <section className="card" aria-labelledby="clinic-visit-call-title" data-testid="clinic-visit-call">
              <div className="card-head">
                <h2 id="clinic-visit-call-title">{WORDS.call}</h2>
              </div>
              <dl className="facts">
                <dt>{WORDS.media}</dt>
                <dd data-testid="record-media">{mediaSummary(visit.media)}</dd>
                <dt>{WORDS.connection}</dt>
                <dd data-testid="record-connection">{connectionSummary(visit.connection)}</dd>
                <dt>{WORDS.verified}</dt>
                <dd data-testid="record-verified">{verificationSummary(visit.verifications, zone)}</dd>
              </dl>
            </section>
          )}
        </div>
        <div className="stack">
          <section className="card" aria-labelledby="clinic-visit-people-title" data-testid="visit-participants">
            <div className="card-head">
              <h2 id="clinic-visit-people-title">{WORDS.people}</h2>
              <span className="hint">{WORDS.person(visit.participants.length)}</span>
            </div>
            <ul className="participants">
              {visit.participants.map((person) => {
                const label = tileLabel(person);
                return (
                  <li key={person.userId} className="participant" data-testid="visit-participant" data-role={person.role}>
                    <span className="participant-name">
                      {label.name}
                      {label.role && <span className="participant-role"> · {label.role}</span>}
                    </span>
                    <span className="participant-times">{presence(person.firstJoinedAt, person.lastLeftAt, zone)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
          <section className="card" aria-labelledby="clinic-visit-timeline-title" data-testid="session-timeline">
            <div className="card-head">
              <h2 id="clinic-visit-timeline-title">{WORDS.timeline}</h2>
            </div>
            {lines.length === 0 ? (
              <p className="empty">{WORDS.nobodyJoined}</p>
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
