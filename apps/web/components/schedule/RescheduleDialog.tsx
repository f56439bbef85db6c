'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useChangeAppointment } from '@/hooks/useAppointments';
import { visitRefusalText } from '@/lib/live-visits';
import { DURATION_CHOICES } from '@/lib/slots';
import { isoToZonedWallTime, zonedWallTimeToIso } from '@/lib/time';
import { DurationField, TextField } from '@/components/common/FormFields';
import { useSignedIn } from '@/components/auth/SignedInContext';

interface Props {
  appointment: AppointmentResponse;
  onDone: () => void;
  onCancel: () => void;
}

export function RescheduleDialog({ appointment, onDone, onCancel }: Props) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const session = useSignedIn();
  const zone = session.user.timeZone;
  const titleId = useId();
  const initial = isoToZonedWallTime(appointment.startsAt, zone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const durations = DURATION_CHOICES.includes(appointment.durationMinutes)
    ? DURATION_CHOICES
    : [...DURATION_CHOICES, appointment.durationMinutes].sort((a, b) => a - b);
  const [duration, setDuration] = useState(appointment.durationMinutes);
  const [error, setError] = useState<string | null>(null);
  const change = useChangeAppointment();
  // Stays busy after success too: the dialog is closing.
  const busy = change.isPending || change.isSuccess;
  const firstRef = useRef<HTMLInputElement>(null);

  // The latest handler, so the list re-rendering under the dialog (a live update) does not move focus back to the date.
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  }, [onCancel]);
  useEffect(() => {
    firstRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await change.mutateAsync({
        id: appointment.id,
        change: { startsAt: zonedWallTimeToIso(date, time, zone), durationMinutes: duration },
      });
      onDone();
    } catch (e) {
      setError(visitRefusalText(t, common, e, 'reschedule'));
    }
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onSubmit={onSubmit}
        data-testid="reschedule-dialog"
      >
        <h2 id={titleId}>{t('reschedule.title', { name: appointment.patient.name })}</h2>
        {error && (
          <div className="alert alert-error" role="alert" data-testid="reschedule-error">
            {error}
          </div>
        )}
        <div className="row">
          <TextField
            ref={firstRef}
            id="reschedule-date"
            label={t('fields.date')}
            type="date"
            value={date}
            onChange={setDate}
            testId="reschedule-date"
          />
          <TextField
            id="reschedule-time"
            label={t('fields.startTime')}
            type="time"
            step={300}
            value={time}
            onChange={setTime}
            testId="reschedule-time"
          />
        </div>
        <DurationField id="reschedule-duration" minutes={duration} choices={durations} onChange={setDuration} />
        <div className="actions" style={{ justifyContent: 'flex-end' }}>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('reschedule.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="reschedule-submit">
            {busy ? t('reschedule.saving') : t('reschedule.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
