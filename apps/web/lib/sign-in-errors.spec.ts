import { configuredPauseMinutes, lastTriesSentence, pauseMinutesOf } from './sign-in-errors';

/** The API's 401 for a wrong password (apps/api/src/auth/sign-in-errors.ts). */
function wrongPassword(remainingAttempts: number, error = 'The email or password is incorrect.') {
  return { error, code: 401, reason: 'unauthenticated', remainingAttempts };
}

describe(lastTriesSentence.name, () => {
  const sut = lastTriesSentence;

  it('says nothing more than "does not match" while tries are left', () => {
    expect(sut(wrongPassword(4))).toBeNull();
    expect(sut(wrongPassword(2))).toBeNull();
  });

  it('warns before the last try, with the pause the API names', () => {
    expect(sut(wrongPassword(1, 'The email or password is incorrect. 1 try left before sign-in is paused for 30 minutes.'), 15)).toBe(
      'That email and password do not match an account. One more wrong password pauses sign-in for this account for 30 minutes.',
    );
  });

  it('takes the configured pause when the API does not name one', () => {
    expect(sut(wrongPassword(1), 20)).toBe(
      'That email and password do not match an account. One more wrong password pauses sign-in for this account for 20 minutes.',
    );
  });

  it('says when to try again once sign-in is paused', () => {
    expect(sut(wrongPassword(0, 'The email or password is incorrect. Sign-in is now paused for 15 minutes.'))).toBe(
      'That email and password do not match an account. Sign-in for this account is now paused: try again in 15 minutes.',
    );
  });

  it('is not fooled by an answer that is not a wrong password', () => {
    expect(sut(null)).toBeNull();
    expect(sut({ error: 'email: must be an email address', code: 400, reason: 'validation_failed' })).toBeNull();
  });
});

describe(pauseMinutesOf.name, () => {
  it('reads one minute as well as many', () => {
    expect(pauseMinutesOf(wrongPassword(1, '… paused for 1 minute.'), 15)).toBe(1);
  });
});

describe(configuredPauseMinutes.name, () => {
  it('reads LOGIN_LOCKOUT_MINUTES, and the API’s default of 15 when it is missing or not a number of minutes', () => {
    expect(configuredPauseMinutes('25')).toBe(25);
    expect(configuredPauseMinutes(undefined)).toBe(15);
    expect(configuredPauseMinutes('soon')).toBe(15);
    expect(configuredPauseMinutes('0')).toBe(15);
  });
});
