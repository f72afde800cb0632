import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { trustSchema } from '../../../../shared/domain/signing/verification.ts';
import { x509 } from '../crypto/pkiEngine.ts';
import { formatDate } from './wording.ts';

export type Trust = z.infer<typeof trustSchema>;

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/**
 * The certificates in a .cer/.crt/.pem/.der file: one DER certificate, or any number of PEM
 * blocks. Null when the file holds none.
 */
export function readCertificates(bytes: Buffer): Buffer[] | null {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const out: Buffer[] = [];
    for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
      out.push(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
    }
    return out.every(isCertificate) && out.length ? out : null;
  }
  return isCertificate(bytes) ? [bytes] : null;
}

function isCertificate(der: Buffer): boolean {
  try {
    new x509.X509Certificate(new Uint8Array(der));
    return true;
  } catch {
    return false;
  }
}

export interface TrustResult {
  trust: Trust;
  /** Subjects from the signer up, as far as the chain could be built. */
  path: string[];
  messages: string[];
}

const KEY_CERT_SIGN = x509.KeyUsageFlags.keyCertSign;

/**
 * Builds the chain from the signer's certificate through the certificates that came with the
 * signature and the trusted roots (each link's signature checked by @peculiar/x509), then says
 * whether it ends at a trusted root and whether every certificate on it is valid at `at` and fit
 * for its place (issuers must be CAs).
 */
export async function checkTrust(
  signerDer: Buffer,
  embedded: Buffer[],
  trustedRoots: Buffer[],
  at: Date,
): Promise<TrustResult> {
  const trusted = new Set(trustedRoots.map(sha256));
  const pool = [...embedded, ...trustedRoots].map((d) => new x509.X509Certificate(new Uint8Array(d)));
  const signer = new x509.X509Certificate(new Uint8Array(signerDer));
  let chain: x509.X509Certificate[];
  try {
    chain = [...(await new x509.X509ChainBuilder({ certificates: pool }).build(signer))];
  } catch {
    chain = [signer];
  }
  // Stop at the first trusted certificate: what is above it does not matter.
  const trustedAt = chain.findIndex((c) => trusted.has(sha256(new Uint8Array(c.rawData))));
  const used = trustedAt >= 0 ? chain.slice(0, trustedAt + 1) : chain;
  const path = used.map((c) => c.subjectName.getField('CN')[0] ?? c.subject);
  const messages: string[] = [];

  for (const [i, c] of used.entries()) {
    if (i === 0) continue;
    const bc = c.getExtension(x509.BasicConstraintsExtension);
    const ku = c.getExtension(x509.KeyUsagesExtension);
    if (!bc?.ca || (ku && (ku.usages & KEY_CERT_SIGN) === 0)) {
      messages.push(`Chứng thư "${path[i]}" trong chuỗi không phải của một tổ chức cấp chứng thư (CA).`);
      return { trust: 'bad', path, messages };
    }
  }
  for (const [i, c] of used.entries()) {
    if (at < c.notBefore) {
      messages.push(`Chứng thư "${path[i]}" chưa có hiệu lực (từ ${formatDate(c.notBefore)}).`);
    } else if (at > c.notAfter) {
      messages.push(`Chứng thư "${path[i]}" đã hết hạn ngày ${formatDate(c.notAfter)}.`);
    }
  }
  if (trustedAt >= 0) {
    return { trust: messages.length ? 'expired' : 'trusted', path, messages };
  }
  const top = chain[chain.length - 1]!;
  const topName = path[chain.length - 1] ?? top.subject;
  if (await top.isSelfSigned()) {
    messages.push(
      chain.length === 1
        ? 'Chứng thư của người ký là chứng thư tự ký, không thuộc tổ chức cấp chứng thư nào được tin cậy.'
        : `Chuỗi chứng thư dừng ở gốc "${topName}", gốc này chưa có trong danh sách được tin cậy.`,
    );
  } else {
    const issuer = top.issuerName.getField('CN')[0] ?? top.issuer;
    messages.push(`Không tìm thấy chứng thư của tổ chức cấp "${issuer}" để nối tới một gốc được tin cậy.`);
  }
  return { trust: 'untrusted', path, messages };
}
