'use client';

import { useId } from 'react';

export interface HistoryFilterValues {
  /** "YYYY-MM-DD" days in the viewer's zone, both inclusive; "" when not set. */
  from: string;
  to: string;
  withUserId: string;
}

interface Props {
  values: HistoryFilterValues;
  onChange: (values: HistoryFilterValues) => void;
  parties: Array<{ id: string; name: string }>;
  partyLabel: string;
  zone: string;
  error: string | null;
}

/** Date range and the other party: the history's filters, applied as they change. */
export function HistoryFilters({ values, onChange, parties, partyLabel, zone, error }: Props) {
  const id = useId();
  const active = Boolean(values.from || values.to || values.withUserId);
  return (
    <form className="history-filters" role="search" aria-label="Filter past visits" onSubmit={(e) => e.preventDefault()} data-testid="history-filters">
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={values.from}
          max={values.to || undefined}
          onChange={(e) => onChange({ ...values, from: e.target.value })}
          data-testid="history-from"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={values.to}
          min={values.from || undefined}
          onChange={(e) => onChange({ ...values, to: e.target.value })}
          data-testid="history-to"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-with`}>{partyLabel}</label>
        <select id={`${id}-with`} value={values.withUserId} onChange={(e) => onChange({ ...values, withUserId: e.target.value })} data-testid="history-party">
          <option value="">Everyone</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="history-filters-end">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={!active}
          onClick={() => onChange({ from: '', to: '', withUserId: '' })}
          data-testid="history-clear"
        >
          Clear filters
        </button>
      </div>
      <p className="hint history-filters-hint">Both days are included, counted in your time zone ({zone}).</p>
      {error && (
        <div className="alert alert-error history-filters-hint" role="alert" data-testid="history-filter-error">
          {error}
        </div>
      )}
    </form>
  );
}
