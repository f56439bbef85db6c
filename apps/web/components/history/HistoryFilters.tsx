'use client';

import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField, TextField } from '@/components/common/FormFields';

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
  const t = useTranslations('history');
  const id = useId();
  const active = Boolean(values.from || values.to || values.withUserId);
  return (
    <form
      className="history-filters"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(e) => e.preventDefault()}
      data-testid="history-filters"
    >
      <TextField
        id={`${id}-from`}
        label={t('filters.from')}
        type="date"
        value={values.from}
        max={values.to || undefined}
        onChange={(from) => onChange({ ...values, from })}
        testId="history-from"
      />
      <TextField
        id={`${id}-to`}
        label={t('filters.to')}
        type="date"
        value={values.to}
        min={values.from || undefined}
        onChange={(to) => onChange({ ...values, to })}
        testId="history-to"
      />
      <SelectField
        id={`${id}-with`}
        label={partyLabel}
        value={values.withUserId}
        onChange={(withUserId) => onChange({ ...values, withUserId })}
        options={[{ value: '', label: t('filters.everyone') }, ...parties.map((party) => ({ value: party.id, label: party.name }))]}
        testId="history-party"
      />
      <div className="history-filters-end">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={!active}
          onClick={() => onChange({ from: '', to: '', withUserId: '' })}
          data-testid="history-clear"
        >
          {t('filters.clear')}
        </button>
      </div>
      <p className="hint history-filters-hint">{t('filters.days', { zone })}</p>
      {error && (
        <div className="alert alert-error history-filters-hint" role="alert" data-testid="history-filter-error">
          {error}
        </div>
      )}
    </form>
  );
}
