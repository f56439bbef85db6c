import type { RouteEntry } from './route-types';
import { APPOINTMENT_ROUTES } from './routes/appointments';
import { AUDIT_ROUTES } from './routes/audit';
import { CLINIC_VISIT_ROUTES } from './routes/clinic-visits';
import { AUTH_ROUTES } from './routes/auth';
import { OPERATIONS_ROUTES } from './routes/operations';
import { PLAIN_SIGNALING_ROUTES } from './routes/plain-signaling';
import { ROOM_ROUTES } from './routes/rooms';
import { SESSION_ROUTES } from './routes/sessions';
import { STAFF_ROUTES } from './routes/staff';
import { VISIT_LINK_ROUTES } from './routes/visit-links';

export type { HttpMethod, RouteAuth, RouteEntry, RouteResponse } from './route-types';

/**
 * Every REST route of the API, one entry each, gathered from the per-domain lists in ./routes. The
 * OpenAPI document is built from this list, and apps/api/test/openapi.spec.ts fails when it and Nest's
 * router disagree (a route added without an entry, or an entry left behind).
 */
export const ROUTES: readonly RouteEntry[] = [
  ...AUTH_ROUTES,
  ...APPOINTMENT_ROUTES,
  ...SESSION_ROUTES,
  ...ROOM_ROUTES,
  ...PLAIN_SIGNALING_ROUTES,
  ...STAFF_ROUTES,
  ...VISIT_LINK_ROUTES,
  ...AUDIT_ROUTES,
  ...CLINIC_VISIT_ROUTES,
  ...OPERATIONS_ROUTES,
];
