import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small PKI made with the openssl command line, the way a CA makes certificates: a key, a CSR
 * with the subject in UTF-8 (`openssl req -utf8`), then `openssl x509 -req` signs it. (Making the
 * certificate directly with `openssl x509 -new -subj` garbles Vietnamese names.) Every test that
 * says "a certificate from a CA" uses these, so BaoCao's own code is not the only judge.
 */

export interface IssuedCert {
  keyPath: string;
  certPath: string;
  certPem: string;
  certDer: Buffer;
  /** Unencrypted PKCS#8 DER of the private key. */
  keyDer: Buffer;
}

export interface TestPki {
  dir: string;
  ca: IssuedCert;
  issue(options: IssueOptions): IssuedCert;
  /** A .p12 with the key, the certificate and the CA, as OpenSSL 3 writes it (AES-256, PBKDF2). */
  p12(cert: IssuedCert, password: string): Buffer;
  /** A .p12 of any key (PKCS#8 DER) and certificate (DER), e.g. one made with odd dates. */
  p12Of(keyDer: Buffer, certDer: Buffer, password: string): Buffer;
  cleanup(): void;
}

export interface IssueOptions {
  name: string;
  /** The subject, e.g. [['C', 'VN'], ['O', 'Sở Khoa học và Công nghệ'], ['CN', 'Nguyễn Văn An']]. */
  subject: [string, string][];
  key?: 'rsa2048' | 'rsa1024' | 'p256' | 'p384';
  keyUsage?: string;
  days?: number;
  /** Sign with this CA instead of the root (for a chain). */
  issuer?: IssuedCert;
  ca?: boolean;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

const subj = (parts: [string, string][]) =>
  parts.map(([k, v]) => `/${k}=${v.replace(/[/\\]/g, (c) => `\\${c}`)}`).join('');

function genKey(kind: IssueOptions['key'], out: string, cwd: string) {
  const args =
    kind === 'p256'
      ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
      : kind === 'p384'
        ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']
        : ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${kind === 'rsa1024' ? 1024 : 2048}`];
  openssl(['genpkey', ...args, '-out', out], cwd);
}

export function createTestPki(rootSubject: [string, string][] = defaultRootSubject): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-pki-'));
  const read = (name: string, ca: boolean, keyPath: string, certPath: string): IssuedCert => {
    void ca;
    const certPem = fs.readFileSync(certPath, 'utf8');
    return {
      keyPath,
      certPath,
      certPem,
      certDer: openssl(['x509', '-in', certPath, '-outform', 'DER'], dir),
      keyDer: openssl(['pkcs8', '-topk8', '-nocrypt', '-in', keyPath, '-outform', 'DER'], dir),
    };
  };

  const make = (o: IssueOptions, issuer: IssuedCert | null): IssuedCert => {
    const keyPath = path.join(dir, `${o.name}.key`);
    const csrPath = path.join(dir, `${o.name}.csr`);
    const certPath = path.join(dir, `${o.name}.pem`);
    const extPath = path.join(dir, `${o.name}.ext`);
    genKey(o.key ?? 'rsa2048', keyPath, dir);
    openssl(['req', '-new', '-utf8', '-key', keyPath, '-subj', subj(o.subject), '-out', csrPath], dir);
    const ext = o.ca
      ? ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']
      : ['basicConstraints=CA:FALSE', `keyUsage=critical,${o.keyUsage ?? 'digitalSignature,nonRepudiation'}`];
    ext.push('subjectKeyIdentifier=hash');
    if (issuer) ext.push('authorityKeyIdentifier=keyid');
    fs.writeFileSync(extPath, `[v3]\n${ext.join('\n')}\n`);
    const signer = issuer ? ['-CA', issuer.certPath, '-CAkey', issuer.keyPath] : ['-signkey', keyPath];
    openssl(
      [
        'x509',
        '-req',
        '-in',
        csrPath,
        ...signer,
        '-set_serial',
        `0x${randomBytes(8).toString('hex')}`,
        '-days',
        String(o.days ?? 365),
        '-extfile',
        extPath,
        '-extensions',
        'v3',
        '-sha256',
        '-out',
        certPath,
      ],
      dir,
    );
    return read(o.name, Boolean(o.ca), keyPath, certPath);
  };

  const ca = make({ name: 'root-ca', subject: rootSubject, ca: true, days: 3650 }, null);
  return {
    dir,
    ca,
    issue: (o) => make(o, o.issuer ?? ca),
    p12(cert, password) {
      const out = path.join(
        dir,
        `${path.basename(cert.certPath, '.pem')}-${randomBytes(4).toString('hex')}.p12`,
      );
      openssl(
        [
          'pkcs12',
          '-export',
          '-inkey',
          cert.keyPath,
          '-in',
          cert.certPath,
          '-certfile',
          ca.certPath,
          '-passout',
          `pass:${password}`,
          '-out',
          out,
        ],
        dir,
      );
      return fs.readFileSync(out);
    },
    p12Of(keyDer, certDer, password) {
      const tag = randomBytes(4).toString('hex');
      const pem = (label: string, der: Buffer) =>
        `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
      const keyPath = path.join(dir, `${tag}.key`);
      const certPath = path.join(dir, `${tag}.pem`);
      fs.writeFileSync(keyPath, pem('PRIVATE KEY', keyDer));
      fs.writeFileSync(certPath, pem('CERTIFICATE', certDer));
      return this.p12({ keyPath, certPath, certPem: '', certDer, keyDer }, password);
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const defaultRootSubject: [string, string][] = [
  ['C', 'VN'],
  ['O', 'Ban Cơ yếu Chính phủ (thử nghiệm)'],
  ['CN', 'CA Thử nghiệm Chữ ký số Chuyên dùng'],
];

export const headSubject: [string, string][] = [
  ['C', 'VN'],
  ['ST', 'Bắc Ninh'],
  ['O', 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh'],
  ['CN', 'Nguyễn Thị Thủy Tiên'],
];

export const organizationSubject: [string, string][] = [
  ['C', 'VN'],
  ['ST', 'Bắc Ninh'],
  ['O', 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh'],
  ['CN', 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh'],
];
