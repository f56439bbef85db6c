import {
  ZAuthResponseSchema,
  ZLoginRequestSchema,
  ZRegisterRequestSchema,
  ZRegisterResponseSchema,
  ZSignInFailedResponseSchema,
  ZSignalingTicketResponseSchema,
  ZTooManyAttemptsResponseSchema,
  ZUserResponseSchema,
} from '@telehealth/contracts';
import { type RouteEntry, SIGNED_IN } from '../route-types';

/** Signing up, in and out, and the signed-in user. */
export const AUTH_ROUTES: readonly RouteEntry[] = [
  {
    method: 'post',
    path: '/api/auth/register',
    tag: 'auth',
    summary: 'Register a patient account (the same neutral 202 whether or not the email had an account)',
    auth: 'public',
    body: ZRegisterRequestSchema,
    response: { status: 202, schema: ZRegisterResponseSchema },
    errors: { 429: ZTooManyAttemptsResponseSchema },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password',
    auth: 'public',
    body: ZLoginRequestSchema,
    response: { status: 200, schema: ZAuthResponseSchema },
    errors: { 401: ZSignInFailedResponseSchema, 429: ZTooManyAttemptsResponseSchema },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Sign out everywhere: every token of the account stops working and its sockets close',
    auth: SIGNED_IN,
    response: { status: 204, description: 'Signed out.' },
  },
  {
    method: 'post',
    path: '/api/auth/signaling-ticket',
    tag: 'auth',
    summary: 'A short-lived ticket for the signaling socket (REST refuses it)',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZSignalingTicketResponseSchema },
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    summary: 'The signed-in user',
    auth: SIGNED_IN,
    response: { status: 200, schema: ZUserResponseSchema },
  },
];
