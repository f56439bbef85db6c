import { translator } from '@/i18n/translator';
import {
  configuredPauseMinutes,
  lastTriesSentence,
  pauseMinutesOf,
  SIGN_IN_UNREACHABLE,
  signInErrorSentence,
  signInRefusal,
  unpackSignInProblem,
} from './sign-in-errors';

const en = translator('auth');
const es = translator('auth', 'es');
const ar = translator('auth', 'ar');

/** The API's 401 for a wrong password (apps/api/src/auth/sign-in-errors.ts). */
function wrongPassword(remainingAttempts: number, error = 'The email or password is incorrect.') {
  return { error, code: 401, reason: 'unauthenticated', remainingAttempts };
}

/** What the form shows for what `authorize` threw, on a page in `language`. */
function shown(thrown: string | null, t = en, language: 'en' | 'es' | 'ar' = 'en'): string | null {
  return thrown === null ? null : signInErrorSentence(thrown, t, language);
}

describe(lastTriesSentence.name, () => {
  const sut = lastTriesSentence;

  it('says nothing more than "does not match" while tries are left', () => {
    expect(sut(wrongPassword(4))).toBeNull();
    expect(sut(wrongPassword(2))).toBeNull();
  });

  it('warns before the last try, with the pause the API names', () => {
    expect(
      shown(sut(wrongPassword(1, 'The email or password is incorrect. 1 try left before sign-in is paused for 30 minutes.'), 15)),
    ).toBe('That email and password do not match an account. One more wrong password pauses sign-in for this account for 30 minutes.');
  });

  it('takes the configured pause when the API does not name one', () => {
    expect(shown(sut(wrongPassword(1), 20))).toBe(
      'That email and password do not match an account. One more wrong password pauses sign-in for this account for 20 minutes.',
    );
  });

  it('says when to try again once sign-in is paused', () => {
    expect(shown(sut(wrongPassword(0, 'The email or password is incorrect. Sign-in is now paused for 15 minutes.')))).toBe(
      'That email and password do not match an account. Sign-in for this account is now paused: try again in 15 minutes.',
    );
    expect(shown(sut(wrongPassword(0, '… paused for 1 minute.')))).toBe(
      'That email and password do not match an account. Sign-in for this account is now paused: try again in 1 minute.',
    );
  });

  it('is worded in the page’s language, with its plural', () => {
    expect(shown(sut(wrongPassword(1), 15), es, 'es')).toBe(
      'Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta. Si vuelve a escribir mal la contraseña, el inicio de sesión en esta cuenta se pausará durante 15 minutos.',
    );
    expect(shown(sut(wrongPassword(0), 2), ar, 'ar')).toBe(
      'هذا البريد الإلكتروني وكلمة المرور لا يطابقان أي حساب. تم إيقاف تسجيل الدخول إلى هذا الحساب مؤقتًا: حاول مرة أخرى بعد دقيقتين.',
    );
  });

  it('is not fooled by an answer that is not a wrong password', () => {
    expect(sut(null)).toBeNull();
    expect(sut({ error: 'email: must be an email address', code: 400, reason: 'validation_failed' })).toBeNull();
  });
});

describe(signInErrorSentence.name, () => {
  const paused = {
    error: 'Too many failed sign-ins. Try again in 14 minutes.',
    code: 429,
    reason: 'too_many_attempts',
    retryAfterSeconds: 830,
  };

  it('says "does not match" for next-auth’s CredentialsSignin (or no answer)', () => {
    expect(shown('CredentialsSignin')).toBe('That email and password do not match an account. Check them and try again.');
    expect(signInErrorSentence(undefined, es, 'es')).toBe(
      'Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta. Revíselos e inténtelo de nuevo.',
    );
  });

  it('shows the API’s own sentence on an English page, and the catalogue’s with when to try again on another', () => {
    expect(shown(signInRefusal(paused, 'too_many_attempts'))).toBe('Too many failed sign-ins. Try again in 14 minutes.');
    expect(shown(signInRefusal(paused, 'too_many_attempts'), es, 'es')).toBe(
      'Demasiados intentos fallidos de inicio de sesión. Vuelva a intentarlo dentro de 14 minutos.',
    );
  });

  it('says the service cannot be reached', () => {
    expect(shown(SIGN_IN_UNREACHABLE, ar, 'ar')).toBe('تعذّر الوصول إلى الخدمة الآن. يرجى المحاولة مرة أخرى بعد دقيقة.');
  });

  it('shows an unpacked sentence on an English page only, and never a bare code', () => {
    expect(shown('Signing in failed. Please try again.')).toBe('Signing in failed. Please try again.');
    expect(shown('Signing in failed. Please try again.', es, 'es')).toBe('No se pudo iniciar sesión. Inténtelo de nuevo.');
    expect(shown('Configuration')).toBe('Signing in failed. Please try again.');
  });

  it('does not take a look-alike for a packed problem', () => {
    expect(unpackSignInProblem('sign-in:{"kind":"refused","reason":"made_up"}')).toBeNull();
    expect(unpackSignInProblem('sign-in:not json')).toBeNull();
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
