'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentStatus, ClinicVisitPhase } from '@telehealth/contracts';
import { useClinicVisits, type ClinicVisitsRequest } from '@/hooks/useAdmin';
import { useStaff } from '@/hooks/useStaff';
import { refusalText } from '@/lib/api-client';
import { formatDate, formatDuration, formatTime, nextDay, zoneLabel, zoneName, zonedWallTimeToIso } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { Pagination } from '@/components/common/Pagination';
import { SelectField, TextField } from '@/components/common/FormFields';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { ClinicVisitStatus } from '@/components/admin/ClinicVisitStatus';
import styles from './ClinicVisits.module.css';

export const CLINIC_VISITS_PAGE_SIZE = 15;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The list as the address bar keeps it: days in the admin's zone, both inclusive; "" when not set. */
export interface ClinicVisitsView {
  phase: ClinicVisitPhase | '';
  from: string;
  to: string;
  doctorId: string;
  status: AppointmentStatus | '';
  page: number;
}

const PHASES: Array<{ value: ClinicVisitsView['phase']; key: 'all' | 'upcoming' | 'inProgress' | 'past' }> = [
  { value: '', key: 'all' },
  { value: 'upcoming', key: 'upcoming' },
  { value: 'in-progress', key: 'inProgress' },
  { value: 'past', key: 'past' },
];

const STATUSES = ['SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const satisfies readonly AppointmentStatus[];

/** Days in the admin's zone -> the API's query, or what is wrong with them. */
function toRequest(view: ClinicVisitsView, zone: string): { request: ClinicVisitsRequest | null; error: 'toBeforeFrom' | null } {
  if (view.from && view.to && view.to < view.from) return { request: null, error: 'toBeforeFrom' };
  return {
    request: {
      page: view.page,
      pageSize: CLINIC_VISITS_PAGE_SIZE,
      phase: view.phase || undefined,
      from: DAY.test(view.from) ? zonedWallTimeToIso(view.from, '00:00', zone) : undefined,
      to: DAY.test(view.to) ? zonedWallTimeToIso(nextDay(view.to), '00:00', zone) : undefined,
      doctorId: view.doctorId || undefined,
      status: view.status || undefined,
    },
    error: null,
  };
}

/** Keeps the view in the address bar, so Back from a visit returns to the same page and filters. */
function syncUrl(view: ClinicVisitsView): void {
  const params = new URLSearchParams();
  for (const key of ['phase', 'from', 'to', 'doctorId', 'status'] as const) if (view[key]) params.set(key, view[key]);
  if (view.page > 1) params.set('page', String(view.page));
  const qs = params.toString();
  window.history.replaceState(window.history.state, '', qs ? `/admin/visits?${qs}` : '/admin/visits');
}

/** The clinic's visits for its admin: upcoming, in progress and past, by dates, doctor and status; who and when, never why. */
export function ClinicVisits({ initial }: { initial: ClinicVisitsView }) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const zone = useSignedIn().user.timeZone;
  const id = useId();
  const [view, setView] = useState<ClinicVisitsView>(initial);
  const { request, error: filterError } = useMemo(() => toRequest(view, zone), [view, zone]);
  const visits = useClinicVisits(request);
  const staff = useStaff();
  const doctors = (staff.data ?? []).filter((member) => member.role === 'DOCTOR');
  const pageCount = Math.max(1, Math.ceil(visits.total / CLINIC_VISITS_PAGE_SIZE));
  const filtered = Boolean(view.from || view.to || view.doctorId || view.status);
  const change = (values: Partial<ClinicVisitsView>) => setView((current) => ({ ...current, ...values, page: 1 }));

  useEffect(() => syncUrl(view), [view]);
  // A filter that leaves fewer pages than the one shown goes back to the last page.
  useEffect(() => {
    if (!visits.loading && !visits.error && view.page > pageCount) setView((v) => ({ ...v, page: pageCount }));
  }, [visits.loading, visits.error, view.page, pageCount]);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="clinic-visits">
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('visits.title')}
      </h2>
      <div className={styles.phases} role="group" aria-label={t('visits.phases')}>
        {PHASES.map((phase) => (
          <button
            key={phase.value || 'all'}
            type="button"
            className={`btn btn-secondary btn-small ${styles.phase}`}
            aria-pressed={view.phase === phase.value}
            onClick={() => change({ phase: phase.value })}
            data-testid={`clinic-visits-phase-${phase.value || 'all'}`}
          >
            {t(`visits.phase.${phase.key}`)}
          </button>
        ))}
      </div>
      <form role="search" aria-label={t('visits.filters')} onSubmit={(e) => e.preventDefault()} data-testid="clinic-visits-filters">
        <div className={styles.filters}>
          <TextField
            id={`${id}-from`}
            label={t('visits.from')}
            type="date"
            value={view.from}
            max={view.to || undefined}
            onChange={(from) => change({ from })}
            testId="clinic-visits-from"
          />
          <TextField
            id={`${id}-to`}
            label={t('visits.to')}
            type="date"
            value={view.to}
            min={view.from || undefined}
            onChange={(to) => change({ to })}
            testId="clinic-visits-to"
          />
          <SelectField
            id={`${id}-doctor`}
            label={t('visits.doctor')}
            value={view.doctorId}
            onChange={(doctorId) => change({ doctorId })}
            options={[{ value: '', label: t('visits.anyDoctor') }, ...doctors.map((doctor) => ({ value: doctor.id, label: doctor.name }))]}
            testId="clinic-visits-doctor"
          />
          <SelectField
            id={`${id}-status`}
            label={t('visits.status')}
            value={view.status}
            onChange={(status) => change({ status: status as ClinicVisitsView['status'] })}
            options={[
              { value: '', label: t('visits.anyStatus') },
              ...STATUSES.map((status) => ({ value: status, label: t(`visits.statuses.${status}`) })),
            ]}
            testId="clinic-visits-status"
          />
        </div>
        <div className={styles.summary}>
          <span className="hint">{t('visits.days', { zone: zoneLabel(zone) })}</span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={!filtered}
            onClick={() => change({ from: '', to: '', doctorId: '', status: '' })}
            data-testid="clinic-visits-clear"
          >
            {t('visits.clear')}
          </button>
        </div>
        {filterError && (
          <div className="alert alert-error" role="alert" data-testid="clinic-visits-filter-error">
            {t(`visits.${filterError}`)}
          </div>
        )}
      </form>
      {visits.error && (
        <div className="alert alert-error" role="alert" data-testid="clinic-visits-error">
          {refusalText(visits.error, common)}
        </div>
      )}
      <div className={styles.summary}>
        <div aria-live="polite">
          {visits.loading && visits.items.length === 0 ? (
            <p className="empty">{t('visits.loading')}</p>
          ) : (
            !filterError &&
            !visits.error && (
              <p className="hint" data-testid="clinic-visits-count">
                {visits.total === 0 ? (filtered ? t('visits.noMatch') : t('visits.none')) : t('visits.count', { count: visits.total })}
              </p>
            )
          )}
        </div>
        <span className="hint">{t('visits.timesIn', { zone: zoneName(zone) })}</span>
      </div>
      {!filterError && visits.items.length > 0 && (
        <ul className="list history-list" data-loading={visits.loading} data-testid="clinic-visits-list">
          {visits.items.map((visit) => (
            <li key={visit.id} className="history-row" data-testid="clinic-visit-row" data-session-id={visit.id} data-phase={visit.phase}>
              <div className="history-when">
                <AppLink
                  className="row-link item-title"
                  href={`/admin/visits/${encodeURIComponent(visit.id)}`}
                  data-testid="clinic-visit-link"
                  aria-label={t('visits.rowLabel', {
                    doctor: visit.doctor.name,
                    patient: visit.patient.name,
                    date: formatDate(visit.scheduledStart, zone),
                    time: formatTime(visit.scheduledStart, zone),
                  })}
                >
                  {formatDate(visit.scheduledStart, zone)}
                </AppLink>
                <div className="item-sub">
                  {formatTime(visit.scheduledStart, zone)}–{formatTime(visit.scheduledEnd, zone)}
                </div>
              </div>
              <div className="history-what">
                <div className="item-title" data-testid="clinic-visit-people">
                  {t('visits.with', { doctor: visit.doctor.name, patient: visit.patient.name })}
                </div>
                {visit.guests > 0 && <div className="item-sub">{t('visits.guests', { count: visit.guests })}</div>}
              </div>
              <div className="history-outcome">
                <ClinicVisitStatus visit={visit} />
                {visit.durationSeconds !== null && (
                  <span className="item-sub">
                    <span className="visually-hidden">{t('visits.lasted', { duration: formatDuration(visit.durationSeconds) })}</span>
                    <span aria-hidden="true">{formatDuration(visit.durationSeconds)}</span>
                  </span>
                )}
              </div>
              <span className="history-chevron" aria-hidden="true">
                ›
              </span>
            </li>
          ))}
        </ul>
      )}
      {!filterError && visits.total > 0 && (
        <Pagination
          page={Math.min(view.page, pageCount)}
          pageCount={pageCount}
          onPage={(page) => setView((v) => ({ ...v, page }))}
          label={t('visits.pages')}
        />
      )}
    </section>
  );
}
