/**
 * What the sign-in form says when the API refuses a password sign-in. Wrong passwords pause sign-in
 * to an account from the address they come from (LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS tries, for
 * LOGIN_LOCKOUT_MINUTES; see apps/api/src/auth/login-throttle.service.ts): the API's 401 counts the
 * tries down in `remainingAttempts`, and its sentence names the pause ("… paused for 15 minutes.").
 * A person is warned before the last try and told when to try again once it is paused (a paused
 * attempt's 429 carries the API's own sentence: "Try again in 14 minutes.").
 */

export const SIGN_IN_MISMATCH = 'That email and password do not match an account. Check them and try again.';

/** The API's default LOGIN_LOCKOUT_MINUTES: the pause when neither the API's sentence nor the settings say. */
const DEFAULT_PAUSE_MINUTES = 15;

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' && name in body ? (body as Record<string, unknown>)[name] : undefined;
}

function minutesInWords(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The pause the API names in its sentence ("paused for 15 minutes"), else the configured one. */
export function pauseMinutesOf(body: unknown, configuredPauseMinutes: number): number {
  const sentence = field(body, 'error');
  const said = typeof sentence === 'string' ? /paused for (\d+) minutes?/.exec(sentence)?.[1] : undefined;
  return said ? Number(said) : configuredPauseMinutes;
}

/** LOGIN_LOCKOUT_MINUTES as the web app's settings give it (the API's own default otherwise). */
export function configuredPauseMinutes(setting: string | undefined = process.env.LOGIN_LOCKOUT_MINUTES): number {
  const minutes = Number(setting);
  return Number.isInteger(minutes) && minutes > 0 ? minutes : DEFAULT_PAUSE_MINUTES;
}

/**
 * The sentence for a wrong password when tries are running out (the 401's `remainingAttempts` is 1
 * or 0), or null for a plain "does not match" (next-auth's CredentialsSignin, which the form words).
 */
export function lastTriesSentence(body: unknown, pauseMinutes = configuredPauseMinutes()): string | null {
  const remaining = field(body, 'remainingAttempts');
  if (remaining !== 0 && remaining !== 1) return null;
  const pause = minutesInWords(pauseMinutesOf(body, pauseMinutes));
  return remaining === 1
    ? `That email and password do not match an account. One more wrong password pauses sign-in for this account for ${pause}.`
    : `That email and password do not match an account. Sign-in for this account is now paused: try again in ${pause}.`;
}
