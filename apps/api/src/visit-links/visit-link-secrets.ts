import { VISIT_CODE_ALPHABET, VISIT_CODE_LENGTH } from '@telehealth/contracts';
import { createHash, createHmac, hkdfSync } from 'node:crypto';

/**
 * The token of a `/j/<token>` link and the visit code are computed from the link row's id with a
 * key only the server holds (derived from JWT_SECRET), not stored: the doctor can be shown them
 * again (Copy invitation) while the database holds only their sha256, so a copied table opens no
 * visit. Rotating JWT_SECRET retires every link, as it retires every sign-in.
 */
export function visitLinkKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'telehealth', 'visit-links', 32));
}

export interface VisitLinkSecrets {
  /** 32 bytes, base64url (43 characters): the part after `/j/`. */
  token: string;
  /** VISIT_CODE_LENGTH characters of VISIT_CODE_ALPHABET, without the dash people see. */
  code: string;
}

export function deriveVisitLinkSecrets(key: Buffer, linkId: string): VisitLinkSecrets {
  const token = createHmac('sha256', key).update(`token:${linkId}`).digest('base64url');
  const codeBytes = createHmac('sha256', key).update(`code:${linkId}`).digest();
  // 256 % 25 = 6: the first six letters are a little likelier (11 against 10 in 256), which costs
  // well under a bit of the code's ~37.
  const code = Array.from(codeBytes.subarray(0, VISIT_CODE_LENGTH), (byte) => VISIT_CODE_ALPHABET[byte % VISIT_CODE_ALPHABET.length]).join(
    '',
  );
  return { token, code };
}

/** sha256 (hex) of a token or a normalized code: how they are stored and looked up. */
export function hashVisitSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The patient's link: `<origin>/j/<token>`. */
export function visitLinkUrl(origin: string, token: string): string {
  return new URL(`/j/${token}`, origin).toString();
}

/** How long after the visit's end a visit-link session still opens its record and report. */
export const VISIT_RECORD_DAYS = 7;

/** When a session opened by a visit link ends: VISIT_RECORD_DAYS after the visit's end. */
export function visitSessionExpiry(endsAt: Date): Date {
  return new Date(endsAt.getTime() + VISIT_RECORD_DAYS * 86_400_000);
}
