/** GUEST: someone the doctor brought into one visit by link (interpreter, caregiver, …); never signs in with a password. */
export const ROLES = ['DOCTOR', 'PATIENT', 'ADMIN', 'GUEST'] as const;
export type Role = (typeof ROLES)[number];

export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
