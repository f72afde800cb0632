import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createPrivateKey, randomUUID, webcrypto, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readCertificate, type CertificateInfo } from '../../electron/services/receipts/certificates.ts';
import { signReceipt } from '../../electron/services/receipts/jws.ts';
import type { ReceiptPayload } from '../../shared/intake/receipt.ts';
import { writeFileAtomically } from '../../electron/services/files/atomicFiles.ts';

/**
 * The server's own receipt key: ECDSA P-256, made on the first start and kept in
 * <data>/keys/receipt-key.pem (owner-only) beside a self-signed certificate for it that the desktop
 * pins at enrolment. Losing the key means every department must enrol again: back the folder up.
 */
export interface ReceiptSigner {
  certificate: CertificateInfo;
  sign(payload: ReceiptPayload): string;
}

const KEY_FILE = 'receipt-key.pem';
const CERT_FILE = 'receipt-cert.pem';

async function createKeyAndCertificate(dir: string) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomUUID().replace(/-/g, ''),
      name: 'CN=Máy chủ tiếp nhận báo cáo BaoCao, O=Sở Khoa học và Công nghệ tỉnh Bắc Ninh, C=VN',
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + 20 * 365 * 86_400_000),
      keys,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
      ],
    },
    webcrypto as unknown as Crypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  // The key first: a certificate without its key would be useless, a key without a certificate is remade.
  writeFileAtomically(path.join(dir, KEY_FILE), Buffer.from(keyPem), 0o600);
  writeFileAtomically(path.join(dir, CERT_FILE), Buffer.from(cert.toString('pem')));
}

export async function loadReceiptSigner(dataDir: string): Promise<ReceiptSigner> {
  const dir = path.join(dataDir, 'keys');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(path.join(dir, KEY_FILE)) || !fs.existsSync(path.join(dir, CERT_FILE))) {
    await createKeyAndCertificate(dir);
  }
  const key: KeyObject = createPrivateKey(fs.readFileSync(path.join(dir, KEY_FILE)));
  const certificate = readCertificate(fs.readFileSync(path.join(dir, CERT_FILE)));
  if (!certificate.x509.checkPrivateKey(key)) {
    throw new Error(`Khóa ký biên nhận và chứng thư trong ${dir} không khớp nhau`);
  }
  return { certificate, sign: (payload) => signReceipt(payload, key, certificate.der) };
}
