import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLERK, completeSetup, logIn, openFromMenu } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

describe('Sao lưu, Khôi phục and Xuất nhật ký lỗi under Thông tin cơ quan', () => {
  const env = useAppAndBrowser();

  it('backs up, restores what was there after a change, and exports a redacted log', async () => {
    const context = await env.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
    await openFromMenu(page, 'Thông tin cơ quan');

    await page.getByRole('heading', { name: 'Sao lưu và khôi phục' }).waitFor();
    await page.getByText('Chưa có bản sao lưu nào trong thư mục này.').waitFor();
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByText(/^Đã sao lưu vào tệp baocao-.*-thu-cong\.tar\.gz\.$/).waitFor();
    const row = page.locator('table.backups-table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}Sao lưu thủ công/);

    // A change made after the backup…
    await page.getByLabel('Tên cơ quan').fill('Tên đổi nhầm');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();
    expect(await page.locator('.org-name').textContent()).toBe('Tên đổi nhầm');

    // …is undone by restoring: first what the archive holds, then a second confirmation.
    await row.first().getByRole('button', { name: 'Khôi phục…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Xác nhận khôi phục' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Sở Khoa học và Công nghệ, 0 văn bản, 0 tệp đính kèm');
    await page.screenshot({ path: screenshotPath('settings-backup-confirm'), fullPage: true });
    await confirm.getByRole('button', { name: 'Khôi phục', exact: true }).click();
    await page.getByText(/^Đã khôi phục dữ liệu từ bản sao lưu ngày/).waitFor();
    await page.screenshot({ path: screenshotPath('settings-backup-restored'), fullPage: true });
    await page.getByRole('button', { name: 'Đăng nhập lại' }).click();
    await logIn(page);
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    expect(await page.locator('.org-name').textContent()).toBe('Sở Khoa học và Công nghệ');

    // The backup taken just before the restore is listed too.
    await openFromMenu(page, 'Thông tin cơ quan');
    await page.getByText('Trước khi khôi phục').waitFor();
    await expect.poll(() => row.count()).toBe(2);

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất nhật ký lỗi' }).click(),
    ]);
    expect(dl.suggestedFilename()).toMatch(/^baocao-nhat-ky-\d{4}-\d{2}-\d{2}\.log$/);
    const text = fs.readFileSync((await dl.path())!, 'utf8');
    expect(text).toContain('Nhật ký BaoCao');
    expect(text).toContain('restore committed');
    expect(text).not.toContain(CLERK.password);
    expect(text).not.toMatch(/token=[\w-]{10,}/);
    await page.screenshot({ path: screenshotPath('settings-backup'), fullPage: true });
    await context.close();
  });
});
