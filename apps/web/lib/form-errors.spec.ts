import { translator } from '@/i18n/translator';
import { formErrorsOf, parseFieldProblem, readableSentence } from './form-errors';

const en = translator('common');
const es = translator('common', 'es');
const ar = translator('common', 'ar');

/** What lib/api-client throws for a refused field: its sentence in words and the problem it carries. */
function refusal(field: string, problem: string): Error {
  return Object.assign(new Error(readableSentence(`${field}: ${problem}`)), { fieldProblem: { field, problem } });
}

describe(parseFieldProblem.name, () => {
  const sut = parseFieldProblem;

  it('splits the API’s "field: problem" sentence', () => {
    expect(sut('email: must be an email address')).toEqual({ field: 'email', problem: 'must be an email address' });
    expect(sut('startsAt: must not be in the past.')).toEqual({ field: 'startsAt', problem: 'must not be in the past.' });
  });

  it('keeps the path of a nested field', () => {
    expect(sut('patient.email: must be an email address')).toEqual({ field: 'patient.email', problem: 'must be an email address' });
  });

  it('takes no ordinary sentence for a field', () => {
    expect(sut('The email or password is incorrect.')).toBeNull();
    expect(sut('Note: the visit has moved.')).toBeNull();
    expect(sut('Too many failed sign-ins. Try again in 15 minutes.')).toBeNull();
    expect(sut('two words: are not a field')).toBeNull();
  });
});

describe(readableSentence.name, () => {
  const sut = readableSentence;

  it('says a known field in words, without the prefix', () => {
    expect(sut('startsAt: must not be in the past.')).toBe('The start time must not be in the past.');
    expect(sut('email: must be an email address')).toBe('The email address should look like name@example.com.');
    expect(sut('patient.name: is required')).toBe("The patient's name is required.");
    expect(sut('token: is not a set-password token')).toBe('The link is not a set-password token.');
  });

  it('falls back to the last part of a nested field, then to "One of the details"', () => {
    expect(sut('guest.email: must be an email address')).toBe('The email address should look like name@example.com.');
    expect(sut('somethingNew: must be shorter')).toBe('One of the details must be shorter.');
    expect(sut('constructor: must be shorter')).toBe('One of the details must be shorter.');
  });

  it('does not show zod’s own wording, only that the field is not valid', () => {
    expect(sut('durationMinutes: Invalid input: expected number, received string')).toBe('The length of the visit is not valid.');
  });

  it('lets an instruction stand as its own sentence', () => {
    expect(sut('status: cancel or reschedule, not both at once')).toBe('Cancel or reschedule, not both at once.');
  });

  it('leaves any other sentence as it is', () => {
    expect(sut('This set-password link is not valid.')).toBe('This set-password link is not valid.');
  });
});

describe(formErrorsOf.name, () => {
  const sut = formErrorsOf;

  it('puts a refused field that is on the form on that field, worded with its label', () => {
    expect(sut(refusal('email', 'must be an email address'), { email: 'Email', password: 'Password' }, en, 'en')).toEqual({
      fields: { email: 'Email should look like name@example.com.' },
      summary: null,
    });
  });

  it('sums up a refused field that is not on the form as a sentence in words', () => {
    expect(sut(refusal('startsAt', 'must not be in the past.'), { reason: 'Reason' }, en, 'en')).toEqual({
      fields: {},
      summary: 'The start time must not be in the past.',
    });
  });

  it('sums up any other refusal with its own sentence', () => {
    expect(sut(new Error('This set-password link is not valid: it was already used.'), { password: 'New password' }, en, 'en')).toEqual({
      fields: {},
      summary: 'This set-password link is not valid: it was already used.',
    });
  });

  it('lets the caller word a refusal that is about no field', () => {
    expect(sut(new Error('Gone.'), {}, es, 'es', () => 'Ya no existe.').summary).toBe('Ya no existe.');
  });

  it('never shows a raw "field:" sentence, even one that came without its problem', () => {
    expect(sut(new Error('startsAt: must not be in the past.'), {}, en, 'en').summary).toBe('The start time must not be in the past.');
  });

  it('says something a person can read for a thrown value that is not an error', () => {
    expect(sut('boom', {}, en, 'en').summary).toBe('Something went wrong. Please try again.');
    expect(sut('boom', {}, es, 'es').summary).toBe('Algo salió mal. Inténtelo de nuevo.');
  });

  it('words a known problem in the page’s language, with the form’s label or the field in words', () => {
    expect(sut(refusal('email', 'must be an email address'), { email: 'Correo electrónico' }, es, 'es').fields).toEqual({
      email: 'Correo electrónico: escriba una dirección como nombre@ejemplo.com.',
    });
    expect(sut(refusal('startsAt', 'must not be in the past.'), {}, ar, 'ar').summary).toBe('وقت البدء: لا يمكن أن يكون في الماضي.');
  });

  it('never shows the API’s English to a page in another language: a problem it has no words for is "not valid"', () => {
    expect(sut(refusal('token', 'is not a set-password token'), { password: 'Contraseña nueva' }, es, 'es').summary).toBe(
      'Enlace: el valor no es válido.',
    );
    expect(sut(new Error('This set-password link is not valid.'), {}, ar, 'ar').summary).toBe('حدث خطأ ما. يرجى المحاولة مرة أخرى.');
  });
});
