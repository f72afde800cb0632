import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeClient } from '../../electron/services/outbox/intakeClient.ts';
import { admin, startTestIntake, type TestIntake } from '../support/intakeServer.ts';
import type { TestPackage } from '../support/testPackages.ts';
import { completeSetup, openFromMenu } from './support/department.ts';
import { LATE, NOT_SENT, ON_TIME, sendOnTimeAndLate } from './support/threeDepartments.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * Issue 12 in Chromium: Sở KH&CN's BaoCao signs in to the real intake server, sees one department
 * on time, one late and one not sent, opens the late one's package and returns it with a reason
 * (which the department's device then reads from the server), accepts the other, consolidates,
 * exports the table with its charts, and creates the consolidated report and exports it as PDF.
 */

const REASON = 'Thiếu số liệu chỉ tiêu CT05; đề nghị bổ sung và gửi lại';

let intake: TestIntake;
let serverNow: Date | null = new Date('2026-06-10T02:00:00Z');
let clients: Map<string, IntakeClient>;
let sent: Map<string, TestPackage>;

beforeAll(async () => {
  intake = await startTestIntake({ clock: () => serverNow ?? new Date() });
  ({ clients, sent } = await sendOnTimeAndLate(intake, (d) => (serverNow = d), 7));
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
}, 180_000);
afterAll(() => intake?.close());

async function download(page: Page, button: string) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync((await dl.path())!) };
}

const row = (page: Page, code: string) => page.locator(`[data-testid="submission-row"][data-code="${code}"]`);

describe('Sở KH&CN: tình hình gửi báo cáo, trả lại, tổng hợp', () => {
  const env = useAppAndBrowser();

  it('sees who sent, returns a report with a reason, consolidates and creates the consolidated report', async () => {
    const context = await env.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1400, height: 1000 },
    });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    await openFromMenu(page, 'Tiếp nhận, tổng hợp');
    await page.getByLabel('Địa chỉ máy chủ').fill(intake.url);
    await page.getByLabel('Tên đăng nhập').fill('ntlan');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.locator('.error-banner').textContent())
      .toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.getByLabel('Mật khẩu').fill('MatKhau-CanBo-2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('submissions').waitFor();
    await page.getByLabel('Kỳ báo cáo').selectOption('semiannual-2026');
    await row(page, NOT_SENT.code).waitFor();

    expect(await row(page, ON_TIME.code).textContent()).toContain('Đã gửi đúng hạn');
    expect(await row(page, LATE.code).textContent()).toContain('Gửi muộn 6 ngày');
    expect(await row(page, NOT_SENT.code).textContent()).toContain('Chưa gửi, quá hạn');
    expect(await page.getByTestId('submission-summary').textContent()).toMatch(
      /Đã gửi2Tỷ lệ gửi: 66,7%Đúng hạn1Tỷ lệ đúng hạn: 33,3%Gửi muộn1Chưa gửi1/,
    );
    // The rows in Vietnamese order: S, S, U.
    expect(
      await page
        .getByTestId('submission-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))),
    ).toEqual(['SCT', 'SNV', 'XA-TUSON'].filter((c) => c !== 'SKHCN'));
    await page.screenshot({ path: screenshotPath('sokhcn-tinh-hinh-gui'), fullPage: true });

    // Filter: only the late ones.
    await page.getByLabel('Tình trạng').selectOption('gui_muon');
    await expect.poll(() => page.getByTestId('submission-row').count()).toBe(1);
    await page.getByLabel('Tình trạng').selectOption('');
    await expect.poll(() => page.getByTestId('submission-row').count()).toBe(3);

    // The late list for a công văn đôn đốc.
    const late = await download(page, 'Xuất danh sách chậm gửi (.xlsx)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(late.bytes as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(names).toEqual(expect.arrayContaining([LATE.name, NOT_SENT.name]));
    expect(names).not.toContain(ON_TIME.name);

    // Open the late one's package: the PDF, its signature checked here, the figures; return it.
    await row(page, LATE.code).getByRole('button', { name: 'Mở gói' }).click();
    const detail = page.getByRole('dialog', { name: `Gói của ${LATE.name}` });
    await detail.getByTestId('signature-check').waitFor();
    expect(await detail.getByTestId('signature-check').textContent()).toContain(
      'Cơ quan thử nghiệm tỉnh Bắc Ninh',
    );
    await detail.getByTestId('package-figures').waitFor();
    await detail.locator('.pdf-page, canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('sokhcn-mo-goi'), fullPage: true });
    await detail.getByLabel('Lý do trả lại').fill(REASON);
    await detail.getByRole('button', { name: 'Trả lại' }).click();
    await expect
      .poll(() => detail.getByTestId('package-status').textContent())
      .toContain(`Trả lại — ${REASON}`);
    await expect.poll(() => row(page, LATE.code).textContent()).toContain('Sở trả lại');
    await detail.getByRole('button', { name: 'Đóng' }).click();

    // The department's BaoCao reads the decision and the reason from the server (device API).
    const seen = await clients.get(LATE.code)!.fetchStatus();
    if (!seen.ok) throw new Error(seen.failure.message);
    expect(seen.value.packages[0]).toMatchObject({ status: 'returned', statusReason: REASON });

    // Accept the one on time.
    await row(page, ON_TIME.code).getByRole('button', { name: 'Mở gói' }).click();
    const other = page.getByRole('dialog', { name: `Gói của ${ON_TIME.name}` });
    await other.getByRole('button', { name: 'Tiếp nhận' }).click();
    await expect.poll(() => row(page, ON_TIME.code).textContent()).toContain('Đã tiếp nhận');
    await other.getByRole('button', { name: 'Đóng' }).click();

    // Tổng hợp toàn tỉnh: only the accepted report counts (the returned one is out).
    await page.getByRole('tab', { name: 'Tổng hợp toàn tỉnh' }).click();
    await page.getByLabel('Kỳ báo cáo').selectOption('semiannual-2026');
    await page.getByTestId('consolidation').waitFor();
    expect(await page.getByTestId('counted-note').textContent()).toContain(
      'Tính từ 1 báo cáo đã tiếp nhận và 0 báo cáo đã nhận',
    );
    const ct02 = sent.get(ON_TIME.code)!;
    const doc = JSON.parse(
      Buffer.from(ct02.files.find((f) => f.name === 'van-ban.json')!.bytes).toString(),
    ) as {
      content: { indicators: { code: string; values: { numerator: number; denominator: number }[] }[] };
    };
    const v = doc.content.indicators.find((i) => i.code === 'CT02')!.values[0]!;
    const ct02Row = page.locator('[data-testid="indicator-row"][data-code="CT02"]');
    expect(await ct02Row.textContent()).toContain(`(${v.numerator}/${v.denominator})`);
    await page.getByTestId('chart-achievement').locator('.recharts-wrapper > svg.recharts-surface').waitFor();
    await page.getByTestId('chart-departments').locator('.recharts-wrapper > svg.recharts-surface').waitFor();
    await page.screenshot({ path: screenshotPath('sokhcn-tong-hop'), fullPage: true });

    const table = await download(page, 'Xuất bảng tổng hợp (.xlsx)');
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(table.bytes as unknown as ArrayBuffer);
    expect(twb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Biểu đồ']);
    expect(twb.getWorksheet('Biểu đồ')!.getImages().length).toBe(2);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-sokhcn-'));
    fs.writeFileSync(path.join(tmp, 'tong-hop.xlsx'), table.bytes);
    // LibreOffice opens it: the file is a real workbook, pictures and all.
    execFileSync(
      'soffice',
      ['--headless', '--convert-to', 'pdf', '--outdir', tmp, path.join(tmp, 'tong-hop.xlsx')],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    expect(fs.statSync(path.join(tmp, 'tong-hop.pdf')).size).toBeGreaterThan(10_000);

    // Báo cáo tổng hợp: Sở's own report of the period, pre-filled, through the normal chain.
    await page.getByRole('button', { name: 'Lập báo cáo tổng hợp' }).click();
    await page.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();
    expect(await page.getByLabel('Chỉ tiêu 2 – Tử số').inputValue()).toBe(String(v.numerator));
    expect(await page.getByLabel('Chỉ tiêu 2 – Mẫu số').inputValue()).toBe(String(v.denominator));
    expect(await page.getByLabel('I. Kết quả thực hiện – Kết quả chung').inputValue()).toContain(
      'Số đơn vị phải gửi: 3',
    );
    await page.screenshot({ path: screenshotPath('sokhcn-bao-cao-tong-hop') });
    const pdf = await download(page, 'Xuất PDF');
    fs.writeFileSync(path.join(tmp, 'bao-cao.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', path.join(tmp, 'bao-cao.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('Ủy ban nhân dân tỉnh Bắc Ninh');
    expect(text).toContain('Bộ Khoa học và Công nghệ');
    expect(text).toContain('Số đơn vị phải gửi: 3');
    fs.rmSync(tmp, { recursive: true, force: true });

    // Kế hoạch của các đơn vị (none sent a plan here: an empty, honest list).
    await openFromMenu(page, 'Tiếp nhận, tổng hợp');
    await page.getByRole('tab', { name: 'Kế hoạch của các đơn vị' }).click();
    await page.getByTestId('plans').waitFor();
    await page.screenshot({ path: screenshotPath('sokhcn-ke-hoach'), fullPage: true });
    await context.close();
  });
});
