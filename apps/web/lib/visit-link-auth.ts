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
import { packVisitLinkProblem } from './visit-link-error';

type HeaderSource = Parameters<typeof clientAddress>[0];

const UNREACHABLE = 'The service cannot be reached right now. Please try again in a minute.';
const NOT_A_LINK = 'This link is incomplete or mistyped. Open it again from the clinic’s message, or type the visit code instead.';
const NOT_A_CODE =
  'That is not a visit code. A visit code has 8 letters and digits, like ABCD-EFGH: check it against the clinic’s message.';

function problem(reason: ErrorReason, sentence: string): Error {
  return new Error(packVisitLinkProblem({ reason, sentence }));
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

/** The error to throw for a refused redemption: the API's reason and sentence (its own for a request it finds malformed). */
function refusal(body: unknown, status: number, by: 'token' | 'code'): Error {
  const reason = reasonOfBody(body, status);
  if (reason === 'validation_failed') return problem('not_found', by === 'token' ? NOT_A_LINK : NOT_A_CODE);
  const error = ZErrorResponseSchema.safeParse(body);
  return problem(reason, error.success ? error.data.error : 'The visit could not be opened. Please try again.');
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
  if (!request) throw problem('not_found', credentials?.code !== undefined ? NOT_A_CODE : NOT_A_LINK);
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
    throw problem('service_unavailable', UNREACHABLE);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw refusal(body, response.status, by);
  const redeemed = ZRedeemVisitLinkResponseSchema.safeParse(body);
  if (!redeemed.success) throw problem('internal_error', 'The visit could not be opened. Please try again.');
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
