import forge from 'node-forge';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';

export interface UnpackedP12 {
  /** Unencrypted PKCS#8 DER: only ever in memory, sealed before it is stored. */
  keyPkcs8: Buffer;
  certificate: Buffer;
  /** The other certificates in the file (issuing CAs). */
  chain: Buffer[];
}

const MAX_P12 = 100 * 1024;

/**
 * Runs forge's PKCS#12 decoder with the password as each part of the format wants it: PBES2
 * (PBKDF2, what OpenSSL 3 writes) takes the password's UTF-8 bytes, while the MAC and the legacy
 * PKCS#12 ciphers take it as a BMPString, which forge derives from the JavaScript string. Forge
 * passes one value to both, so for a non-ASCII password it gets the UTF-8 form and the PKCS#12 key
 * derivation is given the original string back. (Synchronous: nothing else runs meanwhile.)
 */
function decode(der: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  const utf8 = forge.util.encodeUtf8(password);
  if (utf8 === password) return forge.pkcs12.pkcs12FromAsn1(der, false, password);
  const p12 = forge.pkcs12 as unknown as { generateKey: (...args: unknown[]) => unknown };
  const original = p12.generateKey;
  p12.generateKey = (pw: unknown, ...rest: unknown[]) => original(pw === utf8 ? password : pw, ...rest);
  try {
    return forge.pkcs12.pkcs12FromAsn1(der, false, utf8);
  } finally {
    p12.generateKey = original;
  }
}

const bytesOf = (s: string) => Buffer.from(s, 'binary');

const OIDS = forge.pki.oids as Record<string, string>;
function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType: OIDS[type]! })[OIDS[type]!] ?? [];
}

/** Opens a .p12/.pfx with its password: the private key, its certificate and the chain. */
export function unpackP12(bytes: Buffer, password: string): UnpackedP12 {
  if (bytes.length === 0 || bytes.length > MAX_P12) {
    throw new AppError('VALIDATION', 'Tệp .p12/.pfx rỗng hoặc quá lớn (tối đa 100 KB).');
  }
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw new AppError('VALIDATION', 'Tệp đã chọn không phải tệp chứng thư số .p12/.pfx.');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = decode(asn1, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (/MAC could not be verified|Invalid password|decrypt/i.test(msg)) {
      throw new AppError('INVALID_CREDENTIALS', 'Mật khẩu của tệp .p12/.pfx không đúng.');
    }
    throw new AppError('VALIDATION', 'Tệp .p12/.pfx bị hỏng hoặc dùng thuật toán BaoCao không đọc được.');
  }
  const keyBags = [...bagsOf(p12, 'pkcs8ShroudedKeyBag'), ...bagsOf(p12, 'keyBag')];
  if (keyBags.length !== 1) {
    throw new AppError(
      'VALIDATION',
      keyBags.length
        ? 'Tệp .p12/.pfx có nhiều khóa bí mật; hãy xuất riêng chứng thư dùng để ký.'
        : 'Tệp .p12/.pfx không có khóa bí mật.',
    );
  }
  const bag = keyBags[0]!;
  // An RSA key forge decoded itself; any other (EC) comes as its PrivateKeyInfo ASN.1.
  const keyInfo = bag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
    : bag.asn1;
  if (!keyInfo) throw new AppError('VALIDATION', 'Không đọc được khóa bí mật trong tệp .p12/.pfx.');
  const keyPkcs8 = bytesOf(forge.asn1.toDer(keyInfo).getBytes());
  const publicOfKey = createPrivateKey({ key: keyPkcs8, format: 'der', type: 'pkcs8' });

  // Certificates as DER. A certificate forge decoded is re-encoded from its cached TBSCertificate
  // (the original bytes), so names in UTF-8 come back unchanged.
  const certs = bagsOf(p12, 'certBag').map((b) =>
    bytesOf(forge.asn1.toDer(b.cert ? forge.pki.certificateToAsn1(b.cert) : b.asn1!).getBytes()),
  );
  const own = certs.find((c: Buffer) => new X509Certificate(c).checkPrivateKey(publicOfKey));
  if (!own) throw new AppError('VALIDATION', 'Tệp .p12/.pfx không có chứng thư số đi cùng khóa bí mật.');
  return { keyPkcs8, certificate: own, chain: certs.filter((c: Buffer) => c !== own) };
}
