'use client';

import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { formatCountdown, formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';

interface Props {
  appointment: AppointmentResponse;
  now: number;
  timeZone: string;
}

/** Enabled only inside the join window the API reports; before it, says when it opens. */
export function JoinCallButton({ appointment: a, now, timeZone }: Props) {
  const t = useTranslations('schedule');
  const opens = Date.parse(a.joinOpensAt);
  const closes = Date.parse(a.joinClosesAt);
  const label = t('join.label', { name: a.doctor.name });

  if (a.status !== 'SCHEDULED' || a.sessionStatus === 'ENDED') {
    return null;
  }
  if (now >= opens && now < closes) {
    return (
      <AppLink
        href={`/visit/${a.sessionId}`}
        className="btn btn-primary"
        data-testid="join-call"
        data-session-id={a.sessionId}
        aria-label={label}
      >
        {t('join.button')}
      </AppLink>
    );
  }
  const countdown = formatCountdown(opens - now);
  const when =
    now >= opens
      ? t('join.over')
      : isSameZonedDay(a.joinOpensAt, new Date(now), timeZone)
        ? t('join.opensAt', { time: formatTime(a.joinOpensAt, timeZone), countdown })
        : t('join.opensOn', { when: formatDateTime(a.joinOpensAt, timeZone), countdown });
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
        {t('join.button')}
      </button>
      <div id={`join-hint-${a.id}`} className="hint" data-testid="join-call-hint">
        {when}
      </div>
    </div>
  );
}
