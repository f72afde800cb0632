import * as asn1js from 'asn1js';
import { X509Certificate, createHash, verify } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';
import type { Identity } from '../identity.ts';
import { keyInfo } from './certificateInfo.ts';
import { OID } from './oids.ts';
import { pkijs } from './pkiEngine.ts';

export interface CmsSignOptions {
  /**
   * A signing-time signed attribute. Left out for PAdES, where the time is the signature
   * dictionary's /M (ETSI EN 319 142-1, 5.3); given for the package manifest.
   */
  signingTime?: Date;
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** DER order of a SET OF: ascending as octet strings, the shorter padded with zeros (X.690 11.6). */
function compareDer(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * signing-certificate-v2 (RFC 5035): binds the signature to this exact certificate, so another
 * certificate with the same key cannot be swapped in. The hash algorithm is SHA-256, which is the
 * DEFAULT and so, in DER, left out.
 */
function signingCertificateV2(certDer: Buffer, cert: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: toArrayBuffer(createHash('sha256').update(certDer).digest()) }),
      issuerSerial.toSchema(),
    ],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function parseDer(der: Buffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/**
 * A CMS SignedData (RFC 5652), detached: SHA-256, signed attributes contentType, messageDigest and
 * signing-certificate-v2 (and signing-time only when asked), sorted in DER order and signed as a
 * SET, with the signer's certificate and chain embedded. `digest` is the SHA-256 of the content.
 * Returns the DER of the ContentInfo.
 */
export async function signDigest(digest: Buffer, identity: Identity, options: CmsSignOptions = {}) {
  const cert = parseDer(identity.certificate);
  const key = keyInfo(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()));
  if (!key.algorithm) {
    throw new AppError('VALIDATION', `Không ký được bằng khóa ${key.label}: chỉ hỗ trợ RSA hoặc ECDSA P-256`);
  }
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
    attribute(OID.signingCertificateV2, signingCertificateV2(identity.certificate, cert)),
  ];
  if (options.signingTime) {
    attributes.push(attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime })));
  }
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }));
  encoded.sort((x, y) => compareDer(x.der, y.der));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: encoded.map((e) => e.a),
  });
  // What is signed is the attributes' SET OF encoding (tag 0x31), not the [0] IMPLICIT one.
  const tbs = Buffer.from(signedAttrs.toSchema().toBER());
  tbs[0] = 0x31;

  const signature = await identity.signRaw(tbs);
  // A token may hold several keys: check the one it used belongs to the certificate we embed.
  if (!verify('sha256', tbs, new X509Certificate(identity.certificate).publicKey, signature)) {
    throw new AppError(
      'VALIDATION',
      'Chữ ký tạo ra không khớp với chứng thư số: khóa bí mật không đi cùng chứng thư đã chọn',
    );
  }

  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: sha256,
    signedAttrs,
    signatureAlgorithm:
      key.type === 'rsa'
        ? new pkijs.AlgorithmIdentifier({
            algorithmId: OID.rsaEncryption,
            algorithmParams: new asn1js.Null(),
          })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const seen = new Set<string>();
  const certificates = [identity.certificate, ...identity.chain]
    .filter((der) => {
      const h = createHash('sha256').update(der).digest('hex');
      if (seen.has(h)) return false;
      seen.add(h);
      return true;
    })
    .map(parseDer);
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER());
}

/** The package manifest's signature: CMS detached over `content`, with a signing-time attribute. */
export async function signCmsDetached(
  content: Uint8Array,
  identity: Identity,
  options: { signingTime?: Date } = {},
): Promise<Buffer> {
  const digest = createHash('sha256').update(content).digest();
  return signDigest(digest, identity, { signingTime: options.signingTime ?? new Date() });
}
