'use client';

import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { isLanguage, type CallMedia } from '@telehealth/contracts';
import { useStartInstantVisit } from '@/hooks/useInstantVisit';
import {
  emailedTo,
  emptyInstantVisitDraft,
  instantVisitRefusal,
  instantVisitRequest,
  type InstantPatientMode,
  type InstantVisitDraft,
} from '@/lib/instant-visit';
import { DURATION_CHOICES } from '@/lib/slots';
import { DurationField, FormErrorSummary, LANGUAGE_OPTIONS, SelectField, TextField, useFormProblems } from '@/components/common/FormFields';
import { PatientPicker } from '@/components/schedule/PatientPicker';
import { useSignedIn } from '@/components/auth/SignedInContext';
import type { StartedInstantVisit } from '@/components/instant-visit/InstantVisitStarted';

/** The form's fields by the API's names for them, each with its input's id, in the form's order (the first with a problem takes focus). */
const INPUT_IDS = {
  patient_id: 'instant-patient',
  'patient.name': 'instant-new-name',
  'patient.language': 'instant-new-language',
  'patient.email': 'instant-new-email',
  reason: 'instant-reason',
} as const;

const PATIENT_MODES: readonly InstantPatientMode[] = ['existing', 'new', 'unnamed'];
const MEDIA: readonly CallMedia[] = ['video', 'audio'];

interface Props {
  /** The radio of the patient's kind takes focus when the form opens. */
  firstFieldId: string;
  onStarted: (started: StartedInstantVisit) => void;
  onCancel: () => void;
}

/**
 * The instant visit's compact form: who it is for (a patient on file found as the booking form finds
 * them, a new one by name with an optional email, or nobody named yet), a video or an audio call, how
 * long (20 minutes unless changed) and an optional reason. Each problem is said on its field.
 */
export function InstantVisitForm({ firstFieldId, onStarted, onCancel }: Props) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const { timeZone, language } = useSignedIn().user;
  const [draft, setDraft] = useState<InstantVisitDraft>(() => emptyInstantVisitDraft(language));
  const { problems, summary, summaryRef, show } = useFormProblems(INPUT_IDS);
  const start = useStartInstantVisit();
  const busy = start.isPending;
  const change = (part: Partial<InstantVisitDraft>) => setDraft((current) => ({ ...current, ...part }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = instantVisitRequest(t, draft, timeZone);
    if ('problems' in checked) {
      show(checked.problems);
      return;
    }
    show({});
    try {
      const room = await start.mutateAsync(checked.request);
      onStarted({ room, named: draft.mode !== 'unnamed', emailedTo: emailedTo(draft) });
    } catch (e) {
      const refused = instantVisitRefusal(t, common, e);
      show(refused.fields, refused.summary);
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="instant-visit-form" className="instant-form">
      {summary && (
        <FormErrorSummary ref={summaryRef} testId="instant-visit-error">
          {summary}
        </FormErrorSummary>
      )}
      <fieldset className="field patient-mode">
        <legend className="label">{t('instant.patient')}</legend>
        <div className="radio-row">
          {PATIENT_MODES.map((mode, index) => (
            <label key={mode}>
              <input
                id={index === 0 ? firstFieldId : undefined}
                type="radio"
                name="instant-patient-mode"
                value={mode}
                checked={draft.mode === mode}
                onChange={() => change({ mode })}
                data-testid={`instant-mode-${mode}`}
              />
              {t(`instant.${mode}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.mode === 'existing' && (
        <PatientPicker
          value={draft.patient}
          onChange={(patient) => change({ patient })}
          label={t('instant.findPatient')}
          inputId={INPUT_IDS.patient_id}
          error={problems.patient_id}
        />
      )}
      {draft.mode === 'new' && (
        <div className="instant-new-patient" data-testid="instant-new-patient">
          <TextField
            id={INPUT_IDS['patient.name']}
            label={t('instant.name')}
            autoComplete="off"
            maxLength={120}
            required
            value={draft.name}
            onChange={(name) => change({ name })}
            testId="instant-new-name"
            error={problems['patient.name']}
          />
          <SelectField
            id={INPUT_IDS['patient.language']}
            label={t('instant.language')}
            value={draft.language}
            onChange={(value) => isLanguage(value) && change({ language: value })}
            options={LANGUAGE_OPTIONS}
            testId="instant-new-language"
            error={problems['patient.language']}
            hint={t('instant.languageHint')}
          />
          <TextField
            id={INPUT_IDS['patient.email']}
            label={t('instant.email')}
            type="email"
            autoComplete="off"
            maxLength={254}
            value={draft.email}
            onChange={(email) => change({ email })}
            testId="instant-new-email"
            error={problems['patient.email']}
            hint={t('instant.emailHint')}
          />
        </div>
      )}
      {draft.mode === 'unnamed' && <p className="hint instant-unnamed-hint">{t('instant.unnamedHint')}</p>}
      <div className="instant-call-row">
        <fieldset className="field patient-mode" aria-describedby="instant-media-hint">
          <legend className="label">{t('instant.call')}</legend>
          <div className="radio-row">
            {MEDIA.map((media) => (
              <label key={media}>
                <input
                  type="radio"
                  name="instant-media"
                  value={media}
                  checked={draft.media === media}
                  onChange={() => change({ media })}
                  data-testid={`instant-media-${media}`}
                />
                {t(`instant.${media}`)}
              </label>
            ))}
          </div>
          <span id="instant-media-hint" className="hint">
            {t('instant.audioHint')}
          </span>
        </fieldset>
        <DurationField
          id="instant-duration"
          minutes={draft.durationMinutes}
          choices={DURATION_CHOICES}
          onChange={(durationMinutes) => change({ durationMinutes })}
        />
      </div>
      <TextField
        id={INPUT_IDS.reason}
        label={t('instant.reason')}
        maxLength={500}
        placeholder={t('instant.reasonPlaceholder')}
        value={draft.reason}
        onChange={(reason) => change({ reason })}
        testId="instant-reason"
        error={problems.reason}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="instant-visit-submit">
          {busy ? t('instant.starting') : t('instant.submit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy} data-testid="instant-visit-cancel">
          {t('instant.cancel')}
        </button>
      </div>
    </form>
  );
}
