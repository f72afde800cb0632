import { randomBytes, webcrypto } from 'node:crypto';
import { TRIAL_MARK } from '../../../../shared/domain/signing/certificate.ts';
import { x509 } from '../crypto/pkiEngine.ts';

/**
 * A self-signed certificate BaoCao makes so a department can try signing before its certificates
 * arrive. Its subject carries "BaoCao - chỉ dùng thử" (organizational unit), which every screen
 * and every verification report shows; it is never trusted unless someone imports it as a root.
 */
export async function createTrialCertificate(input: {
  commonName: string;
  organization: string;
  key?: 'p256' | 'rsa2048';
  now?: Date;
}): Promise<{ keyPkcs8: Buffer; certificate: Buffer }> {
  const alg =
    input.key === 'rsa2048'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
          hash: 'SHA-256',
        }
      : { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = input.now ?? new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    name: [
      { C: ['VN'] },
      { O: [input.organization.normalize('NFC')] },
      { OU: [TRIAL_MARK] },
      { CN: [input.commonName.normalize('NFC')] },
    ],
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: input.key === 'rsa2048' ? alg : { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  return {
    keyPkcs8: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
    certificate: Buffer.from(cert.rawData),
  };
}
