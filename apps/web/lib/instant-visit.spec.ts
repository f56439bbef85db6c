import { translator } from '@/i18n/translator';
import { ApiError } from './api-client';
import {
  emailedTo,
  emptyInstantVisitDraft,
  instantVisitRefusal,
  instantVisitRequest,
  joinPageOf,
  type InstantVisitDraft,
} from './instant-visit';

const t = translator('schedule');
const es = translator('schedule', 'es');
const ar = translator('schedule', 'ar');
const common = translator('common');
const ZONE = 'Europe/Berlin';

function draft(overrides: Partial<InstantVisitDraft> = {}): InstantVisitDraft {
  return { ...emptyInstantVisitDraft('en'), ...overrides };
}

const patientOnFile = { id: '7c0f2a57-8a9e-4a57-9f55-2f3c7f0c1d11', name: 'Sam Lee', email: 'sam@example.com', timeZone: 'Europe/London' };

describe(instantVisitRequest.name, () => {
  it('starts as a 20-minute video call for a patient on file, with no reason unless one is written', () => {
    const sut = instantVisitRequest(t, draft({ patient: patientOnFile }), ZONE);
    expect(sut).toEqual({ request: { media: 'video', duration_minutes: 20, patient_id: patientOnFile.id } });
  });

  it('asks for a patient to be chosen when none is, on the search field', () => {
    expect(instantVisitRequest(t, draft(), ZONE)).toEqual({ problems: { patient_id: t('instant.choosePatient') } });
  });

  it('books a new patient by name alone, in the doctor’s zone and the chosen language, with the audio call and reason given', () => {
    const sut = instantVisitRequest(
      t,
      draft({ mode: 'new', name: '  Rosa Jiménez ', language: 'es', media: 'audio', durationMinutes: 30, reason: ' Cough ' }),
      ZONE,
    );
    expect(sut).toEqual({
      request: {
        media: 'audio',
        duration_minutes: 30,
        reason: 'Cough',
        patient: { name: 'Rosa Jiménez', time_zone: ZONE, language: 'es' },
      },
    });
  });

  it('sends a new patient’s email when one is given, and says on the field when it does not look like one', () => {
    const sut = instantVisitRequest(t, draft({ mode: 'new', name: 'Rosa', email: ' rosa@example.com ' }), ZONE);
    expect(sut).toMatchObject({ request: { patient: { name: 'Rosa', email: 'rosa@example.com' } } });
    expect(instantVisitRequest(t, draft({ mode: 'new', name: 'Rosa', email: 'rosa@' }), ZONE)).toEqual({
      problems: { 'patient.email': t('form.emailLooksWrong') },
    });
  });

  it('asks for a new patient’s name, in the doctor’s language', () => {
    expect(instantVisitRequest(es, draft({ mode: 'new' }), ZONE)).toEqual({ problems: { 'patient.name': es('instant.enterName') } });
  });

  it('names nobody when the doctor leaves the patient for whoever opens the link, even with a patient chosen before', () => {
    expect(instantVisitRequest(t, draft({ mode: 'unnamed', patient: patientOnFile, name: 'Rosa' }), ZONE)).toEqual({
      request: { media: 'video', duration_minutes: 20 },
    });
  });
});

describe(instantVisitRefusal.name, () => {
  it('says a visit already booked for this moment as such, above the form', () => {
    const slot = new ApiError('This time overlaps another scheduled visit of the doctor.', 409, 'slot_taken');
    expect(instantVisitRefusal(t, common, slot)).toEqual({ fields: {}, summary: t('instant.errors.busyNow') });
    expect(instantVisitRefusal(ar, translator('common', 'ar'), slot).summary).toBe(ar('instant.errors.busyNow'));
  });

  it('puts a refused field on the field it is about, by the API’s snake_case name', () => {
    const refused = (field: string) => new ApiError(`${field}: is not valid`, 400, 'validation_failed', { field, problem: 'is not valid' });
    expect(instantVisitRefusal(t, common, refused('patient_id')).fields).toEqual({ patient_id: t('form.patientNotFound') });
    expect(instantVisitRefusal(t, common, refused('patient.email')).fields).toEqual({ 'patient.email': t('form.emailLooksWrong') });
    expect(instantVisitRefusal(t, common, refused('reason')).fields).toEqual({ reason: t('form.invalidReason') });
    expect(instantVisitRefusal(t, common, refused('duration_minutes'))).toEqual({ fields: {}, summary: t('form.invalidDuration') });
  });

  it('words any other refusal in the common words, never with the API’s English sentence', () => {
    const forbidden = new ApiError('Only doctors may start a visit.', 403, 'forbidden');
    expect(instantVisitRefusal(es, translator('common', 'es'), forbidden)).toEqual({
      fields: {},
      summary: translator('common', 'es')('errors.reasons.forbidden'),
    });
  });
});

describe(emailedTo.name, () => {
  it('is the new patient’s address, or the address on file of the patient chosen', () => {
    expect(emailedTo(draft({ mode: 'new', name: 'Rosa', email: ' rosa@example.com ' }))).toBe('rosa@example.com');
    expect(emailedTo(draft({ patient: patientOnFile }))).toBe('sam@example.com');
  });

  it('is none without an address, for a patient whose address on file is a placeholder, or for nobody named', () => {
    expect(emailedTo(draft({ mode: 'new', name: 'Rosa' }))).toBeNull();
    expect(emailedTo(draft({ patient: { ...patientOnFile, email: 'patient-1f2e@instant.invalid' } }))).toBeNull();
    expect(emailedTo(draft({ mode: 'unnamed', patient: patientOnFile }))).toBeNull();
  });
});

describe(joinPageOf.name, () => {
  it('is the join page of the site the link points at', () => {
    expect(joinPageOf('https://clinic.example/j/abc123')).toBe('https://clinic.example/join');
    expect(joinPageOf('not a link')).toBe('/join');
  });
});
