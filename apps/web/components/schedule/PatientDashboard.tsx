'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useAppointments } from '@/hooks/useAppointments';
import { useNow } from '@/hooks/useNow';
import { useSignalingSocket } from '@/hooks/useSignalingSocket';
import { useVisitUpdates } from '@/hooks/useVisitUpdates';
import { calendarHref } from '@/lib/calendar';
import { formatDateTime, zoneLabel } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { JoinCallButton } from '@/components/schedule/JoinCallButton';
import { CallMediaTag } from '@/components/schedule/CallMediaTag';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { LiveStatusBadge } from '@/components/schedule/LiveStatusBadge';
import { PatientCancelVisit, PatientCancelDialog } from '@/components/schedule/PatientCancelVisit';
import { VisitChangeNoticeLine } from '@/components/schedule/VisitChangeNoticeLine';

/** Changes arrive over the signaling socket; the slow poll is the fallback, quicker while that socket is down. */
const POLL_LIVE_MS = 120_000;
const POLL_OFFLINE_MS = 30_000;

export function PatientDashboard() {
  const t = useTranslations('schedule');
  const { user } = useSignedIn();
  const zone = user.timeZone;
  const link = useSignalingSocket();
  const live = useVisitUpdates(link.socket);
  const upcoming = useAppointments('upcoming', 50, link.connection === 'live' ? POLL_LIVE_MS : POLL_OFFLINE_MS);
  const past = useAppointments('past', 20, 120_000);
  const now = useNow(1000);
  const [cancelling, setCancelling] = useState<AppointmentResponse | null>(null);

  return (
    <div className="grid grid-dashboard">
      <section className="card" aria-labelledby="patient-upcoming-title" data-testid="patient-upcoming">
        <div className="card-head">
          <h2 id="patient-upcoming-title">{t('patient.upcomingTitle')}</h2>
          <span className="hint">{t('timesIn', { zone: zone.replace(/_/g, ' '), label: zoneLabel(zone) })}</span>
        </div>
        <VisitChangeNoticeLine notice={live.notice} timeZone={zone} />
        {upcoming.error && <div className="alert alert-error">{t('errors.loadVisits')}</div>}
        {upcoming.loading && <p className="empty">{t('patient.loading')}</p>}
        {!upcoming.loading && upcoming.items.length === 0 && !upcoming.error && <p className="empty">{t('patient.empty')}</p>}
        <ul className="list">
          {upcoming.items.map((a) => (
            <li key={a.id} className="list-item" data-testid="patient-appointment" data-appointment-id={a.id} data-session-id={a.sessionId}>
              <div className="item-main">
                <div className="item-title" data-testid="patient-appointment-time">
                  {formatDateTime(a.startsAt, zone)}
                </div>
                <div className="item-sub">
                  {a.doctor.name} · {t('durationMinutes', { minutes: a.durationMinutes })}
                </div>
                <div className="item-sub">
                  {a.reason} <LiveStatusBadge appointment={a} waitingSince={live.waitingSince[a.id]} viewer="patient" />{' '}
                  <CallMediaTag media={a.media} />
                </div>
                {a.status === 'SCHEDULED' && a.sessionStatus !== 'ENDED' && (
                  <div className="actions item-actions">
                    <a className="btn btn-ghost btn-small calendar-link" href={calendarHref(a.id)} download data-testid="download-ics">
                      {/* The visible words first, so the link's spoken name begins with what is seen (WCAG 2.5.3). */}
                      {t('patient.calendar')}
                      <span className="visually-hidden">
                        {' '}
                        {t('patient.calendarContext', { name: a.doctor.name, when: formatDateTime(a.startsAt, zone) })}
                      </span>
                    </a>
                    <PatientCancelVisit appointment={a} now={now} timeZone={zone} onCancel={() => setCancelling(a)} />
                  </div>
                )}
              </div>
              <JoinCallButton appointment={a} now={now} timeZone={zone} />
            </li>
          ))}
        </ul>
        <p className="hint" style={{ marginTop: '0.75rem', marginBottom: 0 }}>
          {t('patient.joinHint')}
        </p>
      </section>
      <section className="card" aria-labelledby="patient-past-title" data-testid="patient-past">
        <div className="card-head">
          <h2 id="patient-past-title">{t('patient.pastTitle')}</h2>
          <AppLink className="btn btn-ghost btn-small" href="/history" data-testid="dashboard-history-link">
            {t('patient.allPast')}
          </AppLink>
        </div>
        {past.error && <div className="alert alert-error">{t('errors.loadVisits')}</div>}
        {!past.loading && past.items.length === 0 && !past.error && <p className="empty">{t('patient.noPast')}</p>}
        <ul className="list">
          {past.items.map((a) => (
            <li key={a.id} className="list-item" data-testid="patient-past-appointment">
              <div className="item-main">
                <div className="item-title">{formatDateTime(a.startsAt, zone)}</div>
                <div className="item-sub">
                  {a.doctor.name} · {a.reason} <LiveStatusBadge appointment={a} viewer="patient" />
                </div>
              </div>
              {a.sessionStatus === 'ENDED' && (
                <AppLink className="btn btn-ghost btn-small" href={`/history/${a.sessionId}`}>
                  {t('patient.details')}
                </AppLink>
              )}
            </li>
          ))}
        </ul>
      </section>
      {cancelling && <PatientCancelDialog appointment={cancelling} timeZone={zone} onClose={() => setCancelling(null)} />}
    </div>
  );
}
