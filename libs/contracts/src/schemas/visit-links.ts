import { z } from 'zod';
import { normalizeVisitCode, VISIT_CODE_ALPHABET, VISIT_CODE_LENGTH } from '../visit-links';
import { zText } from './text';
import { ZNewPasswordSchema } from './auth';
import { ZLanguageSchema } from './languages';
import { ZEmailSchema, ZTimeZoneSchema } from './users';

const ZVisitCodeSchema = z
  .string()
  .max(32)
  .transform(normalizeVisitCode)
  .pipe(
    z
      .string()
      .length(VISIT_CODE_LENGTH, { message: `must be the ${VISIT_CODE_LENGTH} letters and digits of the visit code` })
      .regex(new RegExp(`^[${VISIT_CODE_ALPHABET}]+$`), { message: 'must be the letters and digits of the visit code' }),
  );

/** `POST /api/visit-links/redeem`: the token of a `/j/<token>` link, or a code typed on `/join`. */
export const ZRedeemVisitLinkRequestSchema = z.union(
  [
    z
      .object({
        token: z
          .string()
          .min(16, { message: 'is not a visit link' })
          .max(128)
          .regex(/^[\w-]+$/, { message: 'is not a visit link' }),
      })
      .strict(),
    z.object({ code: ZVisitCodeSchema }).strict(),
  ],
  { message: 'give the token of a visit link, or a visit code' },
);
export type RedeemVisitLinkRequest = z.infer<typeof ZRedeemVisitLinkRequestSchema>;

/**
 * The answer to a redemption: an access token for that visit only (join it in its window; then
 * see its record and the patient's report until `expiresAt`, 7 days after the visit's end; a
 * guest's token opens the call and the appointment only).
 */
export const ZRedeemVisitLinkResponseSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  sessionId: z.string(),
  appointmentId: z.string(),
  roomId: z.string(),
  /** The patient, or a guest the doctor invited (role GUEST: the call and the appointment, nothing else). */
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['PATIENT', 'GUEST']),
    timeZone: z.string(),
    language: ZLanguageSchema,
  }),
});
export type RedeemVisitLinkResponse = z.infer<typeof ZRedeemVisitLinkResponseSchema>;

/** `GET /api/appointments/:id/invitation` (the visit's doctor): what to send the patient. */
export const ZVisitInvitationResponseSchema = z.object({
  link: z.string(),
  /** As people read it: `ABCD-EFGH`. */
  code: z.string(),
  /** Ready to paste into SMS or chat: date and time in the patient's time zone, link and code. */
  message: z.string(),
  /** The link and code work until the visit's end. */
  expiresAt: z.string(),
});
export type VisitInvitationResponse = z.infer<typeof ZVisitInvitationResponseSchema>;

/** A patient named by the doctor at booking: an unknown email gets an invited account (no password). */
export const ZNewPatientSchema = z.object({
  name: zText({ min: 1, max: 120 }),
  email: ZEmailSchema,
  timeZone: ZTimeZoneSchema.optional(),
  /** What the patient's emails are written in; without it, the booking doctor's language. */
  language: ZLanguageSchema.optional(),
});
export type NewPatient = z.infer<typeof ZNewPatientSchema>;

/** `POST /api/auth/password/choose`: a signed-in account that has no password yet (a patient brought in by link) chooses one. */
export const ZChoosePasswordRequestSchema = z.object({ password: ZNewPasswordSchema });
export type ChoosePasswordRequest = z.infer<typeof ZChoosePasswordRequestSchema>;
