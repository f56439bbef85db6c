import { ZRedeemVisitLinkRequestSchema, ZRedeemVisitLinkResponseSchema, ZTooManyAttemptsResponseSchema } from '@telehealth/contracts';
import type { RouteEntry } from '../route-types';

/** The patient's way in without a password: a `/j/<token>` link or a typed visit code. */
export const VISIT_LINK_ROUTES: readonly RouteEntry[] = [
  {
    method: 'post',
    path: '/api/visit-links/redeem',
    tag: 'visit-links',
    summary:
      "Redeem a visit link's token or a visit code: a session for that visit only (join it in its window; its record and report for 7 days after)",
    auth: 'public',
    body: ZRedeemVisitLinkRequestSchema,
    response: { status: 200, schema: ZRedeemVisitLinkResponseSchema },
    errors: { 404: true, 410: true, 429: ZTooManyAttemptsResponseSchema },
  },
];
