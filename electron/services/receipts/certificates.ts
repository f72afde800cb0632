import { createHash, X509Certificate } from 'node:crypto';

/**
 * A certificate as the intake server and the desktop handle it: parsed by node:crypto from PEM or
 * DER, named by the SHA-256 of its DER bytes (what is pinned and what a person compares).
 */
export interface CertificateInfo {
  der: Buffer;
  pem: string;
  sha256: string;
  subject: string;
  notAfter: string;
  x509: X509Certificate;
}

/** Subject as one line, "CN=…, O=…", for lists and messages. */
function subjectLine(x509: X509Certificate): string {
  return x509.subject.split('\n').filter(Boolean).join(', ');
}

export function readCertificate(bytes: Uint8Array | string): CertificateInfo {
  const x509 = new X509Certificate(typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  const der = x509.raw;
  return {
    der,
    pem: x509.toString(),
    sha256: createHash('sha256').update(der).digest('hex'),
    subject: subjectLine(x509),
    notAfter: new Date(x509.validTo).toISOString(),
    x509,
  };
}

/** The certificate, or null when the bytes are not one: for input from a file or the network. */
export function tryReadCertificate(bytes: Uint8Array | string): CertificateInfo | null {
  try {
    return readCertificate(bytes);
  } catch {
    return null;
  }
}

/** "AB:CD:…" groups of the SHA-256, the way certificate viewers show a fingerprint. */
export function fingerprintText(sha256: string): string {
  return sha256.toUpperCase().match(/.{2}/g)!.join(':');
}
