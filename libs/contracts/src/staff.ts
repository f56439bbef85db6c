/** The roles an admin may give a staff member (patients are not staff). */
export const STAFF_ROLES = ['DOCTOR', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Where a staff account stands: `invited` (no password yet: the set-password link has not been
 * used), `active`, or `deactivated` (cannot sign in; its history stays).
 */
export const STAFF_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];
