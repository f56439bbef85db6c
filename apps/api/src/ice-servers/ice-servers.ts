import { createHmac } from 'node:crypto';
import type { IceServersResponse, IceTransportPolicy } from '@telehealth/contracts';

export interface IceSettings {
  stunUrls: string[];
  turnUrls: string[];
  turnSecret?: string;
  turnTtlSeconds: number;
  /** ICE_TRANSPORT_POLICY, handed to the browsers as is (default 'all'). */
  transportPolicy?: IceTransportPolicy;
}

/**
 * STUN, plus TURN with credentials in the TURN REST API scheme coturn's `use-auth-secret`
 * checks: username `<unix expiry>:<userId>`, credential base64(HMAC-SHA1(secret, username)).
 * Nothing to store or revoke: the credential dies at its expiry.
 */
export function iceServersFor(userId: string, settings: IceSettings, now: Date): IceServersResponse {
  const iceServers: IceServersResponse['iceServers'] = [];
  const iceTransportPolicy = settings.transportPolicy ?? 'all';
  if (settings.stunUrls.length > 0) iceServers.push({ urls: settings.stunUrls });
  if (settings.turnUrls.length === 0 || !settings.turnSecret) return { iceServers, expiresAt: null, iceTransportPolicy };
  const expiry = Math.floor(now.getTime() / 1000) + settings.turnTtlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', settings.turnSecret).update(username).digest('base64');
  iceServers.push({ urls: settings.turnUrls, username, credential });
  return { iceServers, expiresAt: new Date(expiry * 1000).toISOString(), iceTransportPolicy };
}
