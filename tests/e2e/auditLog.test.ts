import { expect, it } from 'vitest';
import { addDays, vietnamToday } from '../../shared/domain/calendarDate.ts';
import { toVietnameseDate } from '../../shared/domain/dateInput.ts';
import { CLERK, completeSetup, openFromMenu } from './support/department.ts';
import { addUser, apiFromPage, browserOf, type Person } from './support/people.ts';
import { createReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const CLERK_ONLY: Person = {
  fullName: 'Trần Văn Minh',
  username: 'tranvanminh',
  password: 'mật-khẩu-chuyên-viên',
};

const env = useAppAndBrowser();

it('the administrator sees who deleted a draft report and when; a clerk has no "Nhật ký hoạt động"', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  await page.goto(env.app.url);
  await completeSetup(page, { name: 'Sở Tư pháp', type: 'so_ban_nganh', abbr: 'STP' });
  await addUser(page, CLERK_ONLY, ['Chuyên viên']);

  // The administrator (also a chuyên viên) creates a report by mistake and deletes it.
  await openFromMenu(page, 'Báo cáo');
  await createReport(page, '6 tháng đầu năm 2026');
  const id = decodeURIComponent(page.url().split('/reports/')[1]!);
  const report = (await apiFromPage(page, 'reports.get', { id })) as { value: { meta: { title: string } } };
  const title = report.value.meta.title;
  expect(title).toContain('6 tháng đầu năm 2026');
  await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
  await page
    .getByRole('alertdialog', { name: 'Xóa bản nháp?' })
    .getByRole('button', { name: 'Xóa bản nháp' })
    .click();
  await expect.poll(() => page.url()).not.toContain('/reports/');

  await openFromMenu(page, 'Nhật ký hoạt động');
  await page.getByRole('heading', { name: 'Nhật ký hoạt động' }).waitFor();
  await expect
    .poll(() => page.getByTestId('audit-chain-status').textContent())
    .toMatch(/^Lần kiểm tra gần nhất, lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}: nhật ký toàn vẹn \(\d+ mục/);
  const newest = page.getByTestId('audit-entry').first();
  await newest.waitFor();
  const cells = await newest.getByRole('cell').allTextContents();
  expect(cells[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  expect(cells[1]).toContain(CLERK.fullName);
  expect(cells[2]).toBe('Xóa bản nháp');
  expect(cells[3]).toBe(`Xóa bản nháp báo cáo “${title}”`);
  await page.screenshot({ path: screenshotPath('audit-log'), fullPage: true });

  // "Thao tác: Người dùng" keeps only the account the administrator added.
  await page.getByLabel('Thao tác').selectOption({ label: 'Người dùng' });
  await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(1);
  expect(await page.getByTestId('audit-entry').first().textContent()).toContain(
    `Tài khoản “${CLERK_ONLY.username}”, vai trò: Chuyên viên`,
  );
  // The people to choose from, sorted as Vietnamese names are.
  const people = await page.getByLabel('Người thực hiện').locator('option').allTextContents();
  expect(people).toEqual([
    'Tất cả mọi người',
    `${CLERK.fullName} (${CLERK.username})`,
    `${CLERK_ONLY.fullName} (${CLERK_ONLY.username})`,
  ]);
  // A chuyên viên only: no menu entry, no page by its address, and the service refuses.
  const clerk = await browserOf(env.browser, env.app.url, CLERK_ONLY);
  const menu = await clerk.getByRole('navigation').getByRole('link').allTextContents();
  expect(menu).toContain('Báo cáo');
  expect(menu).not.toContain('Nhật ký hoạt động');
  await clerk.evaluate(() => (window.location.hash = '/audit'));
  await expect.poll(() => new URL(clerk.url()).hash).toBe('#/audit');
  await clerk.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
  expect(await clerk.getByRole('heading', { name: 'Nhật ký hoạt động' }).count()).toBe(0);
  const refused = (await apiFromPage(clerk, 'audit.list', {})) as {
    ok: boolean;
    error?: { message: string };
  };
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toBe('Tài khoản của bạn không có quyền quản lý người dùng');
  await clerk.context().close();

  // Back on the administrator's page: what that colleague did, and nothing from tomorrow on.
  await page.getByLabel('Thao tác').selectOption({ label: 'Tất cả thao tác' });
  await page
    .getByLabel('Người thực hiện')
    .selectOption({ label: `${CLERK_ONLY.fullName} (${CLERK_ONLY.username})` });
  await expect.poll(async () => (await page.getByTestId('audit-entry').allTextContents()).length).toBe(1);
  expect(await page.getByTestId('audit-entry').first().getByRole('cell').nth(2).textContent()).toBe(
    'Đăng nhập',
  );
  await page.getByLabel('Người thực hiện').selectOption({ label: 'Tất cả mọi người' });
  await page.getByLabel('Từ ngày').fill(toVietnameseDate(addDays(vietnamToday(new Date()), 1)));
  await page.getByText('Không có thao tác nào khớp với điều kiện lọc.').waitFor();
  expect(await page.getByTestId('audit-entry').count()).toBe(0);

  // Fifty-five more entries: 50 a page, "Xem thêm" brings the rest down to the setup.
  for (let i = 0; i < 55; i++) {
    expect((await apiFromPage(page, 'sessions.updateSettings', { idleMinutes: 15 + i })).ok).toBe(true);
  }
  await page.reload();
  await page.getByRole('heading', { name: 'Nhật ký hoạt động' }).waitFor();
  await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(50);
  expect(await page.getByTestId('audit-entry').first().textContent()).toContain(
    'Tự đăng xuất sau 69 phút không dùng',
  );
  await page.getByRole('button', { name: 'Xem thêm' }).click();
  await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(60);
  expect(await page.getByTestId('audit-entry').last().textContent()).toContain('Thiết lập ứng dụng');
  expect(await page.getByRole('button', { name: 'Xem thêm' }).count()).toBe(0);

  // The check itself stays where it is: the page links to it.
  await page.getByRole('main').getByRole('link', { name: 'Thông tin cơ quan' }).click();
  await page.getByRole('button', { name: 'Kiểm tra toàn vẹn' }).waitFor();
  await context.close();
});
