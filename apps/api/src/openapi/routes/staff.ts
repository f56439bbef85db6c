import { ZInviteStaffRequestSchema, ZStaffListResponseSchema, ZStaffMemberSchema, ZUpdateStaffRequestSchema } from '@telehealth/contracts';
import type { RouteEntry } from '../route-types';

/** The clinic's doctors and admins (admins). */
export const STAFF_ROUTES: readonly RouteEntry[] = [
  {
    method: 'post',
    path: '/api/staff',
    tag: 'staff',
    summary: 'Invite a doctor or an admin: the account has no password until the emailed set-password link (72 h, once) is used',
    auth: ['ADMIN'],
    body: ZInviteStaffRequestSchema,
    response: { status: 201, schema: ZStaffMemberSchema },
    errors: { 409: true },
  },
  {
    method: 'get',
    path: '/api/staff',
    tag: 'staff',
    summary: "The clinic's doctors and admins, with their status (invited, active, deactivated)",
    auth: ['ADMIN'],
    response: { status: 200, schema: ZStaffListResponseSchema },
  },
  {
    method: 'patch',
    path: '/api/staff/:id',
    tag: 'staff',
    summary: 'Deactivate (no sign-in, tokens refused, sockets closed; history kept) or reactivate a staff member',
    auth: ['ADMIN'],
    body: ZUpdateStaffRequestSchema,
    response: { status: 200, schema: ZStaffMemberSchema },
  },
];
