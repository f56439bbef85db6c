import { createHash, randomBytes } from 'node:crypto';

/** What a set-password link is for: a staff invitation, or a forgotten password. */
export type PasswordTokenPurpose = 'INVITATION' | 'RESET';

/** How long a set-password link works. */
export const PASSWORD_TOKEN_TTL_MS: Record<PasswordTokenPurpose, number> = {
  INVITATION: 72 * 3_600_000,
  RESET: 3_600_000,
};

export interface NewPasswordToken {
  /** For the link only: never stored, never logged. */
  token: string;
  /** What the database keeps (sha256, hex): a stolen table holds no usable link. */
  tokenHash: string;
  expiresAt: Date;
}

/** sha256 (hex) of a set-password token: how a token is looked up. */
export function hashPasswordToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh one-time token: 32 random bytes, base64url (43 characters). */
export function newPasswordToken(purpose: PasswordTokenPurpose, now = Date.now()): NewPasswordToken {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashPasswordToken(token), expiresAt: new Date(now + PASSWORD_TOKEN_TTL_MS[purpose]) };
}

/** The web app's page that sets a password with `token`: `<origin>/set-password?token=…`. */
export function setPasswordLink(origin: string, token: string): string {
  const url = new URL('/set-password', origin);
  url.searchParams.set('token', token);
  return url.toString();
}
