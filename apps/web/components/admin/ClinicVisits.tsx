'use client';

import Link from 'next/link';
import { useEffect, useId, useMemo, useState } from 'react';
import type { AppointmentStatus, ClinicVisitPhase } from '@telehealth/contracts';
import { useClinicVisits, type ClinicVisitsRequest } from '@/hooks/useAdmin';
import { useStaff } from '@/hooks/useStaff';
import { formatDate, formatDuration, formatTime, nextDay, zoneLabel, zoneName, zonedWallTimeToIso } from '@/lib/time';
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

const PHASES: Array<{ value: ClinicVisitsView['phase']; label: string }> = [
  { value: '', label: 'All' },
  { value: 'upcoming', label: 'Upcoming' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'past', label: 'Past' },
];

const STATUSES: Array<{ value: ClinicVisitsView['status']; label: string }> = [
  { value: '', label: 'Any status' },
  { value: 'SCHEDULED', label: 'Scheduled' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'CANCELLED', label: 'Cancelled' },
  { value: 'NO_SHOW', label: 'No-show' },
];

const WORDS = {
  title: 'The clinic’s visits',
  filters: 'Filter the clinic’s visits',
  phases: 'Which visits',
  from: 'From',
  to: 'To',
  doctor: 'Doctor',
  anyDoctor: 'Every doctor',
  status: 'Status',
  clear: 'Clear filters',
  daysHint: (zone: string) => `Both days are included, counted in your time zone (${zone}).`,
  toBeforeFrom: 'The “To” day is before the “From” day.',
  loading: 'Loading the clinic’s visits…',
  none: 'No visits here yet.',
  noMatch: 'No visits match these filters.',
  oneVisit: '1 visit',
  visits: (count: number) => `${count} visits`,
  timesIn: (zone: string) => `Times in ${zone}`,
  rowLabel: (doctor: string, patient: string, date: string, time: string) => `Visit of ${patient} with ${doctor}, ${date} at ${time}`,
  with: (doctor: string, patient: string) => `${doctor} with ${patient}`,
  guests: (count: number) => (count === 1 ? '1 guest' : `${count} guests`),
  lasted: (duration: string) => `Lasted ${duration}`,
  pages: 'Clinic visits pages',
};

/** Days in the admin's zone -> the API's query, or the sentence saying what is wrong. */
function toRequest(view: ClinicVisitsView, zone: string): { request: ClinicVisitsRequest | null; error: string | null } {
  if (view.from && view.to && view.to < view.from) return { request: null, error: WORDS.toBeforeFrom };
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
        {WORDS.title}
      </h2>
      <div className={styles.phases} role="group" aria-label={WORDS.phases}>
        {PHASES.map((phase) => (
          <button
            key={phase.value || 'all'}
            type="button"
            className={`btn btn-secondary btn-small ${styles.phase}`}
            aria-pressed={view.phase === phase.value}
            onClick={() => change({ phase: phase.value })}
            data-testid={`clinic-visits-phase-${phase.value || 'all'}`}
          >
            {phase.label}
          </button>
        ))}
      </div>
      <form role="search" aria-label={WORDS.filters} onSubmit={(e) => e.preventDefault()} data-testid="clinic-visits-filters">
        <div className={styles.filters}>
          <TextField
            id={`${id}-from`}
            label={WORDS.from}
            type="date"
            value={view.from}
            max={view.to || undefined}
            onChange={(from) => change({ from })}
            testId="clinic-visits-from"
          />
          <TextField
            id={`${id}-to`}
            label={WORDS.to}
            type="date"
            value={view.to}
            min={view.from || undefined}
            onChange={(to) => change({ to })}
            testId="clinic-visits-to"
          />
          <SelectField
            id={`${id}-doctor`}
            label={WORDS.doctor}
            value={view.doctorId}
            onChange={(doctorId) => change({ doctorId })}
            options={[{ value: '', label: WORDS.anyDoctor }, ...doctors.map((doctor) => ({ value: doctor.id, label: doctor.name }))]}
            testId="clinic-visits-doctor"
          />
          <SelectField
            id={`${id}-status`}
            label={WORDS.status}
            value={view.status}
            onChange={(status) => change({ status: status as ClinicVisitsView['status'] })}
            options={STATUSES}
            testId="clinic-visits-status"
          />
        </div>
        <div className={styles.summary}>
          <span className="hint">{WORDS.daysHint(zoneLabel(zone))}</span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={!filtered}
            onClick={() => change({ from: '', to: '', doctorId: '', status: '' })}
            data-testid="clinic-visits-clear"
          >
            {WORDS.clear}
          </button>
        </div>
        {filterError && (
          <div className="alert alert-error" role="alert" data-testid="clinic-visits-filter-error">
            {filterError}
          </div>
        )}
      </form>
      {visits.error && (
        <div className="alert alert-error" role="alert" data-testid="clinic-visits-error">
          {visits.error}
        </div>
      )}
      <div className={styles.summary}>
        <div aria-live="polite">
          {visits.loading && visits.items.length === 0 ? (
            <p className="empty">{WORDS.loading}</p>
          ) : (
            !filterError &&
            !visits.error && (
              <p className="hint" data-testid="clinic-visits-count">
                {visits.total === 0
                  ? filtered
                    ? WORDS.noMatch
                    : WORDS.none
                  : visits.total === 1
                    ? WORDS.oneVisit
                    : WORDS.visits(visits.total)}
              </p>
            )
          )}
        </div>
        <span className="hint">{WORDS.timesIn(zoneName(zone))}</span>
      </div>
      {!filterError && visits.items.length > 0 && (
        <ul className="list history-list" data-loading={visits.loading} data-testid="clinic-visits-list">
          {visits.items.map((visit) => (
            <li key={visit.id} className="history-row" data-testid="clinic-visit-row" data-session-id={visit.id} data-phase={visit.phase}>
              <div className="history-when">
                <Link
                  className="row-link item-title"
                  href={`/admin/visits/${encodeURIComponent(visit.id)}`}
                  data-testid="clinic-visit-link"
                  aria-label={WORDS.rowLabel(
                    visit.doctor.name,
                    visit.patient.name,
                    formatDate(visit.scheduledStart, zone),
                    formatTime(visit.scheduledStart, zone),
                  )}
                >
                  {formatDate(visit.scheduledStart, zone)}
                </Link>
                <div className="item-sub">
                  {formatTime(visit.scheduledStart, zone)}–{formatTime(visit.scheduledEnd, zone)}
                </div>
              </div>
              <div className="history-what">
                <div className="item-title" data-testid="clinic-visit-people">
                  {WORDS.with(visit.doctor.name, visit.patient.name)}
                </div>
                {visit.guests > 0 && <div className="item-sub">{WORDS.guests(visit.guests)}</div>}
              </div>
              <div className="history-outcome">
                <ClinicVisitStatus visit={visit} />
                {visit.durationSeconds !== null && (
                  <span className="item-sub">
                    <span className="visually-hidden">{WORDS.lasted(formatDuration(visit.durationSeconds))}</span>
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
          label={WORDS.pages}
        />
      )}
    </section>
  );
}
