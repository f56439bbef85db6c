import { checkEmail, checkName, checkNewPassword, checkPassword, checkRepeat, FIELD_MESSAGES, problemsOf } from './field-checks';

describe(checkEmail.name, () => {
  const sut = checkEmail;

  it('asks for an email that is missing', () => {
    expect(sut('')).toBe('Enter your email address.');
    expect(sut('   ')).toBe('Enter your email address.');
  });

  it('asks for the shape of an email address', () => {
    expect(sut('sam')).toBe(FIELD_MESSAGES.emailShape);
    expect(sut('sam@clinic')).toBe(FIELD_MESSAGES.emailShape);
    expect(sut('sam patel@clinic.example')).toBe(FIELD_MESSAGES.emailShape);
  });

  it('takes an email address, spaces around it included', () => {
    expect(sut('sam@clinic.example')).toBeNull();
    expect(sut(' sam@clinic.example ')).toBeNull();
  });
});

describe('password checks', () => {
  it('asks for a sign-in password, but leaves whether it is right to the server', () => {
    expect(checkPassword('')).toBe('Enter your password.');
    expect(checkPassword('x')).toBeNull();
  });

  it('asks for a new password of the length the API requires', () => {
    expect(checkNewPassword('short')).toBe(FIELD_MESSAGES.passwordShort);
    expect(checkNewPassword('long enough password')).toBeNull();
  });

  it('asks for the same password twice', () => {
    expect(checkRepeat('one password', 'another')).toBe(FIELD_MESSAGES.repeatDifferent);
    expect(checkRepeat('one password', 'one password')).toBeNull();
  });
});

describe(problemsOf.name, () => {
  it('keeps only the fields with a problem', () => {
    expect(problemsOf({ name: checkName('  '), email: checkEmail('sam@clinic.example'), password: checkPassword('') })).toEqual({
      name: 'Enter your full name.',
      password: 'Enter your password.',
    });
  });
});
