'use client';

import { useEffect, useState, type FormEvent } from 'react';
import type { PatientSummary } from '@telehealth/contracts';
import { useBookAppointment } from '@/hooks/useAppointments';
import { errorMessage } from '@/lib/api-client';
import { DURATION_CHOICES, nextQuarterHour } from '@/lib/slots';
import { formatDateTime, zonedWallTimeToIso, zoneLabel } from '@/lib/time';
import { DurationField, TextField } from '@/components/common/FormFields';
import { PatientPicker } from '@/components/schedule/PatientPicker';
import { useSignedIn } from '@/components/auth/SignedInContext';

/** The doctor schedules a visit; date and time are read in the doctor's own time zone. */
export function ScheduleVisitForm() {
  const session = useSignedIn();
  const zone = session.user.timeZone;
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(30);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const booking = useBookAppointment();
  const busy = booking.isPending;

  useEffect(() => {
    const slot = nextQuarterHour(zone);
    setDate(slot.date);
    setTime(slot.time);
  }, [zone]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (!patient) return setError('Choose a patient first.');
    if (!date || !time) return setError('Enter the date and the time of the visit.');
    if (!reason.trim()) return setError('Enter the reason for the visit.');
    try {
      const created = await booking.mutateAsync({
        patientId: patient.id,
        startsAt: zonedWallTimeToIso(date, time, zone),
        durationMinutes: duration,
        reason: reason.trim(),
      });
      setDone(`Visit with ${created.patient.name} scheduled for ${formatDateTime(created.startsAt, zone)}.`);
      setPatient(null);
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
        <PatientPicker value={patient} onChange={setPatient} />
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
