// The certificate `npm start -- --https` serves: self-signed, made on first use and kept in
// <DATA_DIR>/tls/, so a phone that accepted it once keeps working across restarts. It is made
// again only when it no longer covers this machine (a new network address) or is about to expire.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';

// iOS refuses server certificates valid for more than 825 days; browsers cap public ones at 398.
const VALID_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether `pem` names every one of `dnsNames` and `ips` and stays valid for a while yet. */
export function certificateCovers(pem, { dnsNames, ips }, now = Date.now()) {
  let cert;
  try {
    cert = new X509Certificate(pem);
  } catch {
    return false;
  }
  if (Date.parse(cert.validTo) - now < RENEW_BEFORE_DAYS * DAY_MS) return false;
  return (
    dnsNames.every((name) => cert.checkHost(name, { wildcards: false }) !== undefined) && ips.every((ip) => cert.checkIP(ip) !== undefined)
  );
}

/**
 * The key and certificate for `dnsNames` and `ips`, read from `dir` when the stored pair still
 * covers them, else made anew (an EC P-256 key, fast to make and accepted by every current
 * browser) and stored: the key readable by this account only. `created` says which happened.
 */
export async function ensureCertificate(dir, { dnsNames, ips }) {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    const cert = fs.readFileSync(certFile, 'utf8');
    const key = fs.readFileSync(keyFile, 'utf8');
    if (certificateCovers(cert, { dnsNames, ips })) return { key, cert, created: false, certFile };
  } catch {
    // none yet
  }

  const notBeforeDate = new Date(Date.now() - 60_000); // a phone whose clock runs a little behind still accepts it
  const pems = await selfsigned.generate([{ name: 'commonName', value: `Telehealth on ${dnsNames[1] ?? dnsNames[0]}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  // A new file made 0600 from its first byte, then put in place: never a moment readable by others.
  const newKey = `${keyFile}.new`;
  fs.rmSync(newKey, { force: true });
  fs.writeFileSync(newKey, pems.private, { mode: 0o600, flag: 'wx' });
  fs.renameSync(newKey, keyFile);
  fs.writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert, created: true, certFile };
}
