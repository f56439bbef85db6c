'use client';

import { useEffect, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useHistoryParties, useVisitHistory, type HistoryQuery } from '@/hooks/useVisitHistory';
import { formatDate, formatDuration, formatTime, nextDay, zoneLabel, zoneName, zonedWallTimeToIso } from '@/lib/time';
import { otherParty, otherRoleLabel } from '@/lib/visit-record';
import { AppLink } from '@/components/common/AppLink';
import { HistoryFilters, type HistoryFilterValues } from '@/components/history/HistoryFilters';
import { Pagination } from '@/components/common/Pagination';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { VisitOutcomeBadge } from '@/components/history/VisitOutcomeBadge';
import { historyError } from '@/components/history/errors';

export const HISTORY_PAGE_SIZE = 10;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface HistoryView extends HistoryFilterValues {
  page: number;
}

/** Days typed in the viewer's zone -> the API's ISO range, or what is wrong with them. */
function toQuery(view: HistoryView, zone: string): { query: HistoryQuery | null; error: 'toBeforeFrom' | null } {
  if (view.from && view.to && view.to < view.from) return { query: null, error: 'toBeforeFrom' };
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
  const t = useTranslations('history');
  const common = useTranslations('common');
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
        {t('list.title')}
      </h2>
      <HistoryFilters
        values={view}
        onChange={(values) => setView({ ...values, page: 1 })}
        parties={parties}
        partyLabel={otherRoleLabel(isDoctor, t)}
        zone={zoneLabel(zone)}
        error={filterError ? t(`filters.${filterError}`) : null}
      />
      {history.error && (
        <div className="alert alert-error" role="alert" data-testid="history-error">
          {historyError(history.error, t, common)}
        </div>
      )}
      <div className="history-summary">
        <div aria-live="polite">
          {history.loading && history.items.length === 0 ? (
            <p className="empty">{t('list.loading')}</p>
          ) : (
            !filterError &&
            !history.error && (
              <p className="hint" data-testid="history-count">
                {history.total === 0
                  ? filtered
                    ? t('list.noMatch')
                    : isDoctor
                      ? t('list.noneDoctor')
                      : t('list.nonePatient')
                  : filtered
                    ? t('list.countMatching', { count: history.total })
                    : t('list.count', { count: history.total })}
              </p>
            )
          )}
        </div>
        <span className="hint" data-testid="history-zone">
          {t('list.timesIn', { zone: zoneName(zone) })}
        </span>
      </div>
      {!filterError && history.items.length > 0 && (
        <ul className="list history-list" data-loading={history.loading} data-testid="history-list">
          {history.items.map((visit) => {
            const other = otherParty(visit, user.id);
            return (
              <li key={visit.id} className="history-row" data-testid="history-row" data-session-id={visit.id}>
                <div className="history-when">
                  <AppLink
                    className="row-link item-title"
                    href={`/history/${visit.id}`}
                    data-testid="history-row-link"
                    aria-label={t('list.rowLabel', {
                      name: other.name,
                      date: formatDate(visit.scheduledStart, zone),
                      time: formatTime(visit.scheduledStart, zone),
                    })}
                  >
                    {formatDate(visit.scheduledStart, zone)}
                  </AppLink>
                  <div className="item-sub" data-testid="history-row-time">
                    {formatTime(visit.scheduledStart, zone)}–{formatTime(visit.scheduledEnd, zone)}
                  </div>
                </div>
                <div className="history-what">
                  <div className="item-title" data-testid="history-row-party">
                    {t.rich('list.party', {
                      role: otherRoleLabel(isDoctor, t),
                      name: other.name,
                      hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                    })}
                  </div>
                  <div className="item-sub" data-testid="history-row-reason">
                    {visit.reason}
                  </div>
                </div>
                <div className="history-outcome">
                  <VisitOutcomeBadge visit={visit} />
                  {visit.durationSeconds !== null && (
                    <span className="item-sub" data-testid="history-row-duration">
                      {t.rich('list.lasted', {
                        duration: formatDuration(visit.durationSeconds),
                        hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
                      })}
                    </span>
                  )}
                  {isDoctor && visit.hasNotes && (
                    <span className="history-notes-flag" data-testid="history-row-has-notes">
                      {t('list.notesWritten')}
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
          label={t('list.pages')}
        />
      )}
    </section>
  );
}
