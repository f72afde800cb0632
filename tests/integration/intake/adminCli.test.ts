import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { admin, snapshotStore } from '../../support/intakeServer.ts';
import { realCatalog } from '../../unit/helpers/drafts.ts';
import { createTestPki } from '../../support/testPki.ts';

// Real processes, openssl and fsync on a shared two-core machine: generous limits, never a speed test.
vi.setConfig({ testTimeout: 60_000 });

/**
 * The administrator's command line: the commands themselves in this process (runAdminCommand, the
 * same function main.ts calls), and the process with its exit codes through `npm run server`.
 */

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const newDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-admin-'));

function npmServer(args: string[], input = '') {
  const r = spawnSync('npm', ['run', '--silent', 'server', '--', ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function sheet(rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đơn vị');
  ws.addRow(['Mã', 'Tên', 'Loại']);
  for (const r of rows) ws.addRow(r);
  const file = path.join(newDir(), 'don-vi.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('administration CLI', () => {
  it('as a process: add-org prints a one-time code and exits 0; bad input exits 2 and changes nothing; the password comes from standard input', () => {
    const dataDir = newDir();
    const add = npmServer([
      'add-org',
      '--code',
      'SCT',
      '--name',
      'Sở Công Thương',
      '--type',
      'so_ban_nganh',
      '--data-dir',
      dataDir,
    ]);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toMatch(/Đã thêm đơn vị SCT — Sở Công Thương/);
    expect(add.out).toMatch(/Mã đăng ký \(dùng một lần, hết hạn .+\): [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const before = snapshotStore(dataDir);
    const bad = npmServer([
      'add-org',
      '--code',
      'SXD',
      '--name',
      'Sở Xây dựng',
      '--type',
      'khong_co',
      '--data-dir',
      dataDir,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--type phải là một trong: so_ban_nganh/);
    expect(snapshotStore(dataDir)).toEqual(before);
    const officer = npmServer(
      ['add-officer', '--username', 'ntlan', '--name', 'Nguyễn Thị Lan', '--data-dir', dataDir],
      'MatKhau-CanBo-2026\n',
    );
    expect(officer.code, officer.err).toBe(0);
    expect(officer.out).toMatch(/Đã thêm cán bộ ntlan — Nguyễn Thị Lan/);
    const rows = snapshotStore(dataDir).rows.officers as { password_hash: string }[];
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(rows)).not.toContain('MatKhau-CanBo-2026');
  }, 300_000);

  it('list-orgs, refusals of add-org, trust-root, add-officer, accept-cert', async () => {
    const dataDir = newDir();
    await admin(dataDir, 'add-org', ['--code', 'SCT', '--name', 'Sở Công Thương', '--type', 'so_ban_nganh']);
    expect((await admin(dataDir, 'list-orgs')).out).toEqual([
      'SCT\tSở Công Thương\tso_ban_nganh\t0 máy\t0 gói\tchưa ghim chứng thư',
    ]);
    const before = snapshotStore(dataDir);
    await expect(
      admin(dataDir, 'add-org', ['--code', 'SCT', '--name', 'Sở Công Thương', '--type', 'so_ban_nganh']),
    ).rejects.toThrow(/đã có; dùng enrol-code --org SCT/);
    await expect(
      admin(dataDir, 'add-org', ['--code', 's c t', '--name', 'X', '--type', 'so_ban_nganh']),
    ).rejects.toThrow(/không hợp lệ/);
    await expect(admin(dataDir, 'add-org', ['--code', 'SXD', '--type', 'so_ban_nganh'])).rejects.toThrow(
      /Thiếu --name/,
    );
    expect(snapshotStore(dataDir)).toEqual(before);
    expect((await admin(dataDir, 'enrol-code', ['--org', 'SCT'])).out[0]).toMatch(/Mã đăng ký mới cho SCT/);

    const pki = createTestPki();
    expect((await admin(dataDir, 'trust-root', [pki.caCertFile])).out[0]).toMatch(
      /Đã thêm chứng thư gốc tin cậy: CN=CA Thử Nghiệm BaoCao/,
    );
    expect((await admin(dataDir, 'trust-root', [pki.caCertFile])).out[0]).toMatch(/Đã có sẵn/);
    await expect(admin(dataDir, 'trust-root', [path.join(pki.dir, 'ca.ext')])).rejects.toThrow(
      /không phải chứng thư X\.509/,
    );
    expect((await admin(dataDir, 'list-roots')).out[0]).toMatch(/CA Thử Nghiệm BaoCao/);

    await expect(
      admin(dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan'], 'ngan'),
    ).rejects.toThrow(/ít nhất 8 ký tự/);

    const leaf = pki.issue('moi', 'Sở Công Thương');
    expect((await admin(dataDir, 'accept-cert', ['--org', 'SCT', leaf.certFile])).out[0]).toMatch(
      /Đã chấp nhận chứng thư/,
    );
    expect((await admin(dataDir, 'list-orgs')).out[0]).toMatch(/chờ chứng thư mới/);
    await expect(admin(dataDir, 'accept-cert', ['--org', 'SCT', '--sha256', 'xyz'])).rejects.toThrow(
      /DẤU-VÂN-TAY/,
    );
    await expect(admin(dataDir, 'revoke-device', ['--device', 'khong-co'])).rejects.toThrow(/Không có máy/);
  });

  it('import-orgs: every problem listed with row and column and nothing applied; a dry run changes nothing; then it applies', async () => {
    const dataDir = newDir();
    await admin(dataDir, 'add-org', ['--code', 'SCT', '--name', 'Sở Công thương', '--type', 'so_ban_nganh']);
    const empty = snapshotStore(dataDir);

    const bad = await sheet([
      ['SXD', 'Sở Xây dựng', 'so_ban_nganh'],
      ['SXD', 'Sở Xây dựng (trùng)', 'so_ban_nganh'],
      ['BBN', 'Báo Bắc Ninh', 'bao_chi'],
      ['ubnd tu son', 'UBND phường Từ Sơn', 'ubnd_xa_phuong'],
    ]);
    const refused = (await admin(dataDir, 'import-orgs', [bad]).catch((e) => e)) as Error & {
      output: { err: string[] };
    };
    expect(refused.message).toBe('Có 3 lỗi; chưa thay đổi gì. Sửa tệp rồi chạy lại');
    expect(refused.output.err).toEqual([
      'Dòng 3, cột Mã, giá trị "SXD": Mã bị trùng với dòng 2',
      // Every agency type of the plan, in the catalog's order.
      `Dòng 4, cột Loại, giá trị "bao_chi": Loại cơ quan phải là một trong: ${realCatalog()
        .agencyTypes.map((a) => a.code)
        .join(', ')}`,
      'Dòng 5, cột Mã, giá trị "UBND TU SON": Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, "-" và "_" (tối đa 32 ký tự)',
    ]);
    expect(snapshotStore(dataDir)).toEqual(empty);

    const good = await sheet([
      ['SCT', 'Sở Công Thương', 'so_ban_nganh'],
      ['SXD', 'Sở Xây dựng', 'so_ban_nganh'],
      ['BBN', 'Báo Bắc Ninh', 'co_quan_bao_chi'],
    ]);
    const dry = await admin(dataDir, 'import-orgs', [good, '--dry-run']);
    expect(dry.out).toContain('Dòng 2: cập nhật SCT — Sở Công Thương (so_ban_nganh)');
    expect(dry.out.at(-1)).toBe(
      'Chạy thử: 2 thêm, 1 cập nhật, 0 không đổi. Chưa thay đổi gì; bỏ --dry-run để áp dụng',
    );
    expect(snapshotStore(dataDir)).toEqual(empty);

    const applied = await admin(dataDir, 'import-orgs', [good]);
    expect(applied.out.filter((l) => /^Mã đăng ký (SXD|BBN): [A-Z0-9-]{14}$/.test(l))).toHaveLength(2);
    expect((await admin(dataDir, 'list-orgs')).out.map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual([
      'BBN Báo Bắc Ninh co_quan_bao_chi',
      'SCT Sở Công Thương so_ban_nganh',
      'SXD Sở Xây dựng so_ban_nganh',
    ]);

    const hostile = path.join(path.dirname(good), 'gia.xlsx');
    fs.writeFileSync(hostile, '%PDF-1.7 không phải bảng tính');
    await expect(admin(dataDir, 'import-orgs', [hostile])).rejects.toThrow(/không phải bảng tính Excel/);
  });
});
