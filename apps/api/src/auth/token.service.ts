import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { VisitLinkScope } from './auth-user';

const ISSUER = 'telehealth-api';
const AUDIENCE = 'telehealth';

/**
 * What a token may be used for. `api`: the access token, for REST and sockets (non-browser
 * clients); `signaling`: also a short-lived signaling ticket, which REST refuses.
 */
export type TokenPurpose = 'api' | 'signaling';

export interface AccessTokenClaims {
  sub: string;
  role: string;
  /**
   * Issue time of the sign-in session in milliseconds: `iat` has whole seconds, too coarse to
   * compare with a sign-out. A ticket carries the issue time of the access token it came from,
   * so a sign-out revokes the tickets of that session too.
   */
  issuedAtMs: number;
  /** When the sign-in session ends: the access token's own expiry, also for its tickets. */
  sessionExpiresAt: Date;
  use: 'access' | 'signaling';
  /** Set for a session opened by a visit link: the one visit it opens (also on its tickets). */
  visit?: VisitLinkScope;
}

/** The compact claim a visit-link session's tokens carry: appointment, session and link ids. */
interface VisitClaim {
  a: string;
  s: string;
  l: string;
}

function visitClaim(scope: VisitLinkScope | undefined): { vl: VisitClaim } | Record<string, never> {
  return scope ? { vl: { a: scope.appointmentId, s: scope.sessionId, l: scope.linkId } } : {};
}

function readVisitClaim(value: unknown): VisitLinkScope | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { a, s, l } = value as Partial<VisitClaim>;
  return typeof a === 'string' && typeof s === 'string' && typeof l === 'string'
    ? { appointmentId: a, sessionId: s, linkId: l }
    : undefined;
}

/** Signs and verifies the expiring HS256 access tokens and signaling tickets. */
@Injectable()
export class TokenService {
  // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
  // public key on every call, which cost ~0.8 ms per verification (bench/join.mjs profile).
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  /**
   * An access token: for JWT_TTL_MINUTES, or for a visit-link session until `expiresAt` (the
   * visit's record stays open to its patient for a week after the visit).
   */
  sign(userId: string, role: string, visit?: { scope: VisitLinkScope; expiresAt: Date }): { token: string; expiresAt: Date } {
    const expiresInSeconds = visit
      ? Math.max(1, Math.floor((visit.expiresAt.getTime() - Date.now()) / 1000))
      : this.config.JWT_TTL_MINUTES * 60;
    const token = jwt.sign({ role, iat_ms: Date.now(), use: 'access', ...visitClaim(visit?.scope) }, this.key, {
      algorithm: 'HS256',
      subject: userId,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: expiresInSeconds,
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * A signaling ticket for the session of `access` (claims of a verified access token): valid
   * SIGNALING_TICKET_TTL_S, never past the session's end, accepted only where purpose is 'signaling'.
   */
  signTicket(access: AccessTokenClaims): { token: string; expiresAt: Date } {
    const sessionExpS = Math.floor(access.sessionExpiresAt.getTime() / 1000);
    const exp = Math.min(Math.floor(Date.now() / 1000) + this.config.SIGNALING_TICKET_TTL_S, sessionExpS);
    const claims = {
      role: access.role,
      iat_ms: access.issuedAtMs,
      use: 'signaling',
      session_exp: sessionExpS,
      exp,
      ...visitClaim(access.visit),
    };
    const token = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      subject: access.sub,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token for `purpose`, or undefined for a bad, forged, expired or misused one. */
  verify(token: string, purpose: TokenPurpose = 'api'): AccessTokenClaims | undefined {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof claims === 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      // Tokens issued before tickets existed carry no `use`: they are access tokens.
      const use = claims.use === undefined || claims.use === 'access' ? 'access' : claims.use === 'signaling' ? 'signaling' : undefined;
      if (!use || (use === 'signaling' && purpose !== 'signaling')) return undefined;
      const issuedAtMs = typeof claims.iat_ms === 'number' ? claims.iat_ms : (claims.iat ?? 0) * 1000;
      const sessionExpS = use === 'signaling' && typeof claims.session_exp === 'number' ? claims.session_exp : claims.exp;
      const visit = readVisitClaim(claims.vl);
      return {
        sub: claims.sub,
        role: String(claims.role),
        issuedAtMs,
        sessionExpiresAt: new Date(sessionExpS * 1000),
        use,
        ...(visit ? { visit } : {}),
      };
    } catch {
      return undefined;
    }
  }
}
