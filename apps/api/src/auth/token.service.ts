import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const ISSUER = 'telehealth-api';
const AUDIENCE = 'telehealth';

export interface AccessTokenClaims {
  sub: string;
  role: string;
  /** Issue time in milliseconds: `iat` has whole seconds, too coarse to compare with a sign-out. */
  issuedAtMs: number;
}

/** Signs and verifies the expiring HS256 access tokens used by REST and the socket handshake. */
@Injectable()
export class TokenService {
  // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM
  // public key on every call, which cost ~0.8 ms per verification (bench/join.mjs profile).
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  sign(userId: string, role: string): { token: string; expiresAt: Date } {
    const expiresInSeconds = this.config.JWT_TTL_MINUTES * 60;
    const token = jwt.sign({ role, iat_ms: Date.now() }, this.key, {
      algorithm: 'HS256',
      subject: userId,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: expiresInSeconds,
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid token, or undefined for a bad, forged or expired one. */
  verify(token: string): AccessTokenClaims | undefined {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      if (typeof claims === 'string' || typeof claims.sub !== 'string') return undefined;
      const issuedAtMs = typeof claims.iat_ms === 'number' ? claims.iat_ms : (claims.iat ?? 0) * 1000;
      return { sub: claims.sub, role: String(claims.role), issuedAtMs };
    } catch {
      return undefined;
    }
  }
}
