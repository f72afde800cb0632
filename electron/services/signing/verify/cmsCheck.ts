import * as asn1js from 'asn1js';
import { createHash, verify } from 'node:crypto';
import type { CertificateSummary } from '../../../../shared/domain/signing/certificate.ts';
import { OID } from '../crypto/oids.ts';
import { pkijs } from '../crypto/pkiEngine.ts';
import { BoundedLru, knownPublicKey, knownSummary, sha256Hex } from './knownCertificates.ts';

/** What one CMS SignedData says about itself and the content it was checked against. */
export interface CmsCheck {
  signerDer: Buffer | null;
  signer: CertificateSummary | null;
  /** Every certificate that came with the signature. */
  certificates: Buffer[];
  /** The content's digest matches messageDigest and the signature over the attributes verifies. */
  intact: boolean;
  /** The signing-time signed attribute, when there is one. */
  signingTime: Date | null;
  hasSigningCertificateV2: boolean;
  /** Sentences about what is wrong, each ending with a full stop. */
  problems: string[];
}

const HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

const ab = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** A CMS SignedData read once: its one-or-more signer infos and the certificates that came along. */
interface ParsedSignedData {
  signerInfos: pkijs.SignerInfo[];
  eContentType: string;
  /** The X.509 certificates, each with its DER exactly as received. */
  certificates: { cert: pkijs.Certificate; der: Buffer }[];
}

/** Certificates as pkijs reads them, by SHA-256 of their DER: the same signer comes every time. */
const pkijsCertificates = new BoundedLru<string, pkijs.Certificate>(512);

function pkijsCertificate(element: asn1js.AsnType, der: Buffer): pkijs.Certificate {
  const key = sha256Hex(der);
  let c = pkijsCertificates.get(key);
  if (!c) {
    c = new pkijs.Certificate({ schema: element });
    pkijsCertificates.set(key, c);
  }
  return c;
}

const UNREADABLE_CMS = 'Dữ liệu chữ ký không phải cấu trúc CMS/PKCS#7 đọc được.';

/**
 * Parses `p7s` (trailing padding allowed) as ContentInfo → SignedData, once. The SignedData's
 * fields are taken by position from the one parse (RFC 5652 §5.1) rather than through
 * pkijs.SignedData, whose schema (every certificate and CRL kind, built anew on each call) and
 * re-parse of every certificate were two fifths of the server's verification time; each signer
 * info is still read by pkijs.SignerInfo, and each certificate by pkijs.Certificate once per
 * certificate. The certificates' bytes are the ones that came, not a re-encoding: what the signer
 * hashed into signing-certificate-v2 and what a fingerprint is computed over. A sentence instead
 * when it is not a SignedData.
 */
function parseSignedData(p7s: Uint8Array): ParsedSignedData | string {
  const parsed = asn1js.fromBER(ab(p7s));
  if (parsed.offset === -1 || parsed.result.error) return UNREADABLE_CMS;
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) return 'Dữ liệu chữ ký không phải kiểu SignedData.';
    // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE
    //   { eContentType OID, … }, certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL,
    //   signerInfos SET }
    if (!(info.content instanceof asn1js.Sequence)) return UNREADABLE_CMS;
    const fields = info.content.valueBlock.value;
    const [version, digestAlgorithms, encap] = fields;
    const eContentType = encap instanceof asn1js.Sequence ? encap.valueBlock.value[0] : undefined;
    if (
      !(version instanceof asn1js.Integer) ||
      !(digestAlgorithms instanceof asn1js.Set) ||
      !(eContentType instanceof asn1js.ObjectIdentifier)
    ) {
      return UNREADABLE_CMS;
    }
    let i = 3;
    const tagged = (n: number) =>
      fields[i]?.idBlock.tagClass === 3 && fields[i]!.idBlock.tagNumber === n ? fields[i++] : undefined;
    const certificateSet = tagged(0);
    tagged(1);
    const signerInfos = fields[i++];
    if (!(signerInfos instanceof asn1js.Set) || i !== fields.length) return UNREADABLE_CMS;
    if (certificateSet && !(certificateSet instanceof asn1js.Constructed)) return UNREADABLE_CMS;
    // X.509 certificates are the set's universal SEQUENCEs; attribute and other certificates are
    // tagged [1]–[3] and play no part here.
    const certificates = (certificateSet?.valueBlock.value ?? [])
      .filter((e) => e.idBlock.tagClass === 1)
      .map((element) => {
        const der = Buffer.from(element.valueBeforeDecodeView);
        return { cert: pkijsCertificate(element, der), der };
      });
    return {
      signerInfos: signerInfos.valueBlock.value.map((v) => new pkijs.SignerInfo({ schema: v })),
      eContentType: eContentType.valueBlock.toString(),
      certificates,
    };
  } catch {
    return UNREADABLE_CMS;
  }
}

/** The DER of every X.509 certificate that came with a CMS signature (empty when unreadable). */
export function embeddedCertificates(p7s: Uint8Array): Buffer[] {
  const parsed = parseSignedData(p7s);
  return typeof parsed === 'string' ? [] : parsed.certificates.map((c) => c.der);
}

function attributeValue(attrs: pkijs.Attribute[] | undefined, oid: string) {
  return attrs?.find((a) => a.type === oid)?.values[0];
}

function empty(problem: string): CmsCheck {
  return {
    signerDer: null,
    signer: null,
    certificates: [],
    intact: false,
    signingTime: null,
    hasSigningCertificateV2: false,
    problems: [problem],
  };
}

/**
 * Checks a detached CMS SignedData against its content, given as the chunks that were signed (a
 * PDF's two byte ranges, or a manifest's bytes). Never throws: a malformed signature is a problem
 * in the result.
 */
export function checkCms(p7s: Uint8Array, content: Uint8Array[]): CmsCheck {
  const parsed = parseSignedData(p7s);
  if (typeof parsed === 'string') return empty(parsed);
  const certificates = parsed.certificates.map((c) => c.der);
  if (parsed.signerInfos.length !== 1) {
    return {
      ...empty(`Chữ ký có ${parsed.signerInfos.length} người ký; BaoCao chỉ kiểm tra loại có đúng một.`),
      certificates,
    };
  }
  const si = parsed.signerInfos[0]!;
  const problems: string[] = [];

  // Who signed: the certificate the signer info names.
  let signerDer: Buffer | null = null;
  for (const { cert: c, der } of parsed.certificates) {
    if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
      if (c.issuer.isEqual(si.sid.issuer) && c.serialNumber.isEqual(si.sid.serialNumber)) signerDer = der;
    } else if (si.sid instanceof asn1js.OctetString) {
      const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as
        asn1js.OctetString | undefined;
      if (
        ski &&
        Buffer.from(ski.valueBlock.valueHexView).equals(Buffer.from(si.sid.valueBlock.valueHexView))
      ) {
        signerDer = der;
      }
    }
  }
  if (!signerDer) {
    return { ...empty('Chữ ký không kèm chứng thư số của người ký nên không kiểm tra được.'), certificates };
  }
  const signer = knownSummary(signerDer);
  const base = { signerDer, signer, certificates };

  const hash = HASHES[si.digestAlgorithm.algorithmId];
  if (!hash)
    return {
      ...base,
      ...empty(`Thuật toán băm ${si.digestAlgorithm.algorithmId} không được hỗ trợ.`),
      ...base,
    };
  if (hash === 'sha1') problems.push('Chữ ký dùng thuật toán băm SHA-1, đã không còn an toàn.');
  const h = createHash(hash);
  for (const chunk of content) h.update(chunk);
  const digest = h.digest();

  const attrs = si.signedAttrs?.attributes;
  let tbs: Buffer;
  let intact = true;
  if (si.signedAttrs) {
    const md = attributeValue(attrs, OID.messageDigest);
    const mdBytes = md instanceof asn1js.OctetString ? Buffer.from(md.valueBlock.valueHexView) : null;
    if (!mdBytes || !mdBytes.equals(digest)) {
      intact = false;
      problems.push(
        'Mã băm của nội dung không khớp với mã băm ghi trong chữ ký: nội dung đã bị thay đổi sau khi ký.',
      );
    }
    const ct = attributeValue(attrs, OID.contentType);
    if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== parsed.eContentType) {
      intact = false;
      problems.push('Thuộc tính loại nội dung (contentType) của chữ ký không đúng.');
    }
    // The signature is over the attributes exactly as they were sent, re-tagged as a SET.
    tbs = Buffer.from(si.signedAttrs.encodedValue);
    tbs[0] = 0x31;
  } else {
    tbs = Buffer.concat(content.map((c) => Buffer.from(c)));
  }

  const sigAlg = si.signatureAlgorithm.algorithmId;
  const supported = [
    OID.rsaEncryption,
    OID.sha256WithRsa,
    OID.ecdsaWithSha256,
    '1.2.840.113549.1.1.12',
    '1.2.840.113549.1.1.13',
    '1.2.840.10045.4.3.3',
    '1.2.840.10045.4.3.4',
  ];
  if (!supported.includes(sigAlg)) {
    return {
      ...base,
      intact: false,
      signingTime: null,
      hasSigningCertificateV2: false,
      problems: [...problems, `Thuật toán chữ ký ${sigAlg} không được hỗ trợ.`],
    };
  }
  let signatureOk: boolean;
  try {
    signatureOk = verify(
      hash,
      tbs,
      knownPublicKey(signerDer),
      Buffer.from(si.signature.valueBlock.valueHexView),
    );
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) {
    intact = false;
    problems.push('Chữ ký không khớp với khóa công khai trong chứng thư của người ký.');
  }

  const scv2 = attributeValue(attrs, OID.signingCertificateV2);
  let hasSigningCertificateV2 = false;
  if (scv2 instanceof asn1js.Sequence) {
    hasSigningCertificateV2 = true;
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, … }; ESSCertIDv2 starts
    // with an optional AlgorithmIdentifier (SHA-256 when absent), then the certificate's hash.
    const first = (scv2.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as
      asn1js.Sequence | undefined;
    const parts = first?.valueBlock.value ?? [];
    let alg = 'sha256';
    let idx = 0;
    if (parts[0] instanceof asn1js.Sequence) {
      const oid = (
        parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier | undefined
      )?.valueBlock.toString();
      alg = (oid && HASHES[oid]) || 'unknown';
      idx = 1;
    }
    const certHash =
      parts[idx] instanceof asn1js.OctetString
        ? Buffer.from((parts[idx] as asn1js.OctetString).valueBlock.valueHexView)
        : null;
    const expected = alg === 'unknown' ? null : createHash(alg).update(signerDer).digest();
    if (!certHash || !expected || !certHash.equals(expected)) {
      intact = false;
      problems.push(
        'Thuộc tính signing-certificate-v2 không khớp với chứng thư kèm theo: chứng thư đã bị tráo.',
      );
    }
  }
  const st = attributeValue(attrs, OID.signingTime);
  const signingTime =
    st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : null;
  return { ...base, intact, signingTime, hasSigningCertificateV2, problems };
}
