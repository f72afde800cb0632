import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Enrolment } from '../../../electron/services/outbox/intakeClient.ts';
import { canonicalJson } from '../../../shared/domain/packages/manifest.ts';
import { admin, snapshotStore, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import { cmsSignDetached, createTestPki, type TestIdentity } from '../../support/testPki.ts';
import { makePackage, packageForm, type TestPackage } from '../../support/testPackages.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/**
 * Every way an upload is refused: the status, the error code, a Vietnamese message saying why, and
 * the store exactly as it was (every row of every table, every file).
 */

let intake: TestIntake;
let sct: Enrolment;
let sxd: Enrolment;
let sctCert: TestIdentity;
let sxdCert: TestIdentity;

beforeAll(async () => {
  intake = await startTestIntake({
    limits: { maxFileBytes: 200_000, maxTotalBytes: 300_000 },
    rateLimits: { upload: { max: 1000, timeWindow: 60_000 } },
  });
  sctCert = intake.pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
  sxdCert = intake.pki.issue('sxd', 'Sở Xây dựng tỉnh Bắc Ninh');
  sct = (await intake.enrolOrg('SCT', 'Sở Công Thương', 'so_ban_nganh')).enrolment;
  sxd = (await intake.enrolOrg('SXD', 'Sở Xây dựng', 'so_ban_nganh')).enrolment;
  // Each organisation's certificate is pinned by a first, accepted upload.
  for (const [who, cert, code] of [
    [sct, sctCert, 'SCT'],
    [sxd, sxdCert, 'SXD'],
  ] as const) {
    const first = await upload(
      who.token,
      await makePackage({ signer: cert, org: { code, abbreviation: code } }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
  }
}, 120_000);
afterAll(() => intake?.close());

async function upload(token: string | null, pkg: TestPackage, form = packageForm(pkg)) {
  const res = await fetch(`${intake.url}/api/v1/packages`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: never; error?: { code: string; message: string } },
  };
}

/** The upload is refused with this status and code, says `why`, and nothing in the store changed. */
async function expectRefused(
  attempt: () => Promise<{ status: number; body: { error?: { code: string; message: string } } }>,
  status: number,
  code: string,
  why: RegExp,
) {
  const before = snapshotStore(intake.dataDir);
  const r = await attempt();
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error?.code).toBe(code);
  expect(r.body.error?.message).toMatch(why);
  expect(snapshotStore(intake.dataDir)).toEqual(before);
}

describe('exactly once', () => {
  it('the same package twice: the same receipt, one row, one set of files', async () => {
    const pkg = await makePackage({ signer: sctCert, period: { kind: 'annual', year: 2026 } });
    const first = await upload(sct.token, pkg);
    const filesAfterFirst = snapshotStore(intake.dataDir);
    const second = await upload(sct.token, pkg);
    expect(second.status).toBe(200);
    expect((second.body.value as unknown as { duplicate: boolean }).duplicate).toBe(true);
    const a = first.body.value as unknown as { receipt: string; receiptId: string };
    const b = second.body.value as unknown as { receipt: string; receiptId: string };
    expect(b.receipt).toBe(a.receipt);
    expect(b.receiptId).toBe(a.receiptId);
    expect(snapshotStore(intake.dataDir)).toEqual(filesAfterFirst);
  });

  it('the same package sent five times at once: one row, one receipt for all', async () => {
    const pkg = await makePackage({ signer: sctCert, period: { kind: 'semiannual', year: 2025 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => upload(sct.token, pkg)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const receipts = new Set(results.map((r) => (r.body.value as unknown as { receipt: string }).receipt));
    expect(receipts.size).toBe(1);
    const rows = snapshotStore(intake.dataDir).rows.packages as { package_id: string }[];
    expect(rows.filter((r) => r.package_id === pkg.manifest.packageId)).toHaveLength(1);
    expect(
      results.filter((r) => !(r.body.value as unknown as { duplicate: boolean }).duplicate),
    ).toHaveLength(1);
  });

  it('the same id with other content: 409 with a reason', async () => {
    const pkg = await makePackage({ signer: sctCert, period: { kind: 'semiannual', year: 2027 } });
    expect((await upload(sct.token, pkg)).status).toBe(200);
    const other = await makePackage({
      signer: sctCert,
      packageId: pkg.manifest.packageId,
      period: { kind: 'semiannual', year: 2027 },
      content: { changed: true },
    });
    await expectRefused(
      () => upload(sct.token, other),
      409,
      'CONFLICT',
      /đã được dùng cho một gói có nội dung khác/,
    );
  });

  it('a corrected report names the one it replaces; both stay stored and listed', async () => {
    const original = await makePackage({ signer: sctCert, period: { kind: 'annual', year: 2027 } });
    expect((await upload(sct.token, original)).status).toBe(200);
    const corrected = await makePackage({
      signer: sctCert,
      period: { kind: 'annual', year: 2027 },
      replaces: { packageId: original.manifest.packageId, reason: 'Sửa số liệu chỉ tiêu CT01' },
    });
    expect((await upload(sct.token, corrected)).status).toBe(200);
    const res = await fetch(`${intake.url}/api/v1/packages`, {
      headers: { authorization: `Bearer ${sct.token}` },
    });
    const list = (
      (await res.json()) as {
        value: { packages: { packageId: string; replacedBy: string[]; replaces: unknown }[] };
      }
    ).value.packages;
    const o = list.find((p) => p.packageId === original.manifest.packageId)!;
    const c = list.find((p) => p.packageId === corrected.manifest.packageId)!;
    expect(o.replacedBy).toEqual([corrected.manifest.packageId]);
    expect(c.replaces).toEqual({
      packageId: original.manifest.packageId,
      reason: 'Sửa số liệu chỉ tiêu CT01',
    });
  });

  it('a correction of a package that does not exist is refused', async () => {
    const pkg = await makePackage({ signer: sctCert, replaces: { packageId: randomUUID(), reason: 'Sửa' } });
    await expectRefused(() => upload(sct.token, pkg), 422, 'NOT_APPLICABLE', /Gói được thay thế .* không có/);
  });
});

describe('who may send', () => {
  it('no token, a wrong token, a revoked token: 401', async () => {
    const pkg = await makePackage({ signer: sctCert });
    await expectRefused(() => upload(null, pkg), 401, 'UNAUTHENTICATED', /mã thiết bị/);
    await expectRefused(
      () => upload(`bcd_${'x'.repeat(43)}`, pkg),
      401,
      'UNAUTHENTICATED',
      /không hợp lệ hoặc đã bị thu hồi/,
    );
    const extra = await intake.enrolOrg('SNV', 'Sở Nội vụ', 'so_ban_nganh');
    await admin(intake.dataDir, 'revoke-device', ['--device', extra.enrolment.deviceId]);
    const snv = await makePackage({ signer: sctCert, org: { code: 'SNV', abbreviation: 'SNV' } });
    await expectRefused(() => upload(extra.enrolment.token, snv), 401, 'UNAUTHENTICATED', /đã bị thu hồi/);
  });

  it("a package for another department's code: 403", async () => {
    const pkg = await makePackage({
      signer: sxdCert,
      org: { code: 'SXD', name: 'Sở Xây dựng', abbreviation: 'SXD' },
    });
    await expectRefused(() => upload(sct.token, pkg), 403, 'FORBIDDEN', /không nhận gói của đơn vị khác/);
  });

  it('an unknown department: 422', async () => {
    const pkg = await makePackage({ signer: sctCert, org: { code: 'KHONGCO', abbreviation: 'KC' } });
    await expectRefused(() => upload(sct.token, pkg), 422, 'UNKNOWN_ORGANIZATION', /chưa được đăng ký/);
  });
});

describe('what is sent', () => {
  it('a period that does not apply to the agency type: 422', async () => {
    const monthly = await makePackage({ signer: sctCert, period: { kind: 'monthly', year: 2026, month: 3 } });
    await expectRefused(
      () => upload(sct.token, monthly),
      422,
      'NOT_APPLICABLE',
      /Báo cáo tháng không áp dụng cho Sở, ban, ngành/,
    );
    const wrongDates = await makePackage({
      signer: sctCert,
      editManifest: (m) => {
        m.document.period!.deadline = '2026-06-20';
      },
    });
    await expectRefused(() => upload(sct.token, wrongDates), 422, 'NOT_APPLICABLE', /không khớp kỳ/);
    const outside = await makePackage({ signer: sctCert, period: { kind: 'annual', year: 2031 } });
    await expectRefused(() => upload(sct.token, outside), 422, 'NOT_APPLICABLE', /ngoài thời gian thực hiện/);
  });

  it('a tampered file: 400', async () => {
    const pkg = await makePackage({ signer: sctCert });
    const doc = pkg.files[0]!;
    const tampered = {
      ...pkg,
      files: [{ ...doc, bytes: canonicalJson({ kind: 'report', figures: { CT01: 99 } }) }, pkg.files[1]!],
    };
    await expectRefused(
      () => upload(sct.token, tampered),
      400,
      'VALIDATION',
      /van-ban\.json.*(không khớp mã SHA-256|byte)/,
    );
  });

  it('a file left out, or one the manifest does not list: 400', async () => {
    const pkg = await makePackage({ signer: sctCert });
    await expectRefused(
      () => upload(sct.token, { ...pkg, files: [pkg.files[0]!] }),
      400,
      'VALIDATION',
      /Thiếu tệp "Báo cáo\.pdf"/,
    );
    const extra = { ...pkg, files: [...pkg.files, { name: 'thêm.txt', bytes: Buffer.from('xin chào') }] };
    await expectRefused(
      () => upload(sct.token, extra),
      400,
      'VALIDATION',
      /"thêm\.txt" không có trong tệp kê khai/,
    );
  });

  it('a manifest changed after it was signed: 422, and a manifest not in canonical form: 400', async () => {
    const pkg = await makePackage({ signer: sctCert });
    const edited = { ...pkg.manifest, document: { ...pkg.manifest.document, title: 'Báo cáo đã bị sửa' } };
    const changed = { ...pkg, manifestBytes: canonicalJson(edited) };
    await expectRefused(
      () => upload(sct.token, changed),
      422,
      'SIGNATURE_INVALID',
      /tệp kê khai đã bị sửa sau khi ký/,
    );
    const pretty = Buffer.from(JSON.stringify(pkg.manifest, null, 2));
    const loose = { ...pkg, manifestBytes: pretty, signature: cmsSignDetached(pretty, sctCert) };
    await expectRefused(() => upload(sct.token, loose), 400, 'VALIDATION', /RFC 8785/);
    const broken = { ...pkg, manifestBytes: Buffer.from('{"format":') };
    await expectRefused(() => upload(sct.token, broken), 400, 'VALIDATION', /không phải JSON/);
  });

  it('a PDF whose signature no longer matches, or one signed by an untrusted CA: 422', async () => {
    const good = await makePackage({ signer: sctCert });
    const pdf = Buffer.from(good.files[1]!.bytes);
    // One digit of the modification date, inside the signed range, changed after signing.
    const at = pdf.indexOf('/ModDate (D:') + 12;
    expect(at).toBeGreaterThan(12);
    pdf[at] = pdf[at] === 0x31 ? 0x32 : 0x31;
    const tampered = await makePackage({
      signer: sctCert,
      extraFiles: [],
      editManifest: (m) => {
        m.files[1]!.sha256 = createHash('sha256').update(pdf).digest('hex');
      },
    });
    tampered.files[1] = { name: tampered.files[1]!.name, bytes: pdf };
    await expectRefused(
      () => upload(sct.token, tampered),
      422,
      'SIGNATURE_INVALID',
      /Chữ ký số thứ 1 trong tệp PDF không hợp lệ/,
    );

    const stranger = createTestPki(undefined, 'CA Lạ').issue('la', 'Người ký lạ');
    const untrusted = await makePackage({ signer: stranger });
    await expectRefused(
      () => upload(sct.token, untrusted),
      422,
      'SIGNATURE_INVALID',
      /không do tổ chức được máy chủ tin cậy cấp/,
    );
  });

  it('a file whose bytes are not its type: 400', async () => {
    const pkg = await makePackage({
      signer: sctCert,
      extraFiles: [{ name: 'ảnh.png', bytes: Buffer.from('%PDF-1.7 không phải ảnh'), mime: 'image/png' }],
    });
    await expectRefused(() => upload(sct.token, pkg), 400, 'VALIDATION', /ảnh\.png.*không phải ảnh PNG/);
  });

  it('path-like file names, in the manifest or in the form: 400', async () => {
    const inManifest = await makePackage({
      signer: sctCert,
      extraFiles: [{ name: '../../etc/passwd', bytes: Buffer.from('x'), mime: 'text/plain' }],
    });
    await expectRefused(() => upload(sct.token, inManifest), 400, 'VALIDATION', /đường dẫn/);
    const pkg = await makePackage({ signer: sctCert });
    const form = packageForm(pkg);
    form.append('files', new Blob([Buffer.from('x')]), '..\\..\\windows\\evil.txt');
    await expectRefused(() => upload(sct.token, pkg, form), 400, 'VALIDATION', /đường dẫn/);
  });

  it('a file over the per-file limit, or a package over the total: 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(250_000, 0x20)]);
    const pkg = await makePackage({
      signer: sctCert,
      extraFiles: [{ name: 'lớn.pdf', bytes: big, mime: 'application/pdf' }],
    });
    await expectRefused(
      () => upload(sct.token, pkg),
      413,
      'PAYLOAD_TOO_LARGE',
      /"lớn\.pdf" lớn hơn giới hạn/,
    );
    const parts = [1, 2].map((i) => ({
      name: `phần-${i}.pdf`,
      bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(160_000, 0x20)]),
      mime: 'application/pdf',
    }));
    const total = await makePackage({ signer: sctCert, extraFiles: parts });
    await expectRefused(() => upload(sct.token, total), 413, 'PAYLOAD_TOO_LARGE', /cho cả gói/);
  });

  it('a form cut short: 400, nothing stored, no temporary file left', async () => {
    const pkg = await makePackage({ signer: sctCert });
    const form = new Response(packageForm(pkg));
    const type = form.headers.get('content-type')!;
    const full = Buffer.from(await form.arrayBuffer());
    const cut = full.subarray(0, full.length - 200);
    await expectRefused(
      () =>
        new Promise((resolve, reject) => {
          const u = new URL(`${intake.url}/api/v1/packages`);
          const req = http.request(
            {
              host: u.hostname,
              port: u.port,
              path: u.pathname,
              method: 'POST',
              headers: {
                'content-type': type,
                'content-length': cut.length,
                authorization: `Bearer ${sct.token}`,
              },
            },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
            },
          );
          req.on('error', reject);
          req.end(cut);
        }),
      400,
      'VALIDATION',
      /bị cắt cụt/,
    );
  });

  it('a connection dropped mid-upload leaves nothing behind', async () => {
    const pkg = await makePackage({ signer: sctCert });
    const form = new Response(packageForm(pkg));
    const full = Buffer.from(await form.arrayBuffer());
    const before = snapshotStore(intake.dataDir);
    await new Promise<void>((resolve) => {
      const u = new URL(`${intake.url}/api/v1/packages`);
      const req = http.request({
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          'content-type': form.headers.get('content-type')!,
          'content-length': full.length,
          authorization: `Bearer ${sct.token}`,
        },
      });
      req.on('error', () => resolve());
      req.write(full.subarray(0, Math.floor(full.length / 2)), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100),
      );
    });
    await expect.poll(() => snapshotStore(intake.dataDir), { timeout: 5000 }).toEqual(before);
  });
});

describe('the certificate pin', () => {
  it('a different certificate is refused until the administrator accepts it', async () => {
    const renewed = intake.pki.issue('sct-2', 'Sở Công Thương tỉnh Bắc Ninh');
    const pkg = await makePackage({
      signer: renewed,
      pdfSigner: sctCert,
      period: { kind: 'annual', year: 2025 },
    });
    await expectRefused(
      () => upload(sct.token, pkg),
      403,
      'CERTIFICATE_CHANGED',
      /chứng thư số khác.*accept-cert/,
    );
    const fingerprint = /SHA-256 ([0-9A-F:]+)/.exec((await upload(sct.token, pkg)).body.error!.message)![1]!;
    await admin(intake.dataDir, 'accept-cert', ['--org', 'SCT', '--sha256', fingerprint]);
    const r = await upload(sct.token, pkg);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The old certificate is now the stranger.
    const old = await makePackage({ signer: sctCert, period: { kind: 'annual', year: 2025 } });
    await expectRefused(() => upload(sct.token, old), 403, 'CERTIFICATE_CHANGED', /chứng thư số khác/);
  });
});
