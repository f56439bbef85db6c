import type { User } from 'next-auth';
import {
  ZErrorResponseSchema,
  ZRedeemVisitLinkResponseSchema,
  ZUserResponseSchema,
  type ErrorReason,
  type RedeemVisitLinkRequest,
} from '@telehealth/contracts';
import { reasonOfBody } from './api-client';
import { clientAddress } from './client-address';
import { apiUrl } from './config';
import { packVisitLinkProblem, type VisitLinkProblem, type VisitLinkSaying } from './visit-link-error';

type HeaderSource = Parameters<typeof clientAddress>[0];

/** A refusal as `authorize` throws it: what happened, packed; the page that opened the link words it (lib/visit-link-error). */
function problem(reason: ErrorReason, said: VisitLinkSaying): Error {
  return new Error(packVisitLinkProblem({ reason, said }));
}

/** What the visit-link provider was given: the token of a `/j/<token>` link, or a typed code. */
function requestOf(credentials: Partial<Record<'token' | 'code', string>> | undefined): RedeemVisitLinkRequest | null {
  const token = credentials?.token?.trim();
  if (token) return { token };
  const code = credentials?.code?.trim();
  return code ? { code } : null;
}

/** Whether the account behind a fresh visit-link token has a password (`GET /api/me`); unknown when the API does not say. */
async function accountHasPassword(accessToken: string): Promise<boolean | undefined> {
  try {
    const response = await fetch(`${apiUrl()}/api/me`, { headers: { authorization: `Bearer ${accessToken}` }, cache: 'no-store' });
    if (!response.ok) return undefined;
    const me = ZUserResponseSchema.safeParse(await response.json());
    return me.success ? me.data.hasPassword : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The error to throw for a refused redemption: the API's reason, its sentence and when to try
 * again (the web app's own word for a request the API finds malformed: a mistyped link or code).
 */
function refusal(body: unknown, status: number, by: 'token' | 'code'): Error {
  const reason = reasonOfBody(body, status);
  if (reason === 'validation_failed') return problem('not_found', by === 'token' ? 'not_a_link' : 'not_a_code');
  const error = ZErrorResponseSchema.safeParse(body);
  if (!error.success) return problem(reason, 'failed');
  const retryAfter = (body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  const refused: VisitLinkProblem = {
    reason,
    sentence: error.data.error,
    ...(typeof retryAfter === 'number' && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
  return new Error(packVisitLinkProblem(refused));
}

/**
 * `authorize` of the visit-link provider: redeems the link's token or the typed code at the API
 * (`POST /api/visit-links/redeem`, with the visitor's address so its attempt limit counts them,
 * not this server) and returns the patient (or guest) with a session for that visit only. Refusals are
 * thrown with their reason (lib/visit-link-error.ts): next-auth passes only the message on.
 */
export async function redeemVisitLink(
  credentials: Partial<Record<'token' | 'code', string>> | undefined,
  headers: HeaderSource,
): Promise<User> {
  const request = requestOf(credentials);
  if (!request) throw problem('not_found', credentials?.code !== undefined ? 'not_a_code' : 'not_a_link');
  const by = 'token' in request ? 'token' : 'code';
  const address = clientAddress(headers);
  let response: Response;
  try {
    response = await fetch(`${apiUrl()}/api/visit-links/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
  } catch {
    throw problem('service_unavailable', 'unreachable');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw refusal(body, response.status, by);
  const redeemed = ZRedeemVisitLinkResponseSchema.safeParse(body);
  if (!redeemed.success) throw problem('internal_error', 'failed');
  const { accessToken, expiresAt, appointmentId, sessionId, user } = redeemed.data;
  const hasPassword = await accountHasPassword(accessToken);
  return {
    ...user,
    visit: { appointmentId, sessionId },
    ...(hasPassword === undefined ? {} : { hasPassword }),
    accessToken,
    accessTokenExpires: Date.parse(expiresAt),
  };
}
