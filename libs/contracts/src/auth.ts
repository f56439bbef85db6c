import { z } from 'zod';
import { ZEmailSchema, ZTimeZoneSchema, ZUserResponseSchema } from './users';

export const PASSWORD_MIN_LENGTH = 10;

export const ZLoginRequestSchema = z.object({
  email: ZEmailSchema,
  password: z.string().min(1, { message: 'is required' }).max(200),
});
export type LoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZRegisterRequestSchema = z.object({
  email: ZEmailSchema,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
    .max(200),
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  timeZone: ZTimeZoneSchema.default('UTC'),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequestSchema>;

export const ZAuthResponseSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  user: ZUserResponseSchema,
});
export type AuthResponse = z.infer<typeof ZAuthResponseSchema>;
