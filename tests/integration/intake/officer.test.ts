import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IntakeClient } from '../../../electron/services/outbox/intakeClient.ts';
import { admin, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import { makePackage, type TestPackage } from '../../support/testPackages.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/** The officer API that Sở KH&CN's screens (issue 12) are built on. */

let intake: TestIntake;
let sct: IntakeClient;
let report: TestPackage;
let plan: TestPackage;

const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const res = await fetch(`${intake.url}${path}`, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  // A file download is bytes, whatever its type; everything else is the JSON envelope.
  const isFile = path.includes('/files/') && res.ok;
  return {
    status: res.status,
    headers: res.headers,
    body: isFile ? Buffer.from(await res.arrayBuffer()) : await res.json(),
  };
};

async function login(password = 'MatKhau-CanBo-2026') {
  return api('/api/v1/officer/login', {
    method: 'POST',
    body: JSON.stringify({ username: 'ntlan', password }),
  });
}

beforeAll(async () => {
  intake = await startTestIntake();
  const cert = intake.pki.issue('sct', 'Sở Công Thương tỉnh Bắc Ninh');
  sct = (await intake.enrolOrg('SCT', 'Sở Công Thương', 'so_ban_nganh')).client;
  await intake.enrolOrg('UBND-TUSON', 'UBND phường Từ Sơn', 'ubnd_xa_phuong');
  await intake.enrolOrg('BBN', 'Báo Bắc Ninh', 'co_quan_bao_chi');
  report = await makePackage({ signer: cert });
  plan = await makePackage({ signer: cert, kind: 'plan' });
  for (const p of [report, plan]) {
    const r = await sct.uploadPackage({ manifest: p.manifestBytes, signature: p.signature, files: p.files });
    if (!r.ok) throw new Error(r.failure.message);
  }
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
}, 120_000);
afterAll(() => intake?.close());

describe('officer API', () => {
  it('refuses a wrong password and anyone without a session', async () => {
    const wrong = await login('sai-mat-khau');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Tên đăng nhập hoặc mật khẩu không đúng',
    });
    const anonymous = await api('/api/v1/officer/organizations');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('lists every organisation, in Vietnamese order, with its packages for a duty', async () => {
    const { body } = await login();
    const token = body.value.token as string;
    const all = await api('/api/v1/officer/organizations', { token });
    expect(all.status).toBe(200);
    expect(all.body.value.organizations.map((o: { name: string }) => o.name)).toEqual([
      'Báo Bắc Ninh',
      'Sở Công Thương',
      'UBND phường Từ Sơn',
    ]);
    const semiannual = await api('/api/v1/officer/organizations?periodKey=semiannual-2026', { token });
    const bySct = semiannual.body.value.organizations.find((o: { code: string }) => o.code === 'SCT');
    expect(bySct.packages.map((p: { packageId: string }) => p.packageId)).toEqual([
      report.manifest.packageId,
    ]);
    expect(bySct.certificate.subject).toContain('Sở Công Thương tỉnh Bắc Ninh');
    expect(bySct.devices).toBe(1);
    const press = await api('/api/v1/officer/organizations?agencyType=co_quan_bao_chi', { token });
    expect(press.body.value.organizations.map((o: { code: string }) => o.code)).toEqual(['BBN']);
    const bad = await api('/api/v1/officer/organizations?kind=thu', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Dữ liệu không hợp lệ/);
  });

  it('opens a package and fetches each of its files byte for byte', async () => {
    const token = (await login()).body.value.token as string;
    const detail = await api(`/api/v1/officer/packages/${report.manifest.packageId}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.value.manifest).toEqual(report.manifest);
    expect(detail.body.value.signer.subject).toContain('Sở Công Thương tỉnh Bắc Ninh');
    expect(detail.body.value.history.map((h: { decision: string }) => h.decision)).toEqual(['received']);
    for (const f of report.files) {
      const file = await api(
        `/api/v1/officer/packages/${report.manifest.packageId}/files/${encodeURIComponent(f.name)}`,
        { token },
      );
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body as Buffer, Buffer.from(f.bytes))).toBe(0);
      expect(file.headers.get('content-disposition')).toContain(encodeURIComponent(f.name));
    }
    const manifest = await api(`/api/v1/officer/packages/${report.manifest.packageId}/files/manifest.json`, {
      token,
    });
    expect(Buffer.compare(manifest.body as Buffer, Buffer.from(report.manifestBytes))).toBe(0);
    const missing = await api(`/api/v1/officer/packages/${report.manifest.packageId}/files/khong-co.pdf`, {
      token,
    });
    expect(missing.status).toBe(404);
  });

  it('returns a package with a reason the department then sees; accepting needs none', async () => {
    const token = (await login()).body.value.token as string;
    const noReason = await api(`/api/v1/officer/packages/${report.manifest.packageId}/decision`, {
      token,
      method: 'POST',
      body: JSON.stringify({ decision: 'returned', reason: '  ' }),
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/trả lại phải nêu lý do/);
    const returned = await api(`/api/v1/officer/packages/${report.manifest.packageId}/decision`, {
      token,
      method: 'POST',
      body: JSON.stringify({ decision: 'returned', reason: 'Thiếu số liệu chỉ tiêu CT05' }),
    });
    expect(returned.status).toBe(200);
    expect(returned.body.value).toMatchObject({
      status: 'returned',
      statusReason: 'Thiếu số liệu chỉ tiêu CT05',
    });
    const accepted = await api(`/api/v1/officer/packages/${plan.manifest.packageId}/decision`, {
      token,
      method: 'POST',
      body: JSON.stringify({ decision: 'accepted' }),
    });
    expect(accepted.body.value.status).toBe('accepted');

    const seen = await sct.fetchStatus();
    if (!seen.ok) throw new Error(seen.failure.message);
    const byId = new Map(seen.value.packages.map((p) => [p.packageId, p]));
    expect(byId.get(report.manifest.packageId)).toMatchObject({
      status: 'returned',
      statusReason: 'Thiếu số liệu chỉ tiêu CT05',
    });
    expect(byId.get(plan.manifest.packageId)?.status).toBe('accepted');
    const history = await api(`/api/v1/officer/packages/${report.manifest.packageId}`, { token });
    expect(
      history.body.value.history.map((h: { decision: string; officer: string | null }) => [
        h.decision,
        h.officer,
      ]),
    ).toEqual([
      ['received', null],
      ['returned', 'ntlan'],
    ]);
  });

  it('a logged-out session no longer works', async () => {
    const token = (await login()).body.value.token as string;
    expect((await api('/api/v1/officer/logout', { token, method: 'POST' })).status).toBe(200);
    expect((await api('/api/v1/officer/organizations', { token })).status).toBe(401);
  });
});
