'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';

/** Where "back" goes, as its link names it: the visit-link's own visit, the doctor's dashboard, or a patient's visits. */
export type HomeKind = 'visit' | 'dashboard' | 'visits';

interface Props {
  appointment: AppointmentResponse;
  /** Where "back" goes, and what it is called ("your visits", "dashboard"). */
  home: string;
  homeKind: HomeKind;
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
export function VisitCancelledScreen({ home, homeKind, wasInRoom }: Omit<Props, 'appointment' | 'timeZone'>) {
  const t = useTranslations('call');
  const heading = useFocusedHeading();
  return (
    <section className="card end-screen" data-testid="visit-cancelled">
      <h1 ref={heading} tabIndex={-1} className="focus-target">
        {t('changed.cancelledTitle')}
      </h1>
      <p role={wasInRoom ? 'alert' : undefined} data-testid="visit-cancelled-text">
        {wasInRoom ? t('changed.cancelledInRoomText') : t('changed.cancelledText')}
      </p>
      <div className="actions">
        <AppLink className="btn btn-primary" href={home} data-testid="visit-back-home">
          {t('home.back', { home: homeKind })}
        </AppLink>
      </div>
    </section>
  );
}

/** The visit was moved to a time whose waiting room is not open yet: the person was taken out of the room. */
export function VisitMovedScreen({ appointment, home, homeKind, timeZone }: Omit<Props, 'wasInRoom'>) {
  const t = useTranslations('call');
  const heading = useFocusedHeading();
  const opens = isSameZonedDay(appointment.joinOpensAt, new Date(), timeZone)
    ? formatTime(appointment.joinOpensAt, timeZone)
    : formatDateTime(appointment.joinOpensAt, timeZone);
  return (
    <section className="card end-screen" data-testid="visit-moved">
      <h1 ref={heading} tabIndex={-1} className="focus-target">
        {t('changed.movedTitle')}
      </h1>
      <p role="alert" data-testid="visit-moved-text">
        {/* "Tue, Dec 8, 10:30 AM (Europe/Madrid)": the new time, and the zone it is read in. */}
        {t('changed.movedText', { when: formatDateTime(appointment.startsAt, timeZone), zone: timeZone.replace(/_/g, ' ') })}
      </p>
      <p className="hint">{t('changed.movedHint', { time: opens })}</p>
      <div className="actions">
        <AppLink className="btn btn-primary" href={home} data-testid="visit-back-home">
          {t('home.back', { home: homeKind })}
        </AppLink>
      </div>
    </section>
  );
}
