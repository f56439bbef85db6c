import { z } from 'zod';
import { isValidTimeZone, ROLES } from '../users';
import { ZLanguageSchema } from './languages';
import { zText } from './text';

export const ZRoleSchema = z.enum(ROLES);

export const ZTimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });

export const ZEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254));

export const ZUserResponseSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  timeZone: z.string(),
  /** The language of the web app and of everything sent to this person. */
  language: ZLanguageSchema,
  /** Set when the session came from a visit link: it opens that one visit and nothing else. */
  visit: z.object({ appointmentId: z.string(), sessionId: z.string() }).optional(),
  /** False for an account made by a booking or an invitation until its owner chooses a password. */
  hasPassword: z.boolean().optional(),
});
export type UserResponse = z.infer<typeof ZUserResponseSchema>;

/** What a doctor sees of a patient when scheduling. */
export const ZPatientSummarySchema = z.object({
  id: z.string(),
  /** Empty for a patient without an address (brought in by an instant visit's shared link). */
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
});
export type PatientSummary = z.infer<typeof ZPatientSummarySchema>;

export const ZFindPatientsQuerySchema = z.object({
  query: zText({ max: 100 }).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type FindPatientsQuery = z.infer<typeof ZFindPatientsQuerySchema>;

export const ZFindPatientsResponseSchema = z.object({ items: z.array(ZPatientSummarySchema) });
export type FindPatientsResponse = z.infer<typeof ZFindPatientsResponseSchema>;

/** `PATCH /api/me`: what a person changes about themselves on the profile page; at least one field. */
export const ZUpdateProfileRequestSchema = z
  .object({
    name: zText({ min: 1, max: 120 }).optional(),
    timeZone: ZTimeZoneSchema.optional(),
    language: ZLanguageSchema.optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.timeZone !== undefined || body.language !== undefined, {
    message: 'must change the name, the time zone or the language',
  });
export type UpdateProfileRequest = z.infer<typeof ZUpdateProfileRequestSchema>;
