import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from './support/catalog.ts';
import { completeSetup, logIn, openFromMenu, waitSaved } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const firstTask = catalog.tasks.find((t) => t.appliesTo.includes('so_khcn'))!;
const firstReportTask = firstTask.id;

async function openReports(page: Page) {
  await openFromMenu(page, 'Báo cáo');
  await page
    .getByRole('heading', { name: 'Báo cáo cần lập' })
    .or(page.getByTestId('report-row').first())
    .first()
    .waitFor();
}

describe('a clerk drafts the plan and the 6-month report', () => {
  const env = useAppAndBrowser();

  it('creates the plan and the report, sees the status follow the target, and finds it all after reopening', async () => {
    let context = await env.browser.newContext();
    let page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    // Plan: pre-filled from the catalog; the clerk adds an activity under the first task.
    await openFromMenu(page, 'Kế hoạch triển khai');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    const task = page.getByTestId(`plan-task-${firstTask.id}`);
    await task.waitFor();
    expect(await page.locator('[data-testid^="plan-task-"]').count()).toBe(
      catalog.tasks.filter((t) => t.appliesTo.includes('so_khcn')).length,
    );
    await page.getByTestId(`add-activity-${firstTask.id}`).click();
    const activity = task.getByTestId('activity').last();
    await activity
      .getByLabel('Nội dung')
      .fill('Xây dựng chuyên mục "Nghị quyết 57" trên Cổng thông tin điện tử của Sở');
    await activity.getByLabel('Đơn vị chủ trì').fill('Văn phòng Sở');
    await waitSaved(page);

    // Report: the 6-month report of 2026 is proposed; create it.
    await openReports(page);
    const proposal = page.getByTestId('proposal').filter({ hasText: '6 tháng đầu năm 2026' });
    await proposal.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const numerator = page.getByLabel('Chỉ tiêu 2 – Tử số');
    await numerator.waitFor();

    // Indicator 2 targets 100% in 2026: 90/120 is below, 120/120 reaches it.
    await numerator.fill('90');
    await page.getByLabel('Chỉ tiêu 2 – Mẫu số').fill('120');
    await expect.poll(() => page.getByTestId('achievement-CT02').textContent()).toBe('Chưa đạt');
    await numerator.fill('120');
    await expect.poll(() => page.getByTestId('achievement-CT02').textContent()).toBe('Đạt');

    // A numerator above the denominator is refused on the spot and not stored.
    await numerator.fill('130');
    await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Chưa lưu: có lỗi cần sửa');
    await numerator.fill('120');

    await page.getByLabel(`Trạng thái – ${firstReportTask}`).selectOption('hoan_thanh');
    await page
      .getByLabel(`Kết quả thực hiện – ${firstReportTask}`)
      .fill('Đã đăng 24 tin, bài trên chuyên mục.');
    await page
      .getByLabel('II. Tồn tại, hạn chế và nguyên nhân')
      .fill('Nguồn nhân lực làm truyền thông còn mỏng.');
    await waitSaved(page);
    await page.screenshot({ path: screenshotPath('drafting-report'), fullPage: false });

    // Close the browser entirely, come back with a fresh one, log in: everything is there.
    await context.close();
    context = await env.browser.newContext();
    page = await context.newPage();
    await page.goto(env.app.url);
    await logIn(page);
    await openReports(page);
    await page
      .getByTestId('report-row')
      .filter({ hasText: '6 tháng đầu năm 2026' })
      .getByRole('link')
      .first()
      .click();
    await page.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();
    expect(await page.getByLabel('Chỉ tiêu 2 – Tử số').inputValue()).toBe('120');
    expect(await page.getByLabel('Chỉ tiêu 2 – Mẫu số').inputValue()).toBe('120');
    expect(await page.getByTestId('achievement-CT02').textContent()).toBe('Đạt');
    expect(await page.getByLabel(`Trạng thái – ${firstReportTask}`).inputValue()).toBe('hoan_thanh');
    expect(await page.getByLabel('II. Tồn tại, hạn chế và nguyên nhân').inputValue()).toBe(
      'Nguồn nhân lực làm truyền thông còn mỏng.',
    );
    await openFromMenu(page, 'Kế hoạch triển khai');
    const reopened = page.getByTestId(`plan-task-${firstTask.id}`).getByTestId('activity').last();
    await reopened.waitFor();
    expect(await reopened.getByLabel('Đơn vị chủ trì').inputValue()).toBe('Văn phòng Sở');
    await context.close();
  });

  it('tells the second tab editing the same report about the conflict', async () => {
    const context = await env.browser.newContext();
    const first = await context.newPage();
    await first.goto(env.app.url);
    await logIn(first);
    await openReports(first);
    await first
      .getByTestId('report-row')
      .filter({ hasText: '6 tháng đầu năm 2026' })
      .getByRole('link')
      .first()
      .click();
    await first.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();
    const reportUrl = first.url();

    const second = await context.newPage();
    await second.goto(reportUrl);
    await second.getByLabel('Chỉ tiêu 2 – Tử số').waitFor();

    await first.getByLabel('IV. Đề xuất, kiến nghị').fill('Đề nghị Sở KH&CN tổ chức tập huấn.');
    await waitSaved(first);
    await second.getByLabel('IV. Đề xuất, kiến nghị').fill('Nội dung của tab thứ hai.');
    const banner = second.getByTestId('conflict-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/cửa sổ khác/);
    await second.screenshot({ path: screenshotPath('drafting-conflict') });

    // The first tab's text is what the store kept; taking the saved version shows it in the second
    // tab (editorTraps2.test.ts keeps the second tab's own values instead).
    await banner.getByRole('button', { name: 'Dùng tất cả bản đã lưu' }).click();
    await banner.getByRole('button', { name: 'Lưu bản đã gộp' }).click();
    await expect
      .poll(() => second.getByLabel('IV. Đề xuất, kiến nghị').inputValue())
      .toBe('Đề nghị Sở KH&CN tổ chức tập huấn.');

    // Each editing session left a version; the history shows what changed, field by field.
    await first.getByRole('button', { name: 'Lịch sử phiên bản' }).click();
    await expect.poll(() => first.getByTestId('version').count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => first.getByTestId('diff').textContent()).toContain('IV. Đề xuất, kiến nghị');
    await first.getByLabel('Từ phiên bản').selectOption('1');
    await expect.poll(() => first.getByTestId('diff').textContent()).toContain('Chỉ tiêu 2');
    await first.screenshot({ path: screenshotPath('drafting-versions'), fullPage: false });
    await context.close();
  });
});
