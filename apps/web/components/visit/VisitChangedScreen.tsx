'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { AppointmentResponse } from '@telehealth/contracts';
import { movedToText } from '@/lib/live-visits';
import { formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';

interface Props {
  appointment: AppointmentResponse;
  /** Where "back" goes, and what it is called ("your visits", "dashboard"). */
  home: string;
  homeLabel: string;
  timeZone: string;
  /** The person was in the room when it happened: say that they have left it. */
  wasInRoom: boolean;
}

/** Screens that replace the room at once: focus goes to their heading, so it is read out first. */
function useFocusedHeading() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** The visit was cancelled (seen on opening it, or while waiting in its room). */
export function VisitCancelledScreen({ home, homeLabel, wasInRoom }: Omit<Props, 'appointment' | 'timeZone'>) {
  const heading = useFocusedHeading();
  return (
    <section className="card end-screen" data-testid="visit-cancelled">
      <h1 ref={heading} tabIndex={-1} className="focus-target">
        This visit was cancelled
      </h1>
      <p role={wasInRoom ? 'alert' : undefined} data-testid="visit-cancelled-text">
        {wasInRoom ? 'It was cancelled while you were in the waiting room, so you have left the room. ' : ''}
        It no longer takes place. Contact your care team if you need a new appointment.
      </p>
      <div className="actions">
        <Link className="btn btn-primary" href={home} data-testid="visit-back-home">
          Back to {homeLabel}
        </Link>
      </div>
    </section>
  );
}

/** The visit was moved to a time whose waiting room is not open yet: the person was taken out of the room. */
export function VisitMovedScreen({ appointment, home, homeLabel, timeZone }: Omit<Props, 'wasInRoom'>) {
  const heading = useFocusedHeading();
  const opens = isSameZonedDay(appointment.joinOpensAt, new Date(), timeZone)
    ? formatTime(appointment.joinOpensAt, timeZone)
    : formatDateTime(appointment.joinOpensAt, timeZone);
  return (
    <section className="card end-screen" data-testid="visit-moved">
      <h1 ref={heading} tabIndex={-1} className="focus-target">
        Your visit was moved
      </h1>
      <p role="alert" data-testid="visit-moved-text">
        Your visit was moved to {movedToText(appointment.startsAt, timeZone)}, so you have left the waiting room.
      </p>
      <p className="hint">The waiting room opens at {opens}; come back then.</p>
      <div className="actions">
        <Link className="btn btn-primary" href={home} data-testid="visit-back-home">
          Back to {homeLabel}
        </Link>
      </div>
    </section>
  );
}
