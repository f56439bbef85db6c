'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslations } from 'next-intl';
import type { PatientSummary } from '@telehealth/contracts';
import { useBookAppointment, type BookAppointment } from '@/hooks/useAppointments';
import { bookingRefusal, type BookingField } from '@/lib/live-visits';
import { DURATION_CHOICES, nextQuarterHour } from '@/lib/slots';
import { formatDateTime, zonedWallTimeToIso, zoneLabel } from '@/lib/time';
import fieldStyles from '@/components/common/FormFields.module.css';
import { DurationField, FormErrorSummary, TextField, useFormProblems } from '@/components/common/FormFields';
import { NewPatientFields, type NewPatientDraft } from '@/components/schedule/NewPatientFields';
import { PatientPicker } from '@/components/schedule/PatientPicker';
import { useSignedIn } from '@/components/auth/SignedInContext';

type PatientMode = 'existing' | 'new';

/**
 * The form's fields by the API's names for them, each with its input's id, in the form's order (the
 * first with a problem takes focus). `date` is the form's own: the API takes one instant, `startsAt`.
 */
const INPUT_IDS = {
  patientId: 'schedule-patient',
  'patient.name': 'new-patient-name',
  'patient.email': 'new-patient-email',
  'patient.timeZone': 'new-patient-zone',
  'patient.language': 'new-patient-language',
  date: 'schedule-date',
  startsAt: 'schedule-time',
  reason: 'schedule-reason',
} as const satisfies Record<BookingField | 'date', string>;
type Field = keyof typeof INPUT_IDS;
type FieldErrors = Partial<Record<Field, string>>;

const DEFAULT_DURATION = 30;

// Enough to catch a slip before asking the API, which checks the address properly.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The doctor schedules a visit, for a patient on file or a new one by name and email; date and time are
 * read in the doctor's own zone (a visit that starts at once is the instant visit's, InstantVisitCard).
 * Each problem is said on its field; after a booking the form is fresh for the next one (the next
 * quarter hour, no patient).
 */
export function ScheduleVisitForm() {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const session = useSignedIn();
  const zone = session.user.timeZone;
  const language = session.user.language;
  const [mode, setMode] = useState<PatientMode>('existing');
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [newPatient, setNewPatient] = useState<NewPatientDraft>({ name: '', email: '', timeZone: zone, language });
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(DEFAULT_DURATION);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ text: string; at: number } | null>(null);
  const { problems: fieldErrors, summary, summaryRef, show } = useFormProblems(INPUT_IDS);
  const booking = useBookAppointment();
  const busy = booking.isPending;

  useEffect(() => {
    const slot = nextQuarterHour(zone);
    setDate(slot.date);
    setTime(slot.time);
  }, [zone]);

  /** The patient part of the request, or the problems of the patient's fields. */
  function whoFor(): { who: { patientId: string } | { patient: NewPatientDraft } } | { problems: FieldErrors } {
    if (mode === 'existing') return patient ? { who: { patientId: patient.id } } : { problems: { patientId: t('form.choosePatient') } };
    const name = newPatient.name.trim();
    const email = newPatient.email.trim();
    const problems: FieldErrors = {};
    if (!name) problems['patient.name'] = t('form.enterName');
    if (!LOOKS_LIKE_EMAIL.test(email)) problems['patient.email'] = t('form.enterEmail');
    return Object.keys(problems).length > 0
      ? { problems }
      : { who: { patient: { name, email, timeZone: newPatient.timeZone, language: newPatient.language } } };
  }

  /** A fresh form for the next booking: the next quarter hour, no patient, focus on the first field. */
  function reset() {
    const slot = nextQuarterHour(zone);
    // Rendered at once: the patient's search field only exists again once the chosen patient is gone.
    flushSync(() => {
      setDate(slot.date);
      setTime(slot.time);
      setPatient(null);
      setNewPatient({ name: '', email: '', timeZone: zone, language });
      setDuration(DEFAULT_DURATION);
      setReason('');
    });
    document.getElementById(INPUT_IDS[mode === 'existing' ? 'patientId' : 'patient.name'])?.focus();
  }

  /** Books the visit at the form's date and time. */
  async function book() {
    setDone(null);
    const patientPart = whoFor();
    const problems: FieldErrors = 'problems' in patientPart ? { ...patientPart.problems } : {};
    if (!date) problems.date = t('form.enterDate');
    if (!time) problems.startsAt = t('form.enterTime');
    if (!reason.trim()) problems.reason = t('form.enterReason');
    if (show(problems) || 'problems' in patientPart) return;

    const request: BookAppointment = {
      ...patientPart.who,
      startsAt: zonedWallTimeToIso(date, time, zone),
      durationMinutes: duration,
      reason: reason.trim(),
    };
    try {
      const created = await booking.mutateAsync(request);
      const invited = 'patient' in request;
      const booked = t(invited ? 'form.scheduledInvited' : 'form.scheduled', {
        patient: created.patient.name,
        when: formatDateTime(created.startsAt, zone),
      });
      setDone({ text: booked, at: Date.now() });
      reset();
    } catch (e) {
      const refused = bookingRefusal(t, common, e);
      show(refused.fields, refused.summary);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void book();
  }

  const reasonError = fieldErrors.reason;
  return (
    <section className="card" aria-labelledby="schedule-title">
      <div className="card-head">
        <h2 id="schedule-title">{t('form.title')}</h2>
        <span className="hint">{t('timesIn', { zone: zone.replace(/_/g, ' '), label: zoneLabel(zone) })}</span>
      </div>
      <form onSubmit={onSubmit} noValidate data-testid="schedule-form">
        {summary && (
          <FormErrorSummary ref={summaryRef} testId="schedule-error">
            {summary}
          </FormErrorSummary>
        )}
        {/* Always on the page, so the line that names the booked patient and time is read out when it appears. */}
        <div role="status">
          {done && (
            <p className="alert alert-ok" key={done.at} data-testid="schedule-success">
              {done.text}
            </p>
          )}
        </div>
        <fieldset className="field patient-mode">
          <legend className="label">{t('form.patient')}</legend>
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
              {t('form.existing')}
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
              {t('form.new')}
            </label>
          </div>
        </fieldset>
        {mode === 'existing' ? (
          <PatientPicker
            value={patient}
            onChange={setPatient}
            label={t('form.findPatient')}
            inputId={INPUT_IDS.patientId}
            error={fieldErrors.patientId}
          />
        ) : (
          <NewPatientFields
            value={newPatient}
            onChange={setNewPatient}
            errors={{
              name: fieldErrors['patient.name'],
              email: fieldErrors['patient.email'],
              timeZone: fieldErrors['patient.timeZone'],
              language: fieldErrors['patient.language'],
            }}
          />
        )}
        <div className="row">
          <TextField
            id="schedule-date"
            label={t('fields.date')}
            type="date"
            required
            value={date}
            onChange={setDate}
            testId="schedule-date"
            error={fieldErrors.date}
          />
          <TextField
            id="schedule-time"
            label={t('fields.startTime')}
            type="time"
            step={300}
            required
            value={time}
            onChange={setTime}
            testId="schedule-time"
            error={fieldErrors.startsAt}
          />
          <DurationField id="schedule-duration" minutes={duration} choices={DURATION_CHOICES} onChange={setDuration} />
        </div>
        <div className={reasonError ? `field ${fieldStyles.invalid}` : 'field'}>
          <label htmlFor="schedule-reason">{t('form.reason')}</label>
          <textarea
            id="schedule-reason"
            maxLength={500}
            rows={2}
            placeholder={t('form.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={reasonError ? 'schedule-reason-error' : undefined}
            data-testid="schedule-reason"
          />
          {reasonError && (
            <span id="schedule-reason-error" className={fieldStyles.error} data-testid="schedule-reason-error">
              {reasonError}
            </span>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="schedule-submit">
            {busy ? t('form.scheduling') : t('form.submit')}
          </button>
        </div>
        {/* One way to start a visit at once: the instant visit, which also gives its link and code to share. */}
        <p className="hint" data-testid="schedule-instant-hint">
          {t('form.instantHint')}
        </p>
      </form>
    </section>
  );
}
