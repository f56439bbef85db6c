/**
 * The letters of a visit code: no 0/O, 1/I/L, 5/S, 2/Z, 8/B look-alikes, so a code read aloud or
 * typed from a phone screen comes out right. 8 of them: about 2^37 codes, redeemable a few
 * times per minute per address.
 */
export const VISIT_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const VISIT_CODE_LENGTH = 8;

/** A typed code as the API compares it: upper case, without the spaces and dashes people add. */
export function normalizeVisitCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

/** A code as people read it: `ABCD-EFGH`. */
export function formatVisitCode(code: string): string {
  const plain = normalizeVisitCode(code);
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}
