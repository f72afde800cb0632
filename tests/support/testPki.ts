import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away PKI made with openssl, as a real department would have one: a CA, and organisation
 * certificates issued to it from CSRs (so Vietnamese names stay UTF-8, see SIGNING-NOTES.md).
 */
export interface TestIdentity {
  certFile: string;
  keyFile: string;
  certPem: string;
}

export interface TestPki {
  dir: string;
  caCertFile: string;
  caCertPem: string;
  /** Issues another organisation certificate from this CA. */
  issue(name: string, commonName: string): TestIdentity;
}

const run = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function createTestPki(
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-pki-')),
  caName = 'CA Thử Nghiệm BaoCao',
): TestPki {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  fs.writeFileSync(
    path.join(dir, 'leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  run(
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-utf8',
      '-subj',
      `/CN=${caName}/O=BaoCao/C=VN`,
      '-keyout',
      'ca.key',
      '-out',
      'ca.csr',
    ],
    dir,
  );
  run(
    [
      'x509',
      '-req',
      '-in',
      'ca.csr',
      '-signkey',
      'ca.key',
      '-days',
      '3650',
      '-sha256',
      '-extfile',
      'ca.ext',
      '-out',
      'ca.pem',
    ],
    dir,
  );
  let serial = 1000;
  return {
    dir,
    caCertFile: path.join(dir, 'ca.pem'),
    caCertPem: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    issue(name, commonName) {
      run(
        [
          'req',
          '-new',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-utf8',
          '-subj',
          `/CN=${commonName}/O=BaoCao thử nghiệm/C=VN`,
          '-keyout',
          `${name}.key`,
          '-out',
          `${name}.csr`,
        ],
        dir,
      );
      run(
        [
          'x509',
          '-req',
          '-in',
          `${name}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(serial++),
          '-days',
          '365',
          '-sha256',
          '-extfile',
          'leaf.ext',
          '-out',
          `${name}.pem`,
        ],
        dir,
      );
      return {
        certFile: path.join(dir, `${name}.pem`),
        keyFile: path.join(dir, `${name}.key`),
        certPem: fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8'),
      };
    },
  };
}

/** CMS detached signature (DER) of `content` by `who`, as the desktop signs manifest.json. */
export function cmsSignDetached(content: Uint8Array, who: TestIdentity): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-cms-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.bin'), content);
    run(
      [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-md',
        'sha256',
        '-cades',
        '-in',
        'in.bin',
        '-signer',
        who.certFile,
        '-inkey',
        who.keyFile,
        '-out',
        'out.p7s',
      ],
      dir,
    );
    return fs.readFileSync(path.join(dir, 'out.p7s'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
