import { translator } from '@/i18n/translator';
import { checkEmail, checkName, checkNewPassword, checkPassword, checkRepeat, problemsOf } from './field-checks';

const t = translator('common');

describe(checkEmail.name, () => {
  const sut = (value: string) => checkEmail(value, t);

  it('asks for an email that is missing', () => {
    expect(sut('')).toBe('Enter your email address.');
    expect(sut('   ')).toBe('Enter your email address.');
  });

  it('asks for the shape of an email address', () => {
    expect(sut('sam')).toBe('Enter an email address like name@example.com.');
    expect(sut('sam@clinic')).toBe('Enter an email address like name@example.com.');
    expect(sut('sam patel@clinic.example')).toBe('Enter an email address like name@example.com.');
  });

  it('takes an email address, spaces around it included', () => {
    expect(sut('sam@clinic.example')).toBeNull();
    expect(sut(' sam@clinic.example ')).toBeNull();
  });

  it('asks in the language of its translator', () => {
    expect(checkEmail('', translator('common', 'es'))).toBe('Introduzca su dirección de correo electrónico.');
    expect(checkEmail('sam', translator('common', 'ar'))).toBe('أدخل عنوان بريد إلكتروني مثل name@example.com.');
  });
});

describe('password checks', () => {
  it('asks for a sign-in password, but leaves whether it is right to the server', () => {
    expect(checkPassword('', t)).toBe('Enter your password.');
    expect(checkPassword('x', t)).toBeNull();
  });

  it('asks for a new password of the length the API requires', () => {
    expect(checkNewPassword('short', t)).toBe('Choose a password of at least 10 characters.');
    expect(checkNewPassword('long enough password', t)).toBeNull();
    expect(checkNewPassword('short', translator('common', 'ar'))).toBe('اختر كلمة مرور لا تقل عن 10 أحرف.');
  });

  it('asks for the same password twice', () => {
    expect(checkRepeat('one password', 'another', t)).toBe('The two passwords are not the same. Type the same password twice.');
    expect(checkRepeat('one password', 'one password', t)).toBeNull();
  });
});

describe(problemsOf.name, () => {
  it('keeps only the fields with a problem', () => {
    expect(problemsOf({ name: checkName('  ', t), email: checkEmail('sam@clinic.example', t), password: checkPassword('', t) })).toEqual({
      name: 'Enter your full name.',
      password: 'Enter your password.',
    });
  });
});
