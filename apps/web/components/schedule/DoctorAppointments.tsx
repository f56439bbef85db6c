'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { isVisitActionAllowed, visitPhase, type AppointmentResponse } from '@telehealth/contracts';
import { useChangeAppointment, type AppointmentsState } from '@/hooks/useAppointments';
import { useNow } from '@/hooks/useNow';
import type { VisitChangeNotice } from '@/hooks/useVisitUpdates';
import type { Translator } from '@/i18n/translator';
import { visitRefusalText } from '@/lib/live-visits';
import { formatDay, formatTime, isoToZonedWallTime } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { RescheduleDialog } from '@/components/schedule/RescheduleDialog';
import { ShareVisit } from '@/components/schedule/ShareVisit';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { LiveStatusBadge } from '@/components/schedule/LiveStatusBadge';
import { CallMediaTag } from '@/components/schedule/CallMediaTag';
import { VisitChangeNoticeLine } from '@/components/schedule/VisitChangeNoticeLine';

interface Props {
  appointments: AppointmentsState;
  /** Since when each visit's patient waits (ISO), by appointment id: the live waiting room. */
  waitingSince: Readonly<Record<string, string | null>>;
  /** The last visit someone cancelled or moved, announced above the list. */
  notice: VisitChangeNotice | null;
}

/**
 * "4 scheduled", or "4 scheduled, 1 cancelled": a cancelled visit stays on the list until its time
 * passes (the API's upcoming scope), so it is counted apart. Cancelled ones beyond the first page are
 * not known here and count as scheduled.
 */
function countText(t: Translator<'schedule'>, { items, total }: Pick<AppointmentsState, 'items' | 'total'>): string {
  const cancelled = items.filter((a) => a.status === 'CANCELLED').length;
  return cancelled === 0
    ? t('appointments.count', { scheduled: total })
    : t('appointments.countWithCancelled', { scheduled: total - cancelled, cancelled });
}

/**
 * Today's and upcoming visits, grouped by day in the doctor's zone, each with its live status (a cancelled one
 * stays, marked Cancelled, until its time passes); with cancel and reschedule, and the invitation and calendar file to send.
 */
export function DoctorAppointments({ appointments, waitingSince, notice }: Props) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const session = useSignedIn();
  const zone = session.user.timeZone;
  const now = useNow(30_000);
  const [cancelling, setCancelling] = useState<AppointmentResponse | null>(null);
  const [rescheduling, setRescheduling] = useState<AppointmentResponse | null>(null);
  const change = useChangeAppointment();
  const busy = change.isPending;
  const error = change.error ? visitRefusalText(t, common, change.error, 'cancel') : null;

  const today = isoToZonedWallTime(new Date(now), zone).date;
  const groups = new Map<string, AppointmentResponse[]>();
  for (const a of appointments.items) {
    const day = isoToZonedWallTime(a.startsAt, zone).date;
    groups.set(day, [...(groups.get(day) ?? []), a]);
  }

  async function cancel() {
    if (!cancelling) return;
    // The failure shows above the list (change.error); the dialog closes either way.
    await change.mutateAsync({ id: cancelling.id, change: { status: 'CANCELLED' } }).catch(() => undefined);
    setCancelling(null);
  }

  return (
    <section className="card" aria-labelledby="upcoming-title" data-testid="doctor-appointments">
      <div className="card-head">
        <h2 id="upcoming-title">{t('appointments.title')}</h2>
        <span className="hint">{countText(t, appointments)}</span>
      </div>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="appointment-action-error">
          {error}
        </div>
      )}
      <VisitChangeNoticeLine notice={notice} timeZone={zone} />
      {appointments.error && <div className="alert alert-error">{t('errors.loadVisits')}</div>}
      {appointments.loading && <p className="empty">{t('appointments.loading')}</p>}
      {!appointments.loading && appointments.items.length === 0 && !appointments.error && (
        <p className="empty">{t('appointments.empty')}</p>
      )}
      {[...groups.entries()].map(([day, items]) => (
        <div key={day}>
          <h3 className="day-heading">
            {/* A day's group is created with its first visit, so items[0] exists. */}
            {day === today ? t('appointments.today', { day: formatDay(items[0]!.startsAt, zone) }) : formatDay(items[0]!.startsAt, zone)}
          </h3>
          <ul className="list">
            {items.map((a) => {
              // The same state machine the API decides with: only what it would accept is offered.
              const phase = visitPhase(a);
              const open = phase === 'in-call' || (now >= Date.parse(a.joinOpensAt) && now < Date.parse(a.joinClosesAt));
              const canJoin = open && isVisitActionAllowed(phase, 'join');
              return (
                <li
                  key={a.id}
                  className="list-item"
                  data-testid="doctor-appointment"
                  data-appointment-id={a.id}
                  data-session-id={a.sessionId}
                >
                  <div className="item-main">
                    <div className="item-title">
                      {formatTime(a.startsAt, zone)}–{formatTime(a.endsAt, zone)} · {a.patient.name}
                    </div>
                    <div className="item-sub">
                      {a.reason} <LiveStatusBadge appointment={a} waitingSince={waitingSince[a.id]} viewer="doctor" />{' '}
                      <CallMediaTag media={a.media} />
                    </div>
                    {a.status === 'SCHEDULED' && a.sessionStatus !== 'ENDED' && <ShareVisit appointment={a} />}
                  </div>
                  {(canJoin || isVisitActionAllowed(phase, 'cancel')) && (
                    <div className="actions">
                      {canJoin && (
                        <AppLink
                          className="btn btn-primary btn-small"
                          href={`/visit/${a.sessionId}`}
                          data-testid="doctor-join-call"
                          aria-label={t('appointments.joinLabel', { name: a.patient.name })}
                        >
                          {t('appointments.join')}
                        </AppLink>
                      )}
                      {isVisitActionAllowed(phase, 'reschedule') && (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setRescheduling(a)}
                          data-testid="reschedule-appointment"
                          aria-label={t('appointments.rescheduleLabel', { name: a.patient.name })}
                        >
                          {t('appointments.reschedule')}
                        </button>
                      )}
                      {isVisitActionAllowed(phase, 'cancel') && (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setCancelling(a)}
                          data-testid="cancel-appointment"
                          aria-label={t('appointments.cancelLabel', { name: a.patient.name })}
                        >
                          {t('appointments.cancel')}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {cancelling && (
        <ConfirmDialog
          title={t('appointments.cancelTitle')}
          confirmLabel={busy ? t('appointments.cancelling') : t('appointments.cancelConfirm')}
          cancelLabel={t('appointments.keep')}
          danger
          busy={busy}
          onConfirm={() => void cancel()}
          onCancel={() => setCancelling(null)}
          testId="cancel-dialog"
        >
          <p>
            {t('appointments.cancelBody', {
              name: cancelling.patient.name,
              day: formatDay(cancelling.startsAt, zone),
              time: formatTime(cancelling.startsAt, zone),
            })}
          </p>
        </ConfirmDialog>
      )}
      {rescheduling && (
        <RescheduleDialog appointment={rescheduling} onCancel={() => setRescheduling(null)} onDone={() => setRescheduling(null)} />
      )}
    </section>
  );
}
