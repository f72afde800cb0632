import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, startTestIntake, type TestIntake } from '../support/intakeServer.ts';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * The công văn editor saves on its own like the plan and report editors: what the clerk types is
 * stored without any "Lưu" (a reload shows it), a second window's edit of the same công văn ends
 * in the field-by-field merge, and text that cannot be stored (an agency twice in Kính gửi) makes
 * leaving the page ask first.
 */

const BODY = 'Nội dung công văn (mỗi dòng một đoạn)';
const ADDRESSEES = 'Kính gửi (mỗi dòng một cơ quan, đơn vị)';
const NOT_SENT = { code: 'XA-TUSON', name: 'UBND phường Từ Sơn', type: 'ubnd_xa_phuong' };

let intake: TestIntake;

beforeAll(async () => {
  intake = await startTestIntake();
  await intake.enrolOrg(NOT_SENT.code, NOT_SENT.name, NOT_SENT.type);
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
}, 180_000);
afterAll(() => intake?.close());

/** Sở KH&CN drafts a công văn đôn đốc to the ward that has not sent its report, as in sokhcnDondoc. */
async function draftDondoc(page: Page) {
  await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
  await openFromMenu(page, 'Tiếp nhận, tổng hợp');
  await page.getByLabel('Địa chỉ máy chủ').fill(intake.url);
  await page.getByLabel('Tên đăng nhập').fill('ntlan');
  await page.getByLabel('Mật khẩu').fill('MatKhau-CanBo-2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('submissions').waitFor();
  await page.getByLabel('Kỳ báo cáo').selectOption('semiannual-2026');
  await page.locator(`[data-testid="submission-row"][data-code="${NOT_SENT.code}"]`).waitFor();
  await page.getByRole('button', { name: 'Soạn công văn đôn đốc' }).click();
  await expect.poll(() => page.getByLabel(ADDRESSEES).inputValue()).toBe(NOT_SENT.name);
}

describe('the công văn editor', () => {
  const env = useAppAndBrowser();

  it('autosaves, survives a reload, merges a second window’s edit field by field, and asks before leaving unstorable text', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await draftDondoc(page);
    const letterUrl = page.url();
    expect(letterUrl).toMatch(/#\/letters\//);
    // Saving is automatic, as in the other editors: there is no "Lưu" to forget.
    expect(await page.getByRole('button', { name: 'Lưu', exact: true }).count()).toBe(0);

    const body = page.getByLabel(BODY);
    const original = await body.inputValue();
    const typed = original.replace(
      'Trân trọng./.',
      'Đề nghị gửi báo cáo trước ngày 15 tháng 12 năm 2026.\nTrân trọng./.',
    );
    expect(typed).not.toBe(original);
    await body.fill(typed);
    await waitSaved(page);
    await page.screenshot({ path: screenshotPath('letter-autosaved'), fullPage: true });
    await page.reload();
    await expect.poll(() => page.getByLabel(BODY).inputValue()).toBe(typed);
    await waitSaved(page);

    // A second tab of the same công văn, opened now; then the first tab edits the body and Nơi nhận.
    const second = await context.newPage();
    await second.goto(letterUrl);
    await expect.poll(() => second.getByLabel(BODY).inputValue()).toBe(typed);
    await page.getByLabel(BODY).fill('Đề nghị UBND phường Từ Sơn gửi báo cáo ngay.');
    await page.getByLabel('Nơi nhận ngoài “Như trên” (mỗi dòng một nơi)').fill('Lãnh đạo Sở\nPhòng QLKH');
    await waitSaved(page);

    // The second tab, still on the older version, edits the body and the trích yếu.
    await second.getByLabel(BODY).fill('Đề nghị gửi báo cáo trước ngày 10/7/2026.');
    await second.getByLabel('Trích yếu (sau “V/v”)').fill('đôn đốc gửi báo cáo 6 tháng (lần 2)');
    const banner = second.getByTestId('conflict-banner');
    await banner.waitFor({ timeout: 10_000 });
    const rows = banner.getByTestId('conflict-field');
    // Only what this tab changed that the other saved differently, by the editor's Vietnamese labels.
    await expect
      .poll(() => rows.locator('td.conflict-label').allTextContents())
      .toEqual(['Trích yếu (V/v)', 'Nội dung công văn']);
    const bodyRow = rows.filter({ hasText: 'Nội dung công văn' });
    expect(await bodyRow.locator('td').nth(1).textContent()).toBe(
      'Đề nghị gửi báo cáo trước ngày 10/7/2026.',
    );
    expect(await bodyRow.locator('td').nth(2).textContent()).toBe(
      'Đề nghị UBND phường Từ Sơn gửi báo cáo ngay.',
    );
    expect(await second.getByTestId('save-status').textContent()).toBe('Chưa lưu: có bản mới hơn');
    await second.screenshot({ path: screenshotPath('letter-conflict'), fullPage: true });

    // Keep the saved body, keep this tab's trích yếu; Nơi nhận (untouched here) follows the saved one.
    await second.getByLabel('Nội dung công văn – Bản đã lưu').check();
    await banner.getByRole('button', { name: 'Lưu bản đã gộp' }).click();
    await waitSaved(second);
    expect(await banner.count()).toBe(0);
    await second.reload();
    await expect
      .poll(() => second.getByLabel(BODY).inputValue())
      .toBe('Đề nghị UBND phường Từ Sơn gửi báo cáo ngay.');
    expect(await second.getByLabel('Trích yếu (sau “V/v”)').inputValue()).toBe(
      'đôn đốc gửi báo cáo 6 tháng (lần 2)',
    );
    expect(await second.getByLabel('Nơi nhận ngoài “Như trên” (mỗi dòng một nơi)').inputValue()).toBe(
      'Lãnh đạo Sở\nPhòng QLKH',
    );

    // An agency twice in Kính gửi cannot be stored: the badge says so, and leaving asks first.
    await second.getByLabel(ADDRESSEES).fill(`${NOT_SENT.name}\n${NOT_SENT.name}`);
    await expect.poll(() => second.getByTestId('save-status').textContent()).toBe('Chưa lưu: có lỗi cần sửa');
    await second.screenshot({ path: screenshotPath('letter-invalid'), fullPage: true });
    const asked: string[] = [];
    second.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await openFromMenu(second, 'Công văn');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('chưa được lưu');
    expect(second.url()).toBe(letterUrl);
    expect(await second.getByLabel(ADDRESSEES).inputValue()).toBe(`${NOT_SENT.name}\n${NOT_SENT.name}`);
    await context.close();
  });
});
