import { ZClinicVisitDetailSchema, ZClinicVisitPageSchema, ZClinicVisitsQuerySchema } from '@telehealth/contracts';
import type { RouteEntry } from '../route-types';

/** The clinic's visits as its admins see them: no reason, notes or chat. */
export const CLINIC_VISIT_ROUTES: readonly RouteEntry[] = [
  {
    method: 'get',
    path: '/api/admin/visits',
    tag: 'admin',
    summary: "The clinic's visits (upcoming, in progress, past), filtered and paged",
    auth: ['ADMIN'],
    query: ZClinicVisitsQuerySchema,
    response: { status: 200, schema: ZClinicVisitPageSchema },
  },
  {
    method: 'get',
    path: '/api/admin/visits/:id',
    tag: 'admin',
    summary: 'One visit as an admin sees it: who, when, status and outcome, timeline and call facts',
    auth: ['ADMIN'],
    response: { status: 200, schema: ZClinicVisitDetailSchema },
  },
];
