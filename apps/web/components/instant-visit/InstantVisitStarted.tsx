'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { CreatedRoom } from '@telehealth/contracts';
import { joinPageOf } from '@/lib/instant-visit';
import { formatTime } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { CopyLinkButton } from '@/components/guests/CopyLinkButton';
import { CopyCodeButton } from '@/components/instant-visit/CopyCodeButton';

export interface StartedInstantVisit {
  room: CreatedRoom;
  /** Whether the doctor named the patient (a patient on file or a new one), or left the visit for whoever opens the link. */
  named: boolean;
  /** Where the API emailed the link and code, when it did. */
  emailedTo: string | null;
}

interface Props {
  started: StartedInstantVisit;
  timeZone: string;
  onDone: () => void;
}

/**
 * Right after starting an instant visit: its link and code to send at once, each with Copy, and Join now
 * for the doctor. Focus lands here, so a screen reader reads it out.
 */
export function InstantVisitStarted({ started, timeZone, onDone }: Props) {
  const t = useTranslations('schedule');
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { room, named, emailedTo } = started;
  useEffect(() => ref.current?.focus(), [room.appointment_id]);
  const name = named ? room.patient.name : t('instant.thePatient');
  const page = joinPageOf(room.link);
  // An address reads left to right in every language: isolated, its '/', '-' and '@' stay in place in an Arabic sentence.
  const ltr = (chunks: ReactNode) => <bdi dir="ltr">{chunks}</bdi>;
  return (
    <div
      className="alert alert-ok instant-started"
      role="region"
      aria-labelledby={titleId}
      tabIndex={-1}
      ref={ref}
      data-testid="instant-visit-started"
      data-session-id={room.session_id}
      data-media={room.media}
    >
      <h3 id={titleId} className="instant-started-title">
        {named
          ? t('instant.started.title', { media: room.media, name: room.patient.name })
          : t('instant.started.titleUnnamed', { media: room.media })}
      </h3>
      <p>
        {t('instant.started.when', { start: formatTime(room.starts_at, timeZone), end: formatTime(room.ends_at, timeZone) })}{' '}
        {named ? t.rich('instant.started.share', { name, page, ltr }) : t.rich('instant.started.shareUnnamed', { page, ltr })}
        {emailedTo && <> {t.rich('instant.started.emailed', { email: emailedTo, ltr })}</>}
      </p>
      <dl className="instant-share">
        <div className="instant-share-row">
          <dt>{t('instant.started.link')}</dt>
          <dd>
            <span className="guest-link" data-testid="instant-visit-link">
              {room.link}
            </span>
            <CopyLinkButton link={room.link} name={name} testId="instant-copy-link" />
          </dd>
        </div>
        <div className="instant-share-row">
          <dt>{t('instant.started.code')}</dt>
          <dd>
            <strong className="instant-code" data-testid="instant-visit-code">
              {room.code}
            </strong>
            <CopyCodeButton code={room.code} name={name} />
          </dd>
        </div>
      </dl>
      <div className="actions">
        <AppLink className="btn btn-primary" href={`/visit/${room.session_id}`} data-testid="instant-join-now">
          {t('instant.started.join')}
        </AppLink>
        <button type="button" className="btn btn-secondary" onClick={onDone} data-testid="instant-visit-done">
          {t('instant.started.done')}
        </button>
      </div>
    </div>
  );
}
