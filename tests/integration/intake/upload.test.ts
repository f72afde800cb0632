import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyReceipt } from '../../../electron/services/outbox/intakeClient.ts';
import { readCertificate } from '../../../electron/services/receipts/certificates.ts';
import { intakeRoutes } from '../../../shared/intake/routes.ts';
import { snapshotStore, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import { makePackage, packageForm } from '../../support/testPackages.ts';
import type { TestIdentity } from '../../support/testPki.ts';
import type { IntakeClient, Enrolment } from '../../../electron/services/outbox/intakeClient.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

let intake: TestIntake;
let sct: { enrolment: Enrolment; client: IntakeClient };
let orgCert: TestIdentity;

beforeAll(async () => {
  intake = await startTestIntake();
  orgCert = intake.pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
  sct = await intake.enrolOrg('SCT', 'Sở Công Thương', 'so_ban_nganh');
}, 120_000);
afterAll(() => intake?.close());

describe('enrolment and a normal upload', () => {
  it('enrols with the one-time code, pins the server certificate, and refuses the code a second time', async () => {
    expect(sct.enrolment.organization).toEqual({
      code: 'SCT',
      name: 'Sở Công Thương',
      agencyType: 'so_ban_nganh',
    });
    expect(sct.enrolment.token).toMatch(/^bcd_/);
    expect(readCertificate(sct.enrolment.receiptCertificate).sha256).toBe(
      sct.enrolment.receiptCertificateSha256,
    );
    const served = await (await fetch(`${intake.url}${intakeRoutes.serverCertificate.path}`)).json();
    expect(served.value.sha256).toBe(sct.enrolment.receiptCertificateSha256);
  });

  it('stores a signed package and answers with a receipt that verifies against the pinned certificate', async () => {
    const pkg = await makePackage({ signer: orgCert });
    const r = await sct.client.uploadPackage({
      manifest: pkg.manifestBytes,
      signature: pkg.signature,
      files: pkg.files,
    });
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.value.duplicate).toBe(false);
    expect(r.value.receipt).toMatchObject({
      packageId: pkg.manifest.packageId,
      packageSha256: pkg.sha256,
      organization: { code: 'SCT', name: 'Sở Công Thương' },
      document: { kind: 'report', periodKey: 'semiannual-2026' },
    });
    const check = verifyReceipt(r.value.receiptJws, sct.enrolment.receiptCertificate);
    expect(check.ok).toBe(true);
    // One changed character of the receipt breaks it.
    const [h, p, s] = r.value.receiptJws.split('.');
    const forged = `${h}.${Buffer.from(Buffer.from(p!, 'base64url').toString().replace('SCT', 'SXD')).toString('base64url')}.${s}`;
    expect(verifyReceipt(forged, sct.enrolment.receiptCertificate).ok).toBe(false);

    const status = await sct.client.fetchStatus();
    if (!status.ok) throw new Error(status.failure.message);
    expect(status.value.packages.map((x) => [x.packageId, x.status])).toEqual([
      [pkg.manifest.packageId, 'received'],
    ]);
    const snap = snapshotStore(intake.dataDir);
    expect(snap.rows.packages).toHaveLength(1);
    expect(snap.rows.package_files).toHaveLength(2);
    expect(snap.files.filter((f) => f.startsWith('tmp/'))).toEqual([]);

    // The package is stored as one plain tar file that GNU tar reads: the manifest and its
    // signature byte for byte as signed, and each file under its SHA-256.
    const stored = snap.files.filter((f) => f.startsWith('packages/')).map((f) => f.split(' ')[0]!);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(
      new RegExp(`^packages/${pkg.manifest.packageId.slice(0, 2)}/${pkg.manifest.packageId}\\..+\\.tar$`),
    );
    const tarFile = path.join(intake.dataDir, stored[0]!);
    const tar = (...args: string[]) => execFileSync('tar', [...args, '-f', tarFile]);
    expect(tar('-t').toString().trim().split('\n')).toEqual([
      'manifest.json',
      'manifest.p7s',
      ...pkg.manifest.files.map((f) => f.sha256),
    ]);
    expect(tar('-xO', 'manifest.json').equals(Buffer.from(pkg.manifestBytes))).toBe(true);
    expect(tar('-xO', 'manifest.p7s').equals(Buffer.from(pkg.signature))).toBe(true);
    for (const f of pkg.manifest.files) {
      const sent = pkg.files.find((x) => x.name === f.name)!;
      expect(tar('-xO', f.sha256).equals(Buffer.from(sent.bytes))).toBe(true);
    }
  });

  it('the raw multipart form from fetch works the same way', async () => {
    const pkg = await makePackage({ signer: orgCert, period: { kind: 'annual', year: 2026 } });
    const res = await fetch(`${intake.url}/api/v1/packages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sct.enrolment.token}` },
      body: packageForm(pkg),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.value.packageSha256).toBe(pkg.sha256);
  });
});
