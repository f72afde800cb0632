import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../shared/domain/calendarDate.ts';
import { formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import { admin, startTestIntake, type TestIntake } from '../support/intakeServer.ts';
import { catalog } from './support/catalog.ts';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { addUser, browserOf, expectInboxItem, HEAD, VAN_THU } from './support/people.ts';
import { download } from './support/report.ts';
import { LATE, NOT_SENT, ON_TIME, sendOnTimeAndLate } from './support/threeDepartments.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * Issue 12, Đôn đốc, in Chromium: Sở KH&CN sees a department late and one not sent, clicks "Soạn
 * công văn đôn đốc", and the draft names them (and not the one on time); the clerk edits and sends
 * it for approval, the head approves it, the văn thư issues it as "01/SKHCN-VP" (a công văn: no
 * type code), and the PDF downloaded from the issue carries the number and the addressees.
 */

let intake: TestIntake;
let serverNow: Date | null = new Date('2026-06-10T02:00:00Z');

beforeAll(async () => {
  intake = await startTestIntake({ clock: () => serverNow ?? new Date() });
  await sendOnTimeAndLate(intake, (d) => (serverNow = d), 11);
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
}, 180_000);
afterAll(() => intake?.close());

describe('Sở KH&CN: công văn đôn đốc', () => {
  const env = useAppAndBrowser();

  it('drafts the công văn đôn đốc from the late list, and it is approved, issued and downloaded', async () => {
    const context = await env.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1400, height: 1000 },
    });
    const clerk = await context.newPage();
    await clerk.goto(env.app.url);
    await completeSetup(clerk, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
    await addUser(clerk, HEAD, ['Lãnh đạo'], { title: 'Phó Giám đốc', authority: 'KT. Giám đốc' });
    await addUser(clerk, VAN_THU, ['Văn thư']);

    await openFromMenu(clerk, 'Tiếp nhận, tổng hợp');
    await clerk.getByLabel('Địa chỉ máy chủ').fill(intake.url);
    await clerk.getByLabel('Tên đăng nhập').fill('ntlan');
    await clerk.getByLabel('Mật khẩu').fill('MatKhau-CanBo-2026');
    await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
    await clerk.getByTestId('submissions').waitFor();
    await clerk.getByLabel('Kỳ báo cáo').selectOption('semiannual-2026');
    const row = (code: string) => clerk.locator(`[data-testid="submission-row"][data-code="${code}"]`);
    await row(NOT_SENT.code).waitFor();
    expect(await row(LATE.code).textContent()).toContain('Gửi muộn 6 ngày');
    await clerk.screenshot({ path: screenshotPath('dondoc-tinh-hinh-gui'), fullPage: true });

    await clerk.getByRole('button', { name: 'Soạn công văn đôn đốc' }).click();
    await clerk.getByRole('heading', { name: 'Công văn', exact: true }).waitFor();
    const addressees = clerk.getByLabel('Kính gửi (mỗi dòng một cơ quan, đơn vị)');
    await expect.poll(() => addressees.inputValue()).toBe(`${LATE.name}\n${NOT_SENT.name}`);
    expect(await clerk.getByLabel('Trích yếu (sau “V/v”)').inputValue()).toBe(
      `đôn đốc gửi báo cáo 6 tháng đầu năm 2026 thực hiện Kế hoạch số ${catalog.number}`,
    );
    const body = clerk.getByLabel('Nội dung công văn (mỗi dòng một đoạn)');
    expect(await body.inputValue()).toContain('trước ngày 15 tháng 6 năm 2026');
    await clerk.getByLabel('Đơn vị soạn thảo (trong số, ký hiệu)').fill('VP');
    // The clerk sets a new deadline, as a công văn đôn đốc does, above the closing "Trân trọng./.".
    const prefilled = await body.inputValue();
    await body.fill(
      prefilled.replace(
        'Trân trọng./.',
        'Đề nghị gửi báo cáo trước ngày 15 tháng 12 năm 2026.\nTrân trọng./.',
      ),
    );
    // Saved on its own, as the plan and report editors save (no "Lưu" to press).
    await waitSaved(clerk);
    await clerk.screenshot({ path: screenshotPath('dondoc-soan-thao'), fullPage: true });
    await clerk.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect.poll(() => clerk.getByTestId('letter-status').textContent()).toBe('Chờ duyệt');

    const head = await browserOf(env.browser, env.app.url, HEAD);
    await (await expectInboxItem(head, 'V/v đôn đốc gửi báo cáo')).getByRole('link').click();
    await head.getByRole('heading', { name: 'Xem xét văn bản' }).waitFor();
    await head.getByRole('button', { name: 'Duyệt và ký' }).click();
    await head.getByTestId('workflow-panel').waitFor();
    await expect.poll(() => head.getByTestId('letter-status').textContent()).toBe('Đã duyệt');

    const vanThu = await browserOf(env.browser, env.app.url, VAN_THU);
    await (await expectInboxItem(vanThu, 'Chờ cấp số, ban hành')).getByRole('link').click();
    await expect.poll(() => vanThu.getByTestId('proposed-number').textContent()).toBe('Số: 01/SKHCN-VP');
    expect(await vanThu.getByLabel('Nơi nhận (mỗi dòng một nơi)').inputValue()).toBe('Như trên\nLãnh đạo Sở');
    await vanThu.screenshot({ path: screenshotPath('dondoc-cap-so'), fullPage: true });
    await vanThu.getByRole('button', { name: 'Ban hành' }).click();
    const today = formatPaddedDate(vietnamToday(new Date()));
    await vanThu.getByText(`Đã ban hành: Số 01/SKHCN-VP ngày ${today}`).waitFor();
    const pdf = await download(vanThu, 'Tải PDF');
    expect(pdf.name).toMatch(/^CV-01-\d{4}-SKHCN\.pdf$/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-dondoc-e2e-'));
    try {
      const file = path.join(dir, pdf.name);
      fs.writeFileSync(file, pdf.bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Số: 01/SKHCN-VP');
      expect(text).toContain('V/v đôn đốc gửi báo cáo 6 tháng');
      expect(text).toContain('Kính gửi:');
      expect(text).toContain(`- ${LATE.name};`);
      expect(text).toContain(`- ${NOT_SENT.name}.`);
      expect(text).not.toContain(ON_TIME.name);
      // The first page as a picture, for a person to look at.
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'trang')]);
      const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
      fs.copyFileSync(path.join(dir, png), screenshotPath('dondoc-pdf-trang-1'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    // The register lists it among the documents; "Công văn" lists it with its number.
    await openFromMenu(vanThu, 'Sổ văn bản đi');
    const entry = vanThu.getByTestId('register-entry').filter({ hasText: '01/SKHCN-VP' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('V/v đôn đốc gửi báo cáo');
    await openFromMenu(clerk, 'Công văn');
    const listed = clerk.getByTestId('letter-row');
    await listed.first().waitFor();
    expect(await listed.first().textContent()).toContain('01/SKHCN-VP');
    await clerk.screenshot({ path: screenshotPath('dondoc-danh-sach'), fullPage: true });
  });
});
