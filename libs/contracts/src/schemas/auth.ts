import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../auth';
import { ZErrorResponseSchema } from './error';
import { zText } from './text';
import { ZLanguageSchema } from './languages';
import { ZEmailSchema, ZTimeZoneSchema, ZUserResponseSchema } from './users';

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
  name: zText({ min: 1, max: 120 }),
  timeZone: ZTimeZoneSchema.default('UTC'),
  /** Chosen on the sign-up form (it starts at the browser's language); without it, the request's `Accept-Language`. */
  language: ZLanguageSchema.optional(),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequestSchema>;

/**
 * The answer to `POST /api/auth/register` (202), the same whether or not the email already had
 * an account: no token. The client signs in next with the same email and password; if that
 * fails, it shows `message`.
 */
export const ZRegisterResponseSchema = z.object({
  message: z.string(),
});
export type RegisterResponse = z.infer<typeof ZRegisterResponseSchema>;

export const ZAuthResponseSchema = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  user: ZUserResponseSchema,
});
export type AuthResponse = z.infer<typeof ZAuthResponseSchema>;

/**
 * 401 from `POST /api/auth/login`: `remainingAttempts` tries are left from this address before
 * sign-in to the account pauses there (0: paused now). The same for an unknown email.
 */
export const ZSignInFailedResponseSchema = ZErrorResponseSchema.extend({
  remainingAttempts: z.number().int().min(0),
});
export type SignInFailedResponse = z.infer<typeof ZSignInFailedResponseSchema>;

/** 429 from sign-in and registration: try again after `retryAfterSeconds` (also the Retry-After header). */
export const ZTooManyAttemptsResponseSchema = ZErrorResponseSchema.extend({
  retryAfterSeconds: z.number().int().min(1),
});
export type TooManyAttemptsResponse = z.infer<typeof ZTooManyAttemptsResponseSchema>;

/**
 * `POST /api/auth/signaling-ticket` (200): a short-lived token the browser hands to the signaling
 * socket instead of the API token. REST refuses it; it dies with the sign-in session it came from.
 */
export const ZSignalingTicketResponseSchema = z.object({
  ticket: z.string(),
  /** ISO time after which the handshake refuses it (connect before; a connected socket stays open). */
  expiresAt: z.string(),
});
export type SignalingTicketResponse = z.infer<typeof ZSignalingTicketResponseSchema>;

/** A new password: what registration asks, asked again wherever a password is chosen. */
export const ZNewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(200);

/** `POST /api/auth/password/forgot`: asks for a set-password link by email. */
export const ZForgotPasswordRequestSchema = z.object({ email: ZEmailSchema });
export type ForgotPasswordRequest = z.infer<typeof ZForgotPasswordRequestSchema>;

/** The answer to `POST /api/auth/password/forgot` (202), the same whether or not the email has an account. */
export const ZForgotPasswordResponseSchema = z.object({ message: z.string() });
export type ForgotPasswordResponse = z.infer<typeof ZForgotPasswordResponseSchema>;

/**
 * `POST /api/auth/password/reset` (204): sets the password with the token of a set-password link
 * (a staff invitation or a forgotten password). The token works once, before it expires, and every
 * device signed in to the account is signed out.
 */
export const ZResetPasswordRequestSchema = z.object({
  token: z
    .string()
    .min(1, { message: 'is required' })
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'is not a set-password token' }),
  password: ZNewPasswordSchema,
});
export type ResetPasswordRequest = z.infer<typeof ZResetPasswordRequestSchema>;
