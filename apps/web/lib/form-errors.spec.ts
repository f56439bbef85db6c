import { formErrorsOf, parseFieldProblem, readableSentence } from './form-errors';

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
  });

  it('falls back to the last part of a nested field, then to "One of the details"', () => {
    expect(sut('guest.email: must be an email address')).toBe('The email address should look like name@example.com.');
    expect(sut('somethingNew: must be shorter')).toBe('One of the details must be shorter.');
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
    expect(sut(refusal('email', 'must be an email address'), { email: 'Email', password: 'Password' })).toEqual({
      fields: { email: 'Email should look like name@example.com.' },
      summary: null,
    });
  });

  it('sums up a refused field that is not on the form as a sentence in words', () => {
    expect(sut(refusal('startsAt', 'must not be in the past.'), { reason: 'Reason' })).toEqual({
      fields: {},
      summary: 'The start time must not be in the past.',
    });
  });

  it('sums up any other refusal with its own sentence', () => {
    expect(sut(new Error('This set-password link is not valid: it was already used.'), { password: 'New password' })).toEqual({
      fields: {},
      summary: 'This set-password link is not valid: it was already used.',
    });
  });

  it('never shows a raw "field:" sentence, even one that came without its problem', () => {
    expect(sut(new Error('startsAt: must not be in the past.')).summary).toBe('The start time must not be in the past.');
  });

  it('says something a person can read for a thrown value that is not an error', () => {
    expect(sut('boom').summary).toBe('Something went wrong. Please try again.');
  });
});
