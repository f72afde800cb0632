import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readCertificate } from '../../../electron/services/receipts/certificates.ts';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import { createDefaultVerifier } from '../../../server/verify/defaultVerifier.ts';
import type { PackageVerifyResult } from '../../../server/verify/packageVerifier.ts';
import { has, nssDbWith, opensslCmsVerify, pdfsig } from '../../support/signing/outsideTools.ts';
import { makePackage, signedPdf, type TestPackage } from '../../support/testPackages.ts';
import { createTestPki, type TestIdentity, type TestPki } from '../../support/testPki.ts';

// openssl and pdfsig processes on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/**
 * The server's verifier (the desktop's verification module, in process) against two outside
 * judges on the same bytes: `openssl cms -verify` for the manifest's signature and poppler's
 * `pdfsig` with an NSS database trusting the same root for the PDF. Each case says what the
 * verifier answers and that the outside tools agree.
 */

const tools = has('openssl') && has('pdfsig') && has('certutil');

let pki: TestPki;
let org: TestIdentity;
let nss: { dir: string; remove(): void };
const verifier = createDefaultVerifier();

beforeAll(() => {
  if (!tools) return;
  pki = createTestPki();
  org = pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
  nss = nssDbWith(pki.caCertFile);
});
afterAll(() => nss?.remove());

const pdfOf = (pkg: TestPackage) => Buffer.from(pkg.files.find((f) => f.name.endsWith('.pdf'))!.bytes);

async function judge(manifestBytes: Uint8Array, signature: Uint8Array, pdf: Buffer) {
  const ours: PackageVerifyResult = await verifier.verifyPackage({
    manifestBytes,
    signature,
    pdf,
    trustedRoots: [readCertificate(pki.caCertPem).der],
    pinnedCert: null,
  });
  const cms = opensslCmsVerify(Buffer.from(manifestBytes), Buffer.from(signature), pki.caCertFile, [
    '-purpose',
    'any',
  ]);
  const poppler = pdfsig(pdf, nss.dir);
  const pdfOk =
    poppler.signatures.length > 0 &&
    poppler.signatures.every((s) => s.valid && s.trusted) &&
    poppler.signatures.at(-1)!.total;
  return { ours, opensslOk: cms.ok, pdfsigOk: pdfOk, poppler };
}

describe.skipIf(!tools)('the in-process verifier against openssl and pdfsig', () => {
  it('accepts a package both outside tools accept, and names its signer', async () => {
    const pkg = await makePackage({ signer: org });
    const r = await judge(pkg.manifestBytes, pkg.signature, pdfOf(pkg));
    expect(r.opensslOk).toBe(true);
    expect(r.pdfsigOk).toBe(true);
    expect(r.ours.problems).toEqual([]);
    expect(r.ours.ok).toBe(true);
    expect(readCertificate(r.ours.signerCertificate!).sha256).toBe(readCertificate(org.certPem).sha256);
  });

  it('refuses a manifest changed after signing, as openssl does', async () => {
    const pkg = await makePackage({ signer: org });
    const edited = canonicalJson({ ...pkg.manifest, document: { ...pkg.manifest.document, issueNo: 2 } });
    const r = await judge(edited, pkg.signature, pdfOf(pkg));
    expect(r.opensslOk).toBe(false);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems.join('\n')).toMatch(/tệp kê khai đã bị sửa sau khi ký/);
  });

  it('refuses a signature that is not CMS at all', async () => {
    const pkg = await makePackage({ signer: org });
    const r = await judge(pkg.manifestBytes, Buffer.from('không phải chữ ký'), pdfOf(pkg));
    expect(r.opensslOk).toBe(false);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.signerCertificate).toBeNull();
    expect(r.ours.problems.join('\n')).toMatch(/tệp kê khai không hợp lệ hoặc không đọc được/);
  });

  it('refuses a package whose signer a stranger CA issued, as both tools do', async () => {
    const stranger = createTestPki(undefined, 'CA Lạ').issue('la', 'Người ký lạ');
    const pkg = await makePackage({ signer: stranger });
    const r = await judge(pkg.manifestBytes, pkg.signature, pdfOf(pkg));
    expect(r.opensslOk).toBe(false);
    expect(r.pdfsigOk).toBe(false);
    expect(r.poppler.signatures[0]!.valid).toBe(true);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems.join('\n')).toMatch(/không do tổ chức được máy chủ tin cậy cấp.*CA Lạ/);
    expect(r.ours.problems.join('\n')).toMatch(/Chữ ký số thứ 1 trong tệp PDF không hợp lệ/);
  });

  it('refuses a certificate issued by a certificate that is not a CA, as openssl does', async () => {
    // Signed with the organisation's own key: the chain reaches the trusted root through a leaf.
    const dir = pki.dir;
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-utf8',
      '-subj',
      '/CN=Kẻ mạo danh/C=VN',
      '-keyout',
      'fake.key',
      '-out',
      'fake.csr',
    ]);
    run([
      'x509',
      '-req',
      '-in',
      'fake.csr',
      '-CA',
      'sct.pem',
      '-CAkey',
      'sct.key',
      '-set_serial',
      '7777',
      '-days',
      '30',
      '-sha256',
      '-extfile',
      'leaf.ext',
      '-out',
      'fake.pem',
    ]);
    const pkg = await makePackage({ signer: org });
    fs.writeFileSync(path.join(dir, 'manifest.json'), pkg.manifestBytes);
    // The CMS carries the organisation's certificate too, so the chain does reach the root.
    run([
      'cms',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-md',
      'sha256',
      '-cades',
      '-in',
      'manifest.json',
      '-signer',
      'fake.pem',
      '-inkey',
      'fake.key',
      '-certfile',
      'sct.pem',
      '-out',
      'fake.p7s',
    ]);
    const signature = fs.readFileSync(path.join(dir, 'fake.p7s'));
    const r = await judge(pkg.manifestBytes, signature, pdfOf(pkg));
    expect(r.opensslOk).toBe(false);
    expect(r.pdfsigOk).toBe(true);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems.join('\n')).toMatch(/không phải của một tổ chức cấp chứng thư \(CA\)/);
  });

  it('refuses a PDF changed inside the signed bytes, as pdfsig does', async () => {
    const pkg = await makePackage({ signer: org });
    const pdf = pdfOf(pkg);
    const at = pdf.indexOf('/ModDate (D:') + 12;
    pdf[at] = pdf[at] === 0x31 ? 0x32 : 0x31;
    const r = await judge(pkg.manifestBytes, pkg.signature, pdf);
    expect(r.opensslOk).toBe(true);
    expect(r.poppler.signatures[0]!.valid).toBe(false);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems.join('\n')).toMatch(/Chữ ký số thứ 1 trong tệp PDF không hợp lệ.*đã bị thay đổi/);
  });

  it('refuses a PDF with an update appended after its last signature, which pdfsig calls partial', async () => {
    const pkg = await makePackage({ signer: org });
    const signed = pdfOf(pkg);
    const startxref = /startxref\s+(\d+)/g;
    let last = 0;
    for (const m of signed.toString('latin1').matchAll(startxref)) last = Number(m[1]);
    const trailers = [...signed.toString('latin1').matchAll(/trailer\s*(<<[\s\S]*?>>)\s*startxref/g)];
    const trailer = trailers.at(-1)![1]!.replace(/\/Prev \d+/, '');
    const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
    const object = `${size} 0 obj\n(thêm sau khi ký)\nendobj\n`;
    const offset = signed.length + 1;
    const update = Buffer.from(
      `\n${object}xref\n${size} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n${trailer.replace(/\/Size \d+/, `/Size ${size + 1}`).replace(/>>$/, `/Prev ${last} >>`)}\nstartxref\n${offset + object.length}\n%%EOF\n`,
      'latin1',
    );
    const pdf = Buffer.concat([signed, update]);
    const r = await judge(pkg.manifestBytes, pkg.signature, pdf);
    expect(r.poppler.signatures[0]!.valid, r.poppler.raw).toBe(true);
    expect(r.poppler.signatures[0]!.total).toBe(false);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems).toContain('Tệp PDF đã bị thay đổi sau chữ ký số cuối cùng');
  });

  it('refuses a PDF without any signature', async () => {
    const pkg = await makePackage({ signer: org });
    const signed = await signedPdf(org);
    // The same document before it was signed: the bytes before the signature dictionary's update.
    const unsigned = signed.subarray(0, signed.indexOf('%%EOF') + 5);
    const r = await judge(pkg.manifestBytes, pkg.signature, Buffer.from(unsigned));
    expect(r.poppler.signatures).toHaveLength(0);
    expect(r.ours.ok).toBe(false);
    expect(r.ours.problems).toContain('Tệp PDF chưa có chữ ký số');
  });

  it('refuses everything when the server trusts no root yet', async () => {
    const pkg = await makePackage({ signer: org });
    const r = await verifier.verifyPackage({
      manifestBytes: pkg.manifestBytes,
      signature: pkg.signature,
      pdf: pdfOf(pkg),
      trustedRoots: [],
      pinnedCert: null,
    });
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/chưa có chứng thư gốc tin cậy/);
  });
});
