'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { PatientSummary } from '@telehealth/contracts';
import { usePatientSearch } from '@/hooks/usePatientSearch';
import fieldStyles from '@/components/common/FormFields.module.css';

interface Props {
  value: PatientSummary | null;
  onChange: (patient: PatientSummary | null) => void;
  label?: string;
  /** The search input's id, for the form to move focus to it (after a booking, or to a problem). */
  inputId?: string;
  /** What is wrong with the choice ("Choose a patient first"), said on the field. */
  error?: string;
}

/** A combobox that searches patients by name or email as the doctor types. */
export function PatientPicker({ value, onChange, label: givenLabel, inputId, error: problem }: Props) {
  const t = useTranslations('schedule');
  const label = givenLabel ?? t('picker.label');
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const { results, loading, failed } = usePatientSearch(query, open && !value);

  if (value) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <div className="chip" data-testid="schedule-patient-selected">
          <span>
            <strong>{value.name}</strong>
            {value.email ? ` · ${value.email}` : null}
          </span>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => onChange(null)}
            aria-label={t('picker.changeLabel', { name: value.name })}
          >
            {t('picker.change')}
          </button>
        </div>
      </div>
    );
  }

  function choose(patient: PatientSummary) {
    onChange(patient);
    setOpen(false);
    setQuery('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && open && results[active]) {
      e.preventDefault();
      choose(results[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  const listId = `${id}-list`;
  const searchId = inputId ?? `${id}-input`;
  const errorId = `${id}-error`;
  return (
    <div className={problem ? `field ${fieldStyles.invalid}` : 'field'}>
      <label htmlFor={searchId}>{label}</label>
      <div className="combo">
        <input
          id={searchId}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && results[active] ? `${id}-opt-${active}` : undefined}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? errorId : undefined}
          placeholder={t('picker.placeholder')}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          // Opened by a click, typing or the arrow keys, not by focus alone: the form moves focus here after a booking.
          onClick={() => setOpen(true)}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          data-testid="schedule-patient-search"
        />
        {open && (
          <ul className="combo-list" id={listId} role="listbox" aria-label={t('picker.results')} data-testid="schedule-patient-results">
            {failed && <li className="combo-option">{t('picker.failed')}</li>}
            {!failed && results.length === 0 && <li className="combo-option">{loading ? t('picker.searching') : t('picker.noMatch')}</li>}
            {results.map((patient, index) => (
              <li
                key={patient.id}
                id={`${id}-opt-${index}`}
                role="option"
                aria-selected={index === active}
                className="combo-option"
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(patient);
                }}
                data-testid="schedule-patient-option"
              >
                {patient.name}
                {patient.email ? <small>{patient.email}</small> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      {problem && (
        <span id={errorId} className={fieldStyles.error} data-testid="schedule-patient-error">
          {problem}
        </span>
      )}
    </div>
  );
}
