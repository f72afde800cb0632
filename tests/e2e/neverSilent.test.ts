import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * One test web host with its hooks (electron/services/startup/testHooks.ts): every progress step of
 * long work waits STEP_MS, so exports are slow enough to watch and cancel; a page that throws; and
 * "Xuất Word" given a limit shorter than its three slow steps.
 */
const STEP_MS = 1_500;
const WORD_LIMIT_MS = 2_000;

describe('never silent: a failing page, slow work with "Hủy", a call past its limit', () => {
  const env = useAppAndBrowser({
    testHooks: {
      stepDelayMs: STEP_MS,
      throwingPage: true,
      timeLimits: { 'documents.renderDocx': WORD_LIMIT_MS },
    },
  });
  let page: Page;

  it('a page that throws shows the boundary message with the menu intact, and is logged', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    await page.evaluate(() => (window.location.hash = '/thu-loi'));
    const boundary = page.getByRole('alert').filter({ hasText: 'Đã xảy ra lỗi khi hiển thị trang này' });
    await boundary.waitFor();
    await expect.poll(() => boundary.getByRole('button', { name: 'Tải lại' }).isVisible()).toBe(true);
    // The menu is still there and still works.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Báo cáo', exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('never-silent-page-error') });
    // "Tải lại" renders the page again (here it throws again: the boundary stays).
    await boundary.getByRole('button', { name: 'Tải lại' }).click();
    await boundary.waitFor();
    await openFromMenu(page, 'Báo cáo');
    await page.getByTestId('proposal').first().waitFor();
    expect(await boundary.count()).toBe(0);

    // The error reached the main process's log through the contract (logs.report).
    const logs = path.join(env.app.dataDir, 'logs');
    await expect
      .poll(() =>
        fs
          .readdirSync(logs)
          .map((f) => fs.readFileSync(path.join(logs, f), 'utf8'))
          .join(''),
      )
      .toMatch(/"area":"renderer".*"page":"thu-loi".*Trang thử nghiệm cố ý gây lỗi.*page failed to render/);
  });

  it('a slow PDF export shows its progress, "Hủy" stops it, and the next one finishes', async () => {
    await page.getByTestId('proposal').first().getByRole('button', { name: 'Tạo báo cáo' }).click();
    const field = page.getByLabel('III. Phương hướng, nhiệm vụ kỳ tới');
    await field.fill('Tiếp tục chuyển đổi số trong hoạt động của Sở.');
    await waitSaved(page);

    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Xuất PDF' }).click();
    const progress = page.getByTestId('call-progress');
    await progress.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => progress.textContent(), { timeout: 10_000 })
      .toMatch(/Đang chuẩn bị nội dung văn bản \(bước 1\/3\)/);
    expect(await progress.locator('progress').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('never-silent-progress') });
    await progress.getByRole('button', { name: 'Hủy' }).click();
    await page.getByRole('alert').filter({ hasText: 'Đã hủy theo yêu cầu. Chưa có gì thay đổi.' }).waitFor();
    await expect.poll(() => progress.count()).toBe(0);
    // Nothing arrives later from the cancelled export.
    await page.waitForTimeout(STEP_MS * 2);
    expect(downloads).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Xuất PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('a call that outlives its limit is reported in Vietnamese, not left hanging', async () => {
    await page.getByRole('button', { name: 'Xuất Word' }).click();
    const message = page.getByRole('alert').filter({ hasText: /chạy quá 2 giây nên BaoCao đã dừng nó/ });
    await message.waitFor({ timeout: 10_000 });
    expect(await message.textContent()).toMatch(/chưa có gì thay đổi/);
    await expect.poll(() => page.getByTestId('call-progress').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Xuất Word' }).isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('never-silent-timeout') });
  });
});
