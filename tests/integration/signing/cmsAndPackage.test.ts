import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCmsDetached } from '../../../electron/services/signing/crypto/cmsSigner.ts';
import { softwareIdentity } from '../../../electron/services/signing/identities/softwareKey.ts';
import { signPdf } from '../../../electron/services/signing/pdf/pdfSigner.ts';
import { verifyCmsDetached } from '../../../electron/services/signing/verify/verifyCms.ts';
import {
  verifyPackageDir,
  verifyPackageZip,
} from '../../../electron/services/signing/verify/verifyPackage.ts';
import { has, opensslCmsVerify } from '../../support/signing/outsideTools.ts';
import { writePackage } from '../../support/signing/testPackage.ts';
import { makeReportPdf } from '../../support/signing/testPdf.ts';
import {
  createTestPki,
  organizationSubject,
  type IssuedCert,
  type TestPki,
} from '../../support/signing/testPki.ts';
import type { Identity } from '../../../electron/services/signing/identity.ts';

const repo = path.resolve(import.meta.dirname, '../../..');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!has('openssl'))('CMS detached signatures and packages', () => {
  let pki: TestPki;
  let rsa: { cert: IssuedCert; id: Identity };
  let ec: { cert: IssuedCert; id: Identity };
  let pkg: Awaited<ReturnType<typeof writePackage>>;
  const docx = Buffer.from('PK\u0003\u0004 giả lập tệp .docx của báo cáo');

  beforeAll(async () => {
    pki = createTestPki();
    const make = (name: string, key: 'rsa2048' | 'p256') => {
      const cert = pki.issue({ name, subject: organizationSubject, key });
      return { cert, id: softwareIdentity('pkcs12', cert.keyDer, cert.certDer, [pki.ca.certDer]) };
    };
    rsa = make('org-rsa', 'rsa2048');
    ec = make('org-ec', 'p256');
    const pdf = await signPdf((await makeReportPdf()).pdf, ec.id, {
      name: 'Sở Khoa học và Công nghệ',
      reason: 'Ban hành',
      location: 'Bắc Ninh',
      signingTime: new Date(),
    });
    pkg = await writePackage(
      [
        {
          name: 'van-ban.json',
          role: 'document',
          mime: 'application/json',
          bytes: Buffer.from('{"a":"Báo cáo"}'),
        },
        { name: 'bao-cao.pdf', role: 'pdf', mime: 'application/pdf', bytes: pdf },
        { name: 'bao-cao.docx', role: 'docx', mime: 'application/octet-stream', bytes: docx },
      ],
      ec.id,
    );
  }, 60_000);
  afterAll(() => {
    pkg?.remove();
    pki?.cleanup();
  });

  for (const which of ['rsa', 'ec'] as const) {
    it(`openssl cms -verify (also -cades) accepts our ${which === 'rsa' ? 'RSA' : 'ECDSA P-256'} manifest signature`, async () => {
      const { id } = which === 'rsa' ? rsa : ec;
      const content = Buffer.from('{"packageId":"Nguyễn Văn An — Sở KH&CN"}');
      const p7s = await signCmsDetached(content, id);
      const plain = opensslCmsVerify(content, p7s, pki.ca.certPath);
      expect(plain.ok, plain.output).toBe(true);
      const cades = opensslCmsVerify(content, p7s, pki.ca.certPath, ['-cades']);
      expect(cades.ok, cades.output).toBe(true);
      const other = opensslCmsVerify(Buffer.concat([content, Buffer.from(' ')]), p7s, pki.ca.certPath);
      expect(other.ok).toBe(false);

      const ours = await verifyCmsDetached(content, p7s, { trustedRoots: [pki.ca.certDer] });
      expect(ours.verdict).toBe('valid');
      expect(ours.signatures[0]!.signingTime).toMatch(/\+07:00$/);
      const changed = await verifyCmsDetached(Buffer.from('{}'), p7s, { trustedRoots: [pki.ca.certDer] });
      expect(changed.verdict).toBe('invalid');
      expect(changed.signatures[0]!.messages.join(' ')).toContain('nội dung đã bị thay đổi sau khi ký');
    });
  }

  it('a package folder: the manifest signature, every file and the PDF all check out', async () => {
    const r = await verifyPackageDir(pkg.dir, { trustedRoots: [pki.ca.certDer] });
    expect(r.verdict, JSON.stringify(r, null, 1)).toBe('valid');
    expect(r.files.map((f) => f.ok)).toEqual([true, true, true]);
    expect(r.signatures.map((s) => s.source)).toEqual(['manifest.p7s', 'bao-cao.pdf']);
    expect(opensslCmsVerify(pkg.manifest, pkg.p7s, pki.ca.certPath, ['-cades']).ok).toBe(true);
    // The CLI says the same, with exit code 0, and 1 when the root is not trusted.
    const ok = cli(['verify', pkg.dir, '--trust', pki.ca.certPath]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain('Gói văn bản có 2 chữ ký số, tất cả hợp lệ.');
    const untrusted = cli(['verify', pkg.dir]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out).toContain('chữ ký đúng, chứng thư chưa được tin cậy');
  }, 60_000);

  const tamperedCopy = (edit: (dir: string) => void) => {
    const dir = `${pkg.dir}-copy-${Math.random().toString(36).slice(2)}`;
    fs.cpSync(pkg.dir, dir, { recursive: true });
    edit(dir);
    return dir;
  };

  it('one byte changed in the manifest: the manifest signature fails', async () => {
    const dir = tamperedCopy((d) => {
      const f = path.join(d, 'manifest.json');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('"issueNo":1', '"issueNo":2'));
    });
    const r = await verifyPackageDir(dir, { trustedRoots: [pki.ca.certDer] });
    fs.rmSync(dir, { recursive: true });
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[0]!.intact).toBe(false);
    expect(r.signatures[0]!.messages.join(' ')).toContain(
      'Nội dung manifest.json không khớp với chữ ký manifest.p7s',
    );
    expect(
      opensslCmsVerify(fs.readFileSync(path.join(pkg.dir, 'manifest.json')), pkg.p7s, pki.ca.certPath).ok,
    ).toBe(true);
  });

  it('one byte changed in a listed file (.docx): that file is named, the rest stays checked', async () => {
    const dir = tamperedCopy((d) => {
      const f = path.join(d, 'bao-cao.docx');
      const b = fs.readFileSync(f);
      b[10] = b[10]! ^ 1;
      fs.writeFileSync(f, b);
    });
    const r = await verifyPackageDir(dir, { trustedRoots: [pki.ca.certDer] });
    fs.rmSync(dir, { recursive: true });
    expect(r.verdict).toBe('invalid');
    expect(r.summary).toContain('tệp bao-cao.docx');
    expect(r.files.find((f) => f.name === 'bao-cao.docx')!.message).toContain(
      'đã bị thay đổi sau khi ban hành',
    );
    expect(r.signatures.every((s) => s.intact)).toBe(true);
  }, 60_000);

  it('a file added to the folder that the manifest does not list is reported', async () => {
    const dir = tamperedCopy((d) => fs.writeFileSync(path.join(d, 'them.txt'), 'x'));
    const r = await verifyPackageDir(dir, { trustedRoots: [pki.ca.certDer] });
    fs.rmSync(dir, { recursive: true });
    expect(r.verdict).toBe('invalid');
    expect(r.problems).toContain('Tệp them.txt có trong gói nhưng không có trong tệp kê khai.');
  });

  it('the same package as a .zip (inside a folder) verifies the same way', async () => {
    const zip = new JSZip();
    for (const f of fs.readdirSync(pkg.dir)) zip.file(`goi/${f}`, fs.readFileSync(path.join(pkg.dir, f)));
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const r = await verifyPackageZip(bytes, { trustedRoots: [pki.ca.certDer] });
    expect(r.verdict).toBe('valid');
  });

  it('CLI: unreadable input exits 2 with a Vietnamese sentence, never a stack trace', () => {
    const random = path.join(pkg.dir, '..', `random-${process.pid}.bin`);
    fs.writeFileSync(random, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)));
    const r = cli(['verify', random]);
    fs.rmSync(random);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Không nhận ra tệp');
    expect(r.out).not.toMatch(/\n\s+at |Error:/);
    const badRoot = cli(['verify', pkg.dir, '--trust', path.join(pkg.dir, 'bao-cao.docx')]);
    expect(badRoot.code).toBe(2);
    expect(badRoot.out).toContain('không phải chứng thư số');
  }, 60_000);
});
