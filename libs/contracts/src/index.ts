/**
 * Every contract of the API: the zod schemas it validates with (and the web app's server parses
 * with), their inferred types, and the plain constants and rules of ./browser.ts, which is all
 * that code running in the browser may import.
 */
export * from './browser';
export * from './schemas/error';
export * from './schemas/languages';
export * from './schemas/text';
export * from './schemas/page';
export * from './schemas/users';
export * from './schemas/auth';
export * from './schemas/appointments';
export * from './schemas/health';
export * from './schemas/signaling';
export * from './schemas/sessions';
export * from './schemas/audit-verify';
export * from './schemas/staff';
export * from './schemas/visit-links';
export * from './schemas/visit-updates';
export * from './schemas/guests';
export * from './schemas/clinic-visits';
export * from './schemas/audit-log';
export * from './schemas/plain-signaling';
