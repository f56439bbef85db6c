import { translator } from '@/i18n/translator';
import { ApiError, errorMessage, refusalText } from './api-client';

const t = translator('common');
const es = translator('common', 'es');
const ar = translator('common', 'ar');

describe(refusalText.name, () => {
  it('words a refusal by its reason in the reader’s language, never with the API’s English sentence', () => {
    const forbidden = new ApiError('You may not open this visit.', 403, 'forbidden');
    expect(refusalText(forbidden, t)).toBe('You do not have access to this.');
    expect(refusalText(forbidden, es)).toBe('No tiene acceso a esto.');
    expect(refusalText(Object.assign(new Error('Session expired'), { code: 401, reason: 'session_expired' }), ar)).toBe(
      ar('errors.reasons.session_expired'),
    );
  });

  it('words a bare reason, as a call keeps it', () => {
    expect(refusalText('room_full', t)).toBe('The visit is full.');
  });

  it('says no answer at all as the service out of reach, and too many tries with when to try again', () => {
    expect(refusalText(new ApiError('Failed to fetch', 0, 'service_unavailable'), t)).toBe(
      'The service cannot be reached. Check your connection and try again.',
    );
    expect(refusalText(new ApiError('Slow down.', 429, 'rate_limited', null, 90), t)).toBe('Too many tries. Try again in 2 minutes.');
    expect(refusalText(new ApiError('Slow down.', 429, 'rate_limited'), t)).toBe('Too many requests. Wait a moment and try again.');
  });

  it('says a refused field as its problem when the page’s language is known, else by the reason', () => {
    const email = new ApiError('Email must be an email address.', 400, 'validation_failed', {
      field: 'email',
      problem: 'must be an email address',
    });
    expect(refusalText(email, es, 'es')).toBe(es('formErrors.problems.emailShape', { field: es('formErrors.fields.email') }));
    expect(refusalText(email, t)).toBe('Some of the details are not valid. Check them and try again.');
  });

  it('says an error that is no refusal as something that went wrong', () => {
    expect(refusalText(new Error('boom'), es)).toBe('Algo salió mal. Inténtelo de nuevo.');
    expect(refusalText(undefined, t)).toBe('Something went wrong. Please try again.');
  });
});

describe(errorMessage.name, () => {
  it('shows the API’s own sentence on an English page, and the common words on any other', () => {
    const slot = new ApiError('This time overlaps another scheduled visit of the doctor; choose another time.', 409, 'slot_taken');
    expect(errorMessage(slot, 'en')).toBe('This time overlaps another scheduled visit of the doctor; choose another time.');
    expect(errorMessage(slot, 'es')).toBe(es('errors.reasons.slot_taken'));
    expect(errorMessage(new Error('boom'), 'ar')).toBe(ar('errors.generic'));
  });
});
