import { PASSWORD_MIN_LENGTH } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';

/**
 * The checks a form makes in the browser before it asks the server, so an empty or mistyped field
 * is named on that field ("Enter your email address.") instead of coming back as a refusal of the
 * whole form. Each returns the field's message (`common.fieldChecks`, in the language of `t`), or
 * null when the value will do. The server checks again with the contracts' schemas; these only
 * catch what a person can fix on the spot.
 */

// Deliberately loose (something@something.something, no spaces): the API's own check decides the
// rest, and its refusal lands on the same field (see lib/form-errors).
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Common = Translator<'common'>;

export function checkEmail(value: string, t: Common): string | null {
  const email = value.trim();
  if (!email) return t('fieldChecks.emailMissing');
  if (!EMAIL_SHAPE.test(email)) return t('fieldChecks.emailShape');
  return null;
}

/** The password of a sign-in: any non-empty one (a wrong one is the server's to say). */
export function checkPassword(value: string, t: Common): string | null {
  return value ? null : t('fieldChecks.passwordMissing');
}

/** A password being chosen: long enough for the API's rule. */
export function checkNewPassword(value: string, t: Common): string | null {
  return value.length >= PASSWORD_MIN_LENGTH ? null : t('fieldChecks.passwordShort', { min: PASSWORD_MIN_LENGTH });
}

export function checkRepeat(password: string, repeat: string, t: Common): string | null {
  return password === repeat ? null : t('fieldChecks.repeatDifferent');
}

export function checkName(value: string, t: Common): string | null {
  return value.trim() ? null : t('fieldChecks.nameMissing');
}

/** Only the fields that have a problem: `checks` maps each field name to its message or null. */
export function problemsOf<Field extends string>(checks: Record<Field, string | null>): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  for (const [field, message] of Object.entries(checks) as Array<[Field, string | null]>) {
    if (message) problems[field] = message;
  }
  return problems;
}

/** The value of a named control of a submitted form, as the browser holds it (never a stale React state). */
export function formValue(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
