import { createHash, createPublicKey } from 'node:crypto';
import type { CertificateSummary } from '../../../../shared/domain/signing/certificate.ts';
import { TRIAL_MARK } from '../../../../shared/domain/signing/certificate.ts';
import { x509 } from './pkiEngine.ts';

/** What key a certificate carries, as the signer and the checks need it. */
export interface KeyInfo {
  type: 'rsa' | 'ec' | 'other';
  /** RSA modulus length; EC curve size. */
  bits: number | null;
  /** 'P-256' etc. for EC keys (Node names them prime256v1, secp384r1…). */
  curve: string | null;
  /** What signRaw must produce for this key, or null when BaoCao cannot sign with it. */
  algorithm: 'RSA-SHA256' | 'ECDSA-P256-SHA256' | null;
  label: string;
}

const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

export function keyInfo(spkiDer: Uint8Array): KeyInfo {
  let key;
  try {
    key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  } catch {
    return { type: 'other', bits: null, curve: null, algorithm: null, label: 'khóa không đọc được' };
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return { type: 'rsa', bits, curve: null, algorithm: 'RSA-SHA256', label: `RSA ${bits} bit` };
  }
  if (key.asymmetricKeyType === 'ec') {
    const c = CURVES[details.namedCurve ?? ''];
    const name = c?.name ?? details.namedCurve ?? 'không rõ đường cong';
    return {
      type: 'ec',
      bits: c?.bits ?? null,
      curve: name,
      algorithm: name === 'P-256' ? 'ECDSA-P256-SHA256' : null,
      label: `ECDSA ${name}`,
    };
  }
  return {
    type: 'other',
    bits: null,
    curve: null,
    algorithm: null,
    label: (key.asymmetricKeyType ?? 'không rõ').toUpperCase(),
  };
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.5': 'SERIALNUMBER',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/**
 * A name as a person reads it ("CN=Nguyễn Văn An, O=Sở Khoa học và Công nghệ, C=VN"), most specific
 * part first, in NFC. @peculiar/x509 decodes UTF8String/BMPString correctly, so Vietnamese names
 * come out as they were issued.
 */
function displayName(name: x509.Name): string {
  const rdns = name.toJSON();
  const parts: string[] = [];
  for (const rdn of [...rdns].reverse()) {
    for (const [type, values] of Object.entries(rdn)) {
      for (const v of values) parts.push(`${SHORT[type] ?? type}=${String(v).normalize('NFC')}`);
    }
  }
  return parts.join(', ');
}

function field(name: x509.Name, oid: string): string | null {
  const v = name.getField(oid)[0];
  return v === undefined ? null : v.normalize('NFC');
}

const USAGES: [x509.KeyUsageFlags, string][] = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
];

export function parseCertificate(der: Uint8Array): x509.X509Certificate {
  return new x509.X509Certificate(new Uint8Array(der));
}

/** Everything the UI and the verification report show about a certificate. */
export function describeCertificate(der: Uint8Array): CertificateSummary {
  const cert = parseCertificate(der);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const key = keyInfo(new Uint8Array(cert.publicKey.rawData));
  const subject = displayName(cert.subjectName);
  const ou = cert.subjectName.getField('2.5.4.11').map((s) => s.normalize('NFC'));
  return {
    subject,
    commonName: field(cert.subjectName, '2.5.4.3'),
    organization: field(cert.subjectName, '2.5.4.10'),
    issuer: displayName(cert.issuerName),
    issuerCommonName: field(cert.issuerName, '2.5.4.3'),
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: createHash('sha256').update(der).digest('hex'),
    publicKey: key.label,
    keyUsage: ku ? USAGES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, n]) => n) : [],
    selfSigned: cert.subject === cert.issuer,
    trial: ou.some((o) => o.includes(TRIAL_MARK)),
  };
}
