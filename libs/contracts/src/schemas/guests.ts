import { z } from 'zod';
import { GUEST_ROLES } from '../guests';
import { ZLanguageSchema } from './languages';
import { zText } from './text';
import { ZEmailSchema } from './users';

export const ZGuestRoleSchema = z.enum(GUEST_ROLES);

/** `POST /api/appointments/:id/guests` (the visit's doctor): a guest with a visit-scoped link, sent by email if one is given. */
export const ZInviteGuestRequestSchema = z
  .object({
    name: zText({ min: 1, max: 100 }),
    role: ZGuestRoleSchema,
    email: ZEmailSchema.optional(),
    /** What the guest's email and call screens are in (an interpreter may want theirs); without it, the doctor's language. */
    language: ZLanguageSchema.optional(),
  })
  .strict();
export type InviteGuestRequest = z.infer<typeof ZInviteGuestRequestSchema>;

export const ZInviteGuestResponseSchema = z.object({
  guestId: z.string(),
  /** The guest's own `/j/<token>` link: it opens this visit's call and chat, nothing else. */
  link: z.string(),
  /** As people read it: `ABCD-EFGH`, typed on `/join`. */
  code: z.string(),
  /** Redeemable until then (the visit's end). */
  expiresAt: z.string(),
});
export type InviteGuestResponse = z.infer<typeof ZInviteGuestResponseSchema>;

/** A guest as the visit's doctor sees them (`GET /api/appointments/:id/guests`). */
export const ZVisitGuestSchema = z.object({
  guestId: z.string(),
  name: z.string(),
  role: ZGuestRoleSchema,
  email: z.string().nullable(),
  invitedAt: z.string(),
  /** Set once the doctor removed the guest: the link no longer opens anything. */
  removedAt: z.string().nullable(),
  /** The link and code in force; null once removed, or after the visit. */
  link: z.string().nullable(),
  code: z.string().nullable(),
});
export type VisitGuest = z.infer<typeof ZVisitGuestSchema>;

export const ZVisitGuestListResponseSchema = z.object({ items: z.array(ZVisitGuestSchema) });
export type VisitGuestListResponse = z.infer<typeof ZVisitGuestListResponseSchema>;
