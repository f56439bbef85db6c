'use client';

import { useMemo } from 'react';
import { useTranslations } from 'next-intl';
import { isLanguage, type Language } from '@telehealth/contracts';
import { allTimeZones } from '@/lib/time-zones';
import { LANGUAGE_OPTIONS, SelectField, TextField } from '@/components/common/FormFields';

export interface NewPatientDraft {
  name: string;
  email: string;
  timeZone: string;
  /** What the patient's emails are written in (the doctor's own language unless changed). */
  language: Language;
}

interface Props {
  value: NewPatientDraft;
  onChange: (value: NewPatientDraft) => void;
  /** What is wrong with each field, said on it (the form's checks or the API's refusal). */
  errors?: { name?: string; email?: string; timeZone?: string; language?: string };
}

/** Each language by its own name, as its speakers write it. */

/**
 * A patient the doctor names at booking: name, email, the zone their invitation's times are written
 * in and the language of their emails (the doctor's own unless changed). An email the clinic already
 * knows books that patient.
 */
export function NewPatientFields({ value, onChange, errors = {} }: Props) {
  const t = useTranslations('schedule');
  const zones = useMemo(() => allTimeZones(value.timeZone), [value.timeZone]);
  return (
    <div className="new-patient" data-testid="new-patient">
      <TextField
        id="new-patient-name"
        label={t('newPatient.name')}
        autoComplete="off"
        maxLength={120}
        required
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        testId="new-patient-name"
        error={errors.name}
      />
      <TextField
        id="new-patient-email"
        label={t('newPatient.email')}
        type="email"
        autoComplete="off"
        maxLength={254}
        required
        value={value.email}
        onChange={(email) => onChange({ ...value, email })}
        testId="new-patient-email"
        error={errors.email}
      />
      <SelectField
        id="new-patient-zone"
        label={t('newPatient.timeZone')}
        value={value.timeZone}
        onChange={(timeZone) => onChange({ ...value, timeZone })}
        options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        testId="new-patient-zone"
        error={errors.timeZone}
        hint={t('newPatient.timeZoneHint')}
      />
      <SelectField
        id="new-patient-language"
        label={t('newPatient.language')}
        value={value.language}
        onChange={(language) => isLanguage(language) && onChange({ ...value, language })}
        options={LANGUAGE_OPTIONS}
        testId="new-patient-language"
        error={errors.language}
        hint={t('newPatient.languageHint')}
      />
    </div>
  );
}
