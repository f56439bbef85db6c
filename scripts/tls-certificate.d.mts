// Types of tls-certificate.mjs for the TypeScript that imports it (e2e/front-routes.spec.ts).
export interface CertificateNames {
  dnsNames: string[];
  ips: string[];
}
export function certificateCovers(pem: string, names: CertificateNames, now?: number): boolean;
export function ensureCertificate(
  dir: string,
  names: CertificateNames,
): Promise<{ key: string; cert: string; created: boolean; certFile: string }>;
