'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useHistoryParties, useVisitHistory, type HistoryQuery } from '@/hooks/useVisitHistory';
import { formatDate, formatDuration, formatTime, nextDay, zoneLabel, zoneName, zonedWallTimeToIso } from '@/lib/time';
import { otherParty, otherRoleLabel } from '@/lib/visit-record';
import { HistoryFilters, type HistoryFilterValues } from '@/components/history/HistoryFilters';
import { Pagination } from '@/components/common/Pagination';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { VisitOutcomeBadge } from '@/components/history/VisitOutcomeBadge';

export const HISTORY_PAGE_SIZE = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface HistoryView extends HistoryFilterValues {
  page: number;
}

/** Days typed in the viewer's zone -> the API's ISO range, or a sentence saying what is wrong. */
function toQuery(view: HistoryView, zone: string): { query: HistoryQuery | null; error: string | null } {
  if (view.from && view.to && view.to < view.from) return { query: null, error: 'The “To” day is before the “From” day.' };
  return {
    query: {
      page: view.page,
      pageSize: HISTORY_PAGE_SIZE,
      from: DAY.test(view.from) ? zonedWallTimeToIso(view.from, '00:00', zone) : undefined,
      to: DAY.test(view.to) ? zonedWallTimeToIso(nextDay(view.to), '00:00', zone) : undefined,
      withUserId: view.withUserId || undefined,
    },
    error: null,
  };
}

/** Keeps the view in the address bar, so Back from a visit returns to the same page and filters. */
function syncUrl(view: HistoryView): void {
  const params = new URLSearchParams();
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (view.withUserId) params.set('with', view.withUserId);
  if (view.page > 1) params.set('page', String(view.page));
  const qs = params.toString();
  window.history.replaceState(window.history.state, '', qs ? `/history?${qs}` : '/history');
}

export function VisitHistory({ initial }: { initial: HistoryView }) {
  const { user } = useSignedIn();
  const zone = user.timeZone;
  const isDoctor = user.role === 'DOCTOR';
  const [view, setView] = useState<HistoryView>(initial);
  const { query, error: filterError } = useMemo(() => toQuery(view, zone), [view, zone]);
  const history = useVisitHistory(query);
  const { parties } = useHistoryParties(!history.loading);
  const pageCount = Math.max(1, Math.ceil(history.total / HISTORY_PAGE_SIZE));
  const filtered = Boolean(view.from || view.to || view.withUserId);

  useEffect(() => syncUrl(view), [view]);

  // A filter that leaves fewer pages than the one shown goes back to the last page.
  useEffect(() => {
    if (!history.loading && !history.error && view.page > pageCount) setView((v) => ({ ...v, page: pageCount }));
  }, [history.loading, history.error, view.page, pageCount]);

  return (
    <section className="card" aria-labelledby="history-title" data-testid="visit-history">
      <h2 id="history-title" className="visually-hidden">
        Your past visits
      </h2>
      <HistoryFilters
        values={view}
        onChange={(values) => setView({ ...values, page: 1 })}
        parties={parties}
        partyLabel={otherRoleLabel(isDoctor)}
        zone={zoneLabel(zone)}
        error={filterError}
      />
      {history.error && (
        <div className="alert alert-error" role="alert" data-testid="history-error">
          {history.error}
        </div>
      )}
      <div className="history-summary">
        <div aria-live="polite">
          {history.loading && history.items.length === 0 ? (
            <p className="empty">Loading your past visits…</p>
          ) : (
            !filterError &&
            !history.error && (
              <p className="hint" data-testid="history-count">
                {history.total === 0
                  ? filtered
                    ? 'No visits match these filters.'
                    : isDoctor
                      ? 'No past visits yet. Visits appear here once they have ended or their time is over.'
                      : 'No past visits yet. Your visits appear here once they are over.'
                  : `${history.total} ${history.total === 1 ? 'visit' : 'visits'}${filtered ? ' match' : ''}`}
              </p>
            )
          )}
        </div>
        <span className="hint" data-testid="history-zone">
          Times in {zoneName(zone)}
        </span>
      </div>
      {!filterError && history.items.length > 0 && (
        <ul className="list history-list" data-loading={history.loading} data-testid="history-list">
          {history.items.map((visit) => {
            const other = otherParty(visit, user.id);
            return (
              <li key={visit.id} className="history-row" data-testid="history-row" data-session-id={visit.id}>
                <div className="history-when">
                  <Link
                    className="row-link item-title"
                    href={`/history/${visit.id}`}
                    data-testid="history-row-link"
                    aria-label={`Visit with ${other.name}, ${formatDate(visit.scheduledStart, zone)} at ${formatTime(visit.scheduledStart, zone)}`}
                  >
                    {formatDate(visit.scheduledStart, zone)}
                  </Link>
                  <div className="item-sub" data-testid="history-row-time">
                    {formatTime(visit.scheduledStart, zone)}–{formatTime(visit.scheduledEnd, zone)}
                  </div>
                </div>
                <div className="history-what">
                  <div className="item-title" data-testid="history-row-party">
                    <span className="visually-hidden">{otherRoleLabel(isDoctor)}: </span>
                    {other.name}
                  </div>
                  <div className="item-sub" data-testid="history-row-reason">
                    {visit.reason}
                  </div>
                </div>
                <div className="history-outcome">
                  <VisitOutcomeBadge visit={visit} />
                  {visit.durationSeconds !== null && (
                    <span className="item-sub" data-testid="history-row-duration">
                      <span className="visually-hidden">Lasted </span>
                      {formatDuration(visit.durationSeconds)}
                    </span>
                  )}
                  {isDoctor && visit.hasNotes && (
                    <span className="history-notes-flag" data-testid="history-row-has-notes">
                      Notes written
                    </span>
                  )}
                </div>
                <span className="history-chevron" aria-hidden="true">
                  ›
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {!filterError && history.total > 0 && (
        <Pagination
          page={Math.min(view.page, pageCount)}
          pageCount={pageCount}
          onPage={(page) => setView((v) => ({ ...v, page }))}
          label="Past visits pages"
        />
      )}
    </section>
  );
}
