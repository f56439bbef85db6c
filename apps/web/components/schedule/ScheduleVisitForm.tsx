'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PatientSummary } from '@telehealth/contracts';
import { useBookAppointment, type BookAppointment } from '@/hooks/useAppointments';
import { errorMessage } from '@/lib/api-client';
import { DURATION_CHOICES, nextQuarterHour } from '@/lib/slots';
import { formatDateTime, zonedWallTimeToIso, zoneLabel } from '@/lib/time';
import { DurationField, TextField } from '@/components/common/FormFields';
import { NewPatientFields, type NewPatientDraft } from '@/components/schedule/NewPatientFields';
import { PatientPicker } from '@/components/schedule/PatientPicker';
import { useSignedIn } from '@/components/auth/SignedInContext';

type PatientMode = 'existing' | 'new';

// Enough to catch a slip before asking the API, which checks the address properly.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The doctor schedules a visit, for a patient on file or a new one by name and email; date and time are read in the doctor's own zone. */
export function ScheduleVisitForm() {
  const session = useSignedIn();
  const zone = session.user.timeZone;
  const [mode, setMode] = useState<PatientMode>('existing');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [newPatient, setNewPatient] = useState<NewPatientDraft>({ name: '', email: '', timeZone: zone });
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(30);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const booking = useBookAppointment();
  const busy = booking.isPending;

  useEffect(() => {
    const slot = nextQuarterHour(zone);
    setDate(slot.date);
    setTime(slot.time);
  }, [zone]);

  /** Who the visit is for, or the sentence (and the field to fix) when that is not said yet. */
  function whoFor(): { patientId: string } | { patient: NewPatientDraft } | { problem: string; field?: HTMLInputElement | null } {
    if (mode === 'existing') return patient ? { patientId: patient.id } : { problem: 'Choose a patient first, or choose “New patient”.' };
    const name = newPatient.name.trim();
    const email = newPatient.email.trim();
    if (!name) return { problem: 'Enter the new patient’s name.', field: nameRef.current };
    if (!LOOKS_LIKE_EMAIL.test(email))
      return { problem: 'Enter the new patient’s email address, e.g. name@example.com.', field: emailRef.current };
    return { patient: { name, email, timeZone: newPatient.timeZone } };
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const who = whoFor();
    if ('problem' in who) {
      setError(who.problem);
      who.field?.focus();
      return;
    }
    if (!date || !time) return setError('Enter the date and the time of the visit.');
    if (!reason.trim()) return setError('Enter the reason for the visit.');
    const request: BookAppointment = {
      ...who,
      startsAt: zonedWallTimeToIso(date, time, zone),
      durationMinutes: duration,
      reason: reason.trim(),
    };
    try {
      const created = await booking.mutateAsync(request);
      const invited =
        'patient' in who
          ? ` ${created.patient.name} gets the visit link and code by email; you can also copy the invitation from the list.`
          : '';
      setDone(`Visit with ${created.patient.name} scheduled for ${formatDateTime(created.startsAt, zone)}.${invited}`);
      setPatient(null);
      setNewPatient({ name: '', email: '', timeZone: zone });
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section className="card" aria-labelledby="schedule-title">
      <div className="card-head">
        <h2 id="schedule-title">Schedule a visit</h2>
        <span className="hint">
          Times in {zone.replace(/_/g, ' ')} ({zoneLabel(zone)})
        </span>
      </div>
      <form onSubmit={onSubmit} noValidate data-testid="schedule-form">
        {error && (
          <div className="alert alert-error" role="alert" data-testid="schedule-error">
            {error}
          </div>
        )}
        {done && (
          <div className="alert alert-ok" role="status" data-testid="schedule-success">
            {done}
          </div>
        )}
        <fieldset className="field patient-mode">
          <legend className="label">Patient</legend>
          <div className="radio-row">
            <label>
              <input
                type="radio"
                name="patient-mode"
                value="existing"
                checked={mode === 'existing'}
                onChange={() => setMode('existing')}
                data-testid="patient-mode-existing"
              />
              Existing patient
            </label>
            <label>
              <input
                type="radio"
                name="patient-mode"
                value="new"
                checked={mode === 'new'}
                onChange={() => setMode('new')}
                data-testid="patient-mode-new"
              />
              New patient
            </label>
          </div>
        </fieldset>
        {mode === 'existing' ? (
          <PatientPicker value={patient} onChange={setPatient} label="Find the patient" />
        ) : (
          <NewPatientFields value={newPatient} onChange={setNewPatient} nameRef={nameRef} emailRef={emailRef} />
        )}
        <div className="row">
          <TextField id="schedule-date" label="Date" type="date" required value={date} onChange={setDate} testId="schedule-date" />
          <TextField
            id="schedule-time"
            label="Start time"
            type="time"
            step={300}
            required
            value={time}
            onChange={setTime}
            testId="schedule-time"
          />
          <DurationField id="schedule-duration" minutes={duration} choices={DURATION_CHOICES} onChange={setDuration} />
        </div>
        <div className="field">
          <label htmlFor="schedule-reason">Reason for the visit</label>
          <textarea
            id="schedule-reason"
            maxLength={500}
            rows={2}
            placeholder="e.g. Follow-up on blood pressure"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="schedule-reason"
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="schedule-submit">
          {busy ? 'Scheduling…' : 'Schedule visit'}
        </button>
      </form>
    </section>
  );
}
