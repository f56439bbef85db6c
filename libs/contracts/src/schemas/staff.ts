import { z } from 'zod';
import { STAFF_ROLES, STAFF_STATUSES } from '../staff';
import { ZLanguageSchema } from './languages';
import { zText } from './text';
import { ZEmailSchema } from './users';

export const ZStaffRoleSchema = z.enum(STAFF_ROLES);
export const ZStaffStatusSchema = z.enum(STAFF_STATUSES);

/** `POST /api/staff` (admins): invites a doctor or an admin; the invitation email carries a set-password link. */
export const ZInviteStaffRequestSchema = z.object({
  name: zText({ min: 1, max: 120 }),
  email: ZEmailSchema,
  role: ZStaffRoleSchema,
  /** The invitation email's language and the account's until they change it; without it, the inviting admin's. */
  language: ZLanguageSchema.optional(),
});
export type InviteStaffRequest = z.infer<typeof ZInviteStaffRequestSchema>;

/** `PATCH /api/staff/:id` (admins): deactivates (`false`) or reactivates (`true`) a staff account. */
export const ZUpdateStaffRequestSchema = z.object({ active: z.boolean() });
export type UpdateStaffRequest = z.infer<typeof ZUpdateStaffRequestSchema>;

export const ZStaffMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZStaffRoleSchema,
  status: ZStaffStatusSchema,
  /** ISO time the account was created (invited). */
  createdAt: z.string(),
  /** ISO time it was deactivated; null while it is not. */
  deactivatedAt: z.string().nullable(),
});
export type StaffMember = z.infer<typeof ZStaffMemberSchema>;

/** `GET /api/staff` (admins): the clinic's doctors and admins, by name. */
export const ZStaffListResponseSchema = z.object({ items: z.array(ZStaffMemberSchema) });
export type StaffListResponse = z.infer<typeof ZStaffListResponseSchema>;
