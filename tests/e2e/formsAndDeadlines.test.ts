import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from './support/catalog.ts';
import { completeSetup, openFromMenu } from './support/department.ts';
import { fillTemplate } from './support/indicatorSheet.ts';
import { createReport, download } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * Issue #16, "Messages and navigation": form errors at their fields and links to them, the home
 * screen's deadline cards, and the Excel dry run. The services' clock is fixed at 20/12/2026
 * (BAOCAO_TEST_HOOKS `now`): the plan's day (V.8.a) and the year 2026 report's (trước 15/12) have
 * passed, so both are overdue whatever day the test runs.
 */

const task = catalog.tasks.find((t) => t.appliesTo.includes('so_khcn'))!;
const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

async function importFile(page: Page, name: string, bytes: Buffer) {
  await page
    .getByLabel('Chọn tệp Excel')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

async function openNewReport(page: Page, title: string) {
  await openFromMenu(page, 'Báo cáo');
  await createReport(page, title);
  await page.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();
}

describe('forms that point at their fields, deadlines that stay until sent, an honest Excel dry run', () => {
  const env = useAppAndBrowser({ testHooks: { now: '2026-12-20T09:00:00+07:00' } });
  let page: Page;

  it('highlights each refused field, names it by its label, and every list item links to its field', async () => {
    const context = await env.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 800 },
    });
    page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    // Thể thức văn bản: a left margin of 10 mm is refused at the field, not as a path.
    await openFromMenu(page, 'Thông tin cơ quan');
    const left = page.getByLabel('Lề trái (mm)');
    await left.fill('10');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => left.getAttribute('aria-invalid')).toBe('true');
    const leftField = page.locator('.field', { has: left });
    expect(await leftField.locator('.field-error').textContent()).toBe('Lề trái từ 30 đến 35 mm');
    expect(
      await leftField.evaluate((el) => getComputedStyle(el.querySelector('input')!).borderColor),
    ).not.toBe(await page.getByLabel('Lề trên (mm)').evaluate((el) => getComputedStyle(el).borderColor));
    const summary = page.getByTestId('form-problems');
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain('Lề trái');
    expect(summaryText).not.toMatch(/›|margins|left|letterhead/);
    await page.getByLabel('Địa chỉ').focus();
    await summary.getByRole('button', { name: /Lề trái/ }).click();
    await expect.poll(() => isFocused(left)).toBe(true);
    await page.screenshot({ path: screenshotPath('forms-settings') });
    await left.fill('30');
    await expect.poll(() => left.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();

    // The plan: each item of "Còn thiếu" takes the clerk to its field.
    await openFromMenu(page, 'Kế hoạch triển khai');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.getByTestId(`add-activity-${task.id}`).click();
    const content = page.getByLabel(`Nội dung – hoạt động 1, nhiệm vụ ${task.id}`, { exact: true });
    await content.waitFor();
    await page
      .getByLabel(`Đơn vị chủ trì – hoạt động 1, nhiệm vụ ${task.id}`, { exact: true })
      .fill('Văn phòng');
    const missing = page.getByTestId('incomplete-summary');
    await missing.locator('summary').click();
    const item = missing.getByRole('button', {
      name: `Nhiệm vụ ${task.id} – Hoạt động 1 – Chưa nhập nội dung hoạt động`,
    });
    await item.scrollIntoViewIfNeeded();
    await item.click();
    await expect.poll(() => isFocused(content)).toBe(true);
    await page.screenshot({ path: screenshotPath('forms-plan-missing') });

    // The ad hoc report: the empty fields are marked and listed by their labels.
    await openFromMenu(page, 'Báo cáo');
    await page.getByRole('button', { name: 'Tạo báo cáo đột xuất' }).click();
    const adhoc = page.getByRole('form', { name: 'Báo cáo đột xuất' });
    const title = adhoc.getByLabel('Tiêu đề');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await adhoc.getByTestId('form-problems').textContent()).toContain('Tiêu đề: chưa nhập');
    await adhoc.getByLabel('Hạn gửi').focus();
    await adhoc.getByTestId('form-problems').getByRole('button', { name: 'Tiêu đề: chưa nhập' }).click();
    await expect.poll(() => isFocused(title)).toBe(true);
    await adhoc.screenshot({ path: screenshotPath('forms-adhoc') });
  });

  it('shows overdue reports on the home cards and keeps the plan "chưa gửi / quá hạn" until it is issued', async () => {
    // The plan drafted (the test above made it; made here if that one stopped early).
    await openFromMenu(page, 'Kế hoạch triển khai');
    const create = page.getByRole('button', { name: 'Tạo kế hoạch' });
    await Promise.race([create.waitFor(), page.getByText('Lịch sử phiên bản').waitFor()]);
    if (await create.isVisible()) await create.click();
    await page.getByText('Lịch sử phiên bản').waitFor();
    await openFromMenu(page, 'Trang chủ');
    const planCard = page.locator('[data-testid="duty"][data-kind="plan"]');
    await planCard.waitFor();
    // Drafted (by the test above) but not issued: still owed, and late.
    await expect
      .poll(() => planCard.locator('.days-left').textContent())
      .toMatch(/^Chưa gửi \(đang soạn\) – đã quá hạn \d+ ngày$/);
    expect(await planCard.getAttribute('class')).toContain('deadline-late');

    const reportsCard = page.locator('[data-testid="duty"][data-kind="periodic"]');
    await expect
      .poll(() => reportsCard.getByTestId('overdue-reports').textContent())
      .toContain('Báo cáo năm 2026: chưa tạo, đã quá hạn 6 ngày');
    expect(await reportsCard.getAttribute('class')).toContain('deadline-late');
    // The next report is still announced beside it.
    expect(await reportsCard.textContent()).toContain('6 tháng đầu năm 2027');
    await page.screenshot({ path: screenshotPath('forms-home-deadlines') });

    // Created but not sent: still on the card, now "chưa gửi".
    await openNewReport(page, 'năm 2026');
    await openFromMenu(page, 'Trang chủ');
    await expect
      .poll(() => reportsCard.getByTestId('overdue-reports').textContent())
      .toContain('Báo cáo năm 2026: chưa gửi, đã quá hạn 6 ngày');
  });

  it('lists a row with a problem only as a problem, and refuses another report’s template naming both', async () => {
    await openNewReport(page, '6 tháng đầu năm 2027');
    const template = await download(page, 'Tải mẫu nhập Excel');
    const filled = await fillTemplate(template.bytes, {
      CT02: { 'Số đạt được': 130, 'Tổng số': 100 },
      'CT01-1': { 'Đã thực hiện': 'Có' },
    });
    await importFile(page, 'mau-6-thang-2027.xlsx', filled.bytes);
    const problems = page.getByRole('table', { name: 'Vấn đề' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('130');
    const changes = page.getByRole('table', { name: 'Thay đổi' });
    const changeRows = await changes.locator('tbody tr td:first-child').allTextContents();
    expect(changeRows).toContain(String(filled.rows['CT01-1']));
    expect(changeRows).not.toContain(String(filled.rows.CT02));
    expect(await changes.textContent()).not.toContain('Chỉ tiêu 2');
    await problems.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('forms-import-problem-row') });

    // The same file in the year 2026 report: refused, naming both periods; nothing to apply.
    await openFromMenu(page, 'Báo cáo');
    await page
      .getByRole('link', { name: /năm 2026/ })
      .first()
      .click();
    await page.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();
    await importFile(page, 'mau-6-thang-2027.xlsx', filled.bytes);
    await problems.waitFor();
    expect(await problems.textContent()).toContain(
      'Tệp mẫu này xuất từ báo cáo 6 tháng đầu năm 2027, không phải báo cáo năm 2026 đang mở',
    );
    expect(await changes.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);
    await problems.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('forms-import-other-report') });
  });
});
