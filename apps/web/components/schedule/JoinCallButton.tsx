'use client';

import Link from 'next/link';
import type { AppointmentResponse } from '@telehealth/contracts';
import { formatCountdown, formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';

interface Props {
  appointment: AppointmentResponse;
  now: number;
  timeZone: string;
}

/** Enabled only inside the join window the API reports; before it, says when it opens. */
export function JoinCallButton({ appointment: a, now, timeZone }: Props) {
  const opens = Date.parse(a.joinOpensAt);
  const closes = Date.parse(a.joinClosesAt);
  const label = `Join Call with ${a.doctor.name}`;

  if (a.status !== 'SCHEDULED' || a.sessionStatus === 'ENDED') {
    return null;
  }
  if (now >= opens && now < closes) {
    return (
      <Link
        href={`/visit/${a.sessionId}`}
        className="btn btn-primary"
        data-testid="join-call"
        data-session-id={a.sessionId}
        aria-label={label}
      >
        Join Call
      </Link>
    );
  }
  const when =
    now < opens
      ? `Opens ${isSameZonedDay(a.joinOpensAt, new Date(now), timeZone) ? `at ${formatTime(a.joinOpensAt, timeZone)}` : formatDateTime(a.joinOpensAt, timeZone)} (${formatCountdown(opens - now)})`
      : 'The visit time is over';
  return (
    <div className="join-wait">
      <button
        type="button"
        className="btn btn-primary"
        disabled
        aria-label={label}
        aria-describedby={`join-hint-${a.id}`}
        data-testid="join-call"
        data-session-id={a.sessionId}
      >
        Join Call
      </button>
      <div id={`join-hint-${a.id}`} className="hint" data-testid="join-call-hint">
        {when}
      </div>
    </div>
  );
}
