import { formatVerificationCode, readFingerprint, verificationCodeOf, verificationCodeOfDescriptions } from './verification-code';

const doctorFingerprint = 'sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const patientFingerprint = 'sha-256 10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE';

function sdp({ session, media }: { session?: string; media?: string[] }): string {
  return [
    'v=0',
    'o=- 4611 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    ...(session ? [`a=fingerprint:${session}`] : []),
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...(media?.[0] ? [`a=fingerprint:${media[0]}`] : []),
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ...(media?.[1] ? [`a=fingerprint:${media[1]}`] : []),
    '',
  ].join('\r\n');
}

describe(readFingerprint.name, () => {
  it('reads the session-level fingerprint, in lower case', () => {
    expect(readFingerprint(sdp({ session: doctorFingerprint }))).toBe(doctorFingerprint.toLowerCase());
  });

  it('falls back to the first media section when the session level has none', () => {
    expect(readFingerprint(sdp({ media: [patientFingerprint, doctorFingerprint] }))).toBe(patientFingerprint.toLowerCase());
  });

  it('has none for a description without a fingerprint', () => {
    expect(readFingerprint(sdp({}))).toBeNull();
    expect(readFingerprint('offer of pc 0')).toBeNull();
  });
});

describe(verificationCodeOf.name, () => {
  it('gives both sides of a pair the same six digits, shown as "123 456"', async () => {
    const doctorSees = await verificationCodeOf(doctorFingerprint, patientFingerprint);
    const patientSees = await verificationCodeOf(patientFingerprint, doctorFingerprint);
    expect(doctorSees).toMatch(/^\d{3} \d{3}$/);
    expect(patientSees).toBe(doctorSees);
  });

  it('gives a different code when one fingerprint was swapped in transit', async () => {
    const tampered = doctorFingerprint.replace('AB:CD', 'AB:CE');
    expect(await verificationCodeOf(tampered, patientFingerprint)).not.toBe(
      await verificationCodeOf(doctorFingerprint, patientFingerprint),
    );
  });

  it('ignores the case the fingerprints were written in', async () => {
    const lower = await verificationCodeOfDescriptions(
      sdp({ session: doctorFingerprint.toLowerCase() }),
      sdp({ session: patientFingerprint }),
    );
    const upper = await verificationCodeOfDescriptions(sdp({ session: doctorFingerprint }), sdp({ session: patientFingerprint }));
    expect(lower).toBe(upper);
  });

  it('has no code while either description lacks a fingerprint', async () => {
    expect(await verificationCodeOfDescriptions(sdp({ session: doctorFingerprint }), undefined)).toBeNull();
    expect(await verificationCodeOfDescriptions(sdp({ session: doctorFingerprint }), sdp({}))).toBeNull();
  });
});

describe(formatVerificationCode.name, () => {
  it('keeps leading zeros and groups by three', () => {
    expect(formatVerificationCode(42_917)).toBe('042 917');
    expect(formatVerificationCode(999_999)).toBe('999 999');
  });
});
