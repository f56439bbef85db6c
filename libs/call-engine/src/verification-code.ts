/**
 * The verified-call code: six digits both people of a pair can read aloud, derived from the two
 * DTLS certificate fingerprints in the descriptions each side actually applied. The media is
 * encrypted with keys bound to those certificates, so a signaling server that swapped one (to sit
 * in the middle) would leave the two sides with different codes.
 */

/** The DTLS fingerprint an SDP declares (session level, else its first media section), as "sha-256 ab:cd:…"; null when it has none. */
export function readFingerprint(sdp: string): string | null {
  const lines = sdp.split(/\r?\n/);
  const sections = mediaSectionStarts(lines);
  const sessionLines = lines.slice(0, sections[0] ?? lines.length);
  const firstSection = sections[0] === undefined ? [] : lines.slice(sections[0], sections[1] ?? lines.length);
  return fingerprintIn(sessionLines) ?? fingerprintIn(firstSection);
}

function mediaSectionStarts(lines: readonly string[]): number[] {
  return lines.flatMap((line, index) => (line.startsWith('m=') ? [index] : []));
}

function fingerprintIn(lines: readonly string[]): string | null {
  const line = lines.find((candidate) => candidate.startsWith('a=fingerprint:'));
  if (!line) return null;
  // Browsers write the hex in upper case and the hash name in lower case; either may differ elsewhere.
  const [algorithm, value] = line.slice('a=fingerprint:'.length).trim().toLowerCase().split(/\s+/);
  return algorithm && value ? `${algorithm} ${value}` : null;
}

/** What both sides hash: the two fingerprints in a fixed order, so each side gets the same whichever is its own. */
export function verificationMaterial(fingerprintA: string, fingerprintB: string): string {
  return [fingerprintA, fingerprintB].sort().join('\n');
}

/** Six digits as people read them: "042 917". */
export function formatVerificationCode(value: number): string {
  const digits = String(Math.abs(Math.trunc(value)) % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/**
 * The pair's code from the local and remote fingerprints: SHA-256 of both (sorted), its first
 * 32 bits modulo one million. Web Crypto is in every browser with WebRTC and in Node 20.
 */
export async function verificationCodeOf(localFingerprint: string, remoteFingerprint: string): Promise<string> {
  const material = new TextEncoder().encode(verificationMaterial(localFingerprint, remoteFingerprint));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', material);
  return formatVerificationCode(new DataView(digest).getUint32(0) % 1_000_000);
}

/** The pair's code from the two applied descriptions; null while either is missing or has no fingerprint. */
export async function verificationCodeOfDescriptions(localSdp: string | undefined, remoteSdp: string | undefined): Promise<string | null> {
  const local = localSdp ? readFingerprint(localSdp) : null;
  const remote = remoteSdp ? readFingerprint(remoteSdp) : null;
  return local && remote ? verificationCodeOf(local, remote) : null;
}
