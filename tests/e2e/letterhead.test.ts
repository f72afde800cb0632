import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSetup, openFromMenu } from './support/department.ts';
import { createReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const previewLines = (page: Page) =>
  page.locator('.letterhead-preview > div:not(.agency-rule)').allTextContents();

/** Thông tin cơ quan: a commune without a parent, and where a long name breaks in the letterhead. */
describe('the agency name in the letterhead', () => {
  const env = useAppAndBrowser();

  it('sets up a commune with no parent, previews its heading, and lets the administrator move a break', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByLabel('Cơ quan chủ quản').waitFor();
    // A commune has no cơ quan chủ quản: the wizard goes on without one.
    await page.getByLabel('Cơ quan chủ quản').fill('');
    await completeSetup(page, { name: 'UBND xã Phật Tích', type: 'ubnd_xa_phuong', abbr: 'UBND' });

    await openFromMenu(page, 'Thông tin cơ quan');
    await expect.poll(() => previewLines(page)).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ PHẬT TÍCH']);
    await page.screenshot({ path: screenshotPath('settings-agency-commune'), fullPage: true });

    // A long name: the program breaks it between phrases …
    await page.getByLabel('Tên cơ quan').fill('Sở Văn hóa, Thể thao và Du lịch');
    await page.getByLabel('Cơ quan chủ quản').fill('UBND tỉnh Bắc Ninh');
    await expect
      .poll(() => previewLines(page))
      .toEqual(['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH']);
    // … and the administrator may choose another break: after "HÓA," instead of before "VÀ".
    const breaks = page.getByRole('group', { name: 'Chọn chỗ xuống dòng' }).getByRole('button');
    await breaks.nth(2).click();
    await breaks.nth(4).click();
    await expect
      .poll(() => previewLines(page))
      .toEqual(['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA,', 'THỂ THAO VÀ DU LỊCH']);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();
    await page.screenshot({ path: screenshotPath('settings-agency-breaks'), fullPage: true });

    // Kept after a reload, and printed so in the documents.
    await page.reload();
    await openFromMenu(page, 'Thông tin cơ quan');
    await expect
      .poll(() => previewLines(page))
      .toEqual(['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA,', 'THỂ THAO VÀ DU LỊCH']);
    await page.getByRole('button', { name: 'Dùng cách xuống dòng tự động' }).click();
    await expect
      .poll(() => previewLines(page))
      .toEqual(['UBND TỈNH BẮC NINH', 'SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH']);
    await breaks.nth(2).click();
    await breaks.nth(4).click();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();

    await openFromMenu(page, 'Báo cáo');
    await createReport(page, '6 tháng đầu năm 2026');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Word' }).click(),
    ]);
    const xml = await (
      await JSZip.loadAsync((await import('node:fs')).readFileSync((await dl.path())!))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('>SỞ VĂN HÓA,<');
    expect(xml).toContain('>THỂ THAO VÀ DU LỊCH<');
    await context.close();
  });
});
