'use client';

import { useMemo } from 'react';
import { allTimeZones } from '@/lib/time-zones';
import { SelectField, TextField } from '@/components/common/FormFields';

export interface NewPatientDraft {
  name: string;
  email: string;
  timeZone: string;
}

interface Props {
  value: NewPatientDraft;
  onChange: (value: NewPatientDraft) => void;
  /** What is wrong with each field, said on it (the form's checks or the API's refusal). */
  errors?: { name?: string; email?: string; timeZone?: string };
}

/**
 * A patient the doctor names at booking: name, email and the zone their invitation's times are
 * written in (the doctor's own unless changed). An email the clinic already knows books that patient.
 */
export function NewPatientFields({ value, onChange, errors = {} }: Props) {
  const zones = useMemo(() => allTimeZones(value.timeZone), [value.timeZone]);
  return (
    <div className="new-patient" data-testid="new-patient">
      <TextField
        id="new-patient-name"
        label="Patient’s name"
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
        label="Patient’s email"
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
        label="Patient’s time zone"
        value={value.timeZone}
        onChange={(timeZone) => onChange({ ...value, timeZone })}
        options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        testId="new-patient-zone"
        error={errors.timeZone}
        hint="The invitation gives the date and time in this zone. They get the visit link and code by email; an email already on file books that patient."
      />
    </div>
  );
}
