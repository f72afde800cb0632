import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { trustSchema } from '../../../../shared/domain/signing/verification.ts';
import { x509 } from '../crypto/pkiEngine.ts';
import { BoundedLru } from './knownCertificates.ts';
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
 * What the chain says that does not depend on the time of the check: who is on it, whether every
 * issuer is fit to issue, whether it ends at a trusted root and, when not, why.
 */
interface ChainFacts {
  path: string[];
  /** Validity of each certificate on `path`. */
  validity: { notBefore: Date; notAfter: Date }[];
  /** A certificate on the path that is not a CA: the chain is bad, whatever the time. */
  notCa: string | null;
  trusted: boolean;
  /** Why the chain does not reach a trusted root (when `trusted` is false). */
  untrustedWhy: string;
}

/**
 * Chains already built, keyed by the SHA-256 of the signer's certificate, of each certificate that
 * came with it and of each trusted root, in order: a department signs every package with the same
 * certificate, and building its chain (parsing each certificate, checking each link's signature)
 * was a fifth of the server's verification time. The roots are part of the key, so adding or
 * removing a trusted root (trust-root) is a new key, never an old answer. Nothing here depends on
 * the clock: validity is checked against `at` on every call.
 */
const chains = new BoundedLru<string, ChainFacts>(256);

async function buildChainFacts(
  signerDer: Buffer,
  embedded: Buffer[],
  trustedRoots: Buffer[],
): Promise<ChainFacts> {
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
  const validity = used.map((c) => ({ notBefore: c.notBefore, notAfter: c.notAfter }));
  let notCa: string | null = null;
  for (const [i, c] of used.entries()) {
    if (i === 0) continue;
    const bc = c.getExtension(x509.BasicConstraintsExtension);
    const ku = c.getExtension(x509.KeyUsagesExtension);
    if (!bc?.ca || (ku && (ku.usages & KEY_CERT_SIGN) === 0)) {
      notCa = `Chứng thư "${path[i]}" trong chuỗi không phải của một tổ chức cấp chứng thư (CA).`;
      break;
    }
  }
  let untrustedWhy = '';
  if (trustedAt < 0) {
    const top = chain[chain.length - 1]!;
    const topName = path[chain.length - 1] ?? top.subject;
    if (await top.isSelfSigned()) {
      untrustedWhy =
        chain.length === 1
          ? 'Chứng thư của người ký là chứng thư tự ký, không thuộc tổ chức cấp chứng thư nào được tin cậy.'
          : `Chuỗi chứng thư dừng ở gốc "${topName}", gốc này chưa có trong danh sách được tin cậy.`;
    } else {
      const issuer = top.issuerName.getField('CN')[0] ?? top.issuer;
      untrustedWhy = `Không tìm thấy chứng thư của tổ chức cấp "${issuer}" để nối tới một gốc được tin cậy.`;
    }
  }
  return { path, validity, notCa, trusted: trustedAt >= 0, untrustedWhy };
}

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
  const key = [signerDer, ...embedded].map(sha256).join(',') + '|' + trustedRoots.map(sha256).join(',');
  let facts = chains.get(key);
  if (!facts) {
    facts = await buildChainFacts(signerDer, embedded, trustedRoots);
    chains.set(key, facts);
  }
  const path = [...facts.path];
  if (facts.notCa) return { trust: 'bad', path, messages: [facts.notCa] };
  const messages: string[] = [];
  for (const [i, c] of facts.validity.entries()) {
    if (at < c.notBefore) {
      messages.push(`Chứng thư "${path[i]}" chưa có hiệu lực (từ ${formatDate(c.notBefore)}).`);
    } else if (at > c.notAfter) {
      messages.push(`Chứng thư "${path[i]}" đã hết hạn ngày ${formatDate(c.notAfter)}.`);
    }
  }
  if (facts.trusted) return { trust: messages.length ? 'expired' : 'trusted', path, messages };
  messages.push(facts.untrustedWhy);
  return { trust: 'untrusted', path, messages };
}
