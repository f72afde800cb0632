import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportContent } from '../../shared/domain/reports/reportContent.ts';
import { catalog } from './support/catalog.ts';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { apiFromPage } from './support/people.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const task = catalog.tasks.find((t) => t.appliesTo.includes('so_khcn'))!;
const activityLabel = (field: string) => `${field} – hoạt động 1, nhiệm vụ ${task.id}`;

/** Fills every indicator, task and section through the app's own API, so the report can be sent. */
async function fillReport(page: Page, id: string) {
  const got = await apiFromPage(page, 'reports.get', { id });
  const doc = got.value as { meta: { revision: number }; content: ReportContent };
  const c = structuredClone(doc.content);
  for (const ind of c.indicators) {
    const measures = catalog.indicators.find((i) => i.code === ind.code)!.measures;
    for (const v of ind.values) {
      const kind = measures.find((m) => m.code === v.measure)!.kind;
      if (kind === 'ratio') Object.assign(v, { numerator: 95, denominator: 100 });
      else if (kind === 'yes_no')
        Object.assign(v, { done: true, evidenceUrl: 'https://skhcn.bacninh.gov.vn' });
      else v.count = 12;
    }
  }
  for (const t of c.tasks) Object.assign(t, { status: 'hoan_thanh', result: 'Đã triển khai theo kế hoạch.' });
  for (const s of Object.values(c.sections)) s.text = 'Nội dung đã được tổng hợp đầy đủ.';
  const saved = await apiFromPage(page, 'reports.save', {
    id,
    baseRevision: doc.meta.revision,
    editSession: 'e2e-traps-fill-01',
    content: c,
  });
  expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
}

const status = (page: Page) => page.getByTestId('save-status').textContent();

describe('the clerk’s editors without traps', () => {
  const env = useAppAndBrowser();
  let page: Page;

  it('shows the latest saved plan after the preview, the menu and an export, with dates in dd/mm/yyyy', async () => {
    // An English browser: its own date inputs would show mm/dd/yyyy.
    const context = await env.browser.newContext({
      acceptDownloads: true,
      locale: 'en-US',
      viewport: { width: 1366, height: 800 },
    });
    page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    await openFromMenu(page, 'Kế hoạch triển khai');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.getByTestId(`add-activity-${task.id}`).click();
    await page
      .getByLabel(activityLabel('Nội dung'), { exact: true })
      .fill('Tập huấn chuyển đổi số cho công chức');
    await page.getByLabel(activityLabel('Thời gian'), { exact: true }).selectOption('date');
    const date = page.getByLabel(activityLabel('Ngày'), { exact: true });
    await date.fill('05/02/2026');
    await waitSaved(page);
    expect(await date.inputValue()).toBe('05/02/2026');
    expect(await date.getAttribute('type')).toBe('text');
    const savedAt = await status(page);

    // Xem trước văn bản → Quay lại: the activity is there and typing on is saved, no false conflict.
    await page.getByRole('button', { name: 'Xem trước văn bản' }).click();
    await page.getByRole('heading', { name: 'Xem trước văn bản' }).waitFor();
    await page.getByRole('button', { name: 'Quay lại' }).click();
    const content = page.getByLabel(activityLabel('Nội dung'), { exact: true });
    await content.waitFor();
    expect(await content.inputValue()).toBe('Tập huấn chuyển đổi số cho công chức');
    expect(await page.getByLabel(activityLabel('Ngày'), { exact: true }).inputValue()).toBe('05/02/2026');
    expect(await status(page)).toBe(savedAt);
    await page.getByLabel(activityLabel('Đơn vị chủ trì'), { exact: true }).fill('Văn phòng Sở');
    await waitSaved(page);
    expect(await page.getByTestId('conflict-banner').count()).toBe(0);

    // Through the menu (home, then the plan again), and after an export: still the latest.
    await openFromMenu(page, 'Trang chủ');
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    await openFromMenu(page, 'Kế hoạch triển khai');
    await page.getByLabel(activityLabel('Đơn vị chủ trì'), { exact: true }).waitFor();
    expect(await page.getByLabel(activityLabel('Đơn vị chủ trì'), { exact: true }).inputValue()).toBe(
      'Văn phòng Sở',
    );
    await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Word' }).click(),
    ]);
    await page.getByLabel(activityLabel('Đơn vị phối hợp'), { exact: true }).fill('Các phòng chuyên môn');
    await waitSaved(page);
    await page.reload();
    await page.getByLabel(activityLabel('Đơn vị phối hợp'), { exact: true }).waitFor();
    expect(await page.getByLabel(activityLabel('Đơn vị phối hợp'), { exact: true }).inputValue()).toBe(
      'Các phòng chuyên môn',
    );
    await page.screenshot({ path: screenshotPath('traps-plan-after-preview') });
  });

  it('never says "Đã lưu" over an invalid value, shows no result from the replaced one, and asks before leaving', async () => {
    await openFromMenu(page, 'Báo cáo');
    await page
      .getByTestId('proposal')
      .filter({ hasText: '6 tháng đầu năm 2026' })
      .getByRole('button', { name: 'Tạo báo cáo' })
      .click();
    const numerator = page.getByLabel('Chỉ tiêu 2 – Tử số');
    await numerator.fill('1');
    await page.getByLabel('Chỉ tiêu 2 – Mẫu số').fill('2');
    await waitSaved(page);
    await expect
      .poll(() => page.getByTestId('ratio-ty_le_can_bo_duoc_tuyen_truyen').textContent())
      .toContain('50');
    expect(await page.getByTestId('achievement-CT02').textContent()).toBe('Chưa đạt');

    // "1,5" is refused: no 50% / Chưa đạt from the "1" it replaced, and not "Đã lưu".
    await numerator.fill('1,5');
    await expect.poll(() => status(page)).toBe('Chưa lưu: có lỗi cần sửa');
    await expect
      .poll(() => page.getByTestId('ratio-ty_le_can_bo_duoc_tuyen_truyen').textContent())
      .not.toContain('50');
    expect(await page.getByTestId('achievement-CT02').textContent()).not.toMatch(/^(Đạt|Chưa đạt|Vượt)$/);
    await page.screenshot({ path: screenshotPath('traps-invalid-ratio') });
    await numerator.fill('1');
    await waitSaved(page);

    // "1x" in a count: the status says so until it is fixed, and leaving asks first.
    const count = page.getByLabel('Chỉ tiêu 12 – Số lượng');
    await count.fill('3');
    await waitSaved(page);
    await count.fill('1x');
    await expect.poll(() => status(page)).toBe('Chưa lưu: có lỗi cần sửa');
    // Waiting longer than autosave's delay does not turn it into "Đã lưu".
    await page.waitForTimeout(1500);
    expect(await status(page)).toBe('Chưa lưu: có lỗi cần sửa');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await openFromMenu(page, 'Trang chủ');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('chưa hợp lệ');
    expect(await count.inputValue()).toBe('1x');
    await count.fill('4');
    await waitSaved(page);
    await page.reload();
    await page.getByLabel('Chỉ tiêu 12 – Số lượng').waitFor();
    expect(await page.getByLabel('Chỉ tiêu 12 – Số lượng').inputValue()).toBe('4');
  });

  it('withdraws a submission before the head acts, and edits again', async () => {
    const id = decodeURIComponent(page.url().split('/reports/')[1]!);
    await fillReport(page, id);
    await page.reload();
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Đã gửi lãnh đạo duyệt').waitFor();
    expect(await page.getByTestId('document-status').textContent()).toBe('Chờ duyệt');
    await page.getByRole('button', { name: 'Rút lại' }).click();
    await expect.poll(() => page.getByTestId('document-status').textContent()).toBe('Đang soạn');
    const proposals = page.getByLabel('IV. Đề xuất, kiến nghị');
    expect(await proposals.isDisabled()).toBe(false);
    await proposals.fill('Đề nghị bổ sung kinh phí tập huấn.');
    await waitSaved(page);
    await page.reload();
    await expect
      .poll(() => page.getByLabel('IV. Đề xuất, kiến nghị').inputValue())
      .toBe('Đề nghị bổ sung kinh phí tập huấn.');
    await page.screenshot({ path: screenshotPath('traps-withdrawn') });
  });

  it('takes the ad hoc report’s dates as dd/mm/yyyy in an English browser', async () => {
    await openFromMenu(page, 'Báo cáo');
    const form = page.getByRole('form', { name: 'Báo cáo đột xuất' });
    await form.getByLabel('Tiêu đề').fill('Báo cáo nhanh kết quả chuyển đổi số');
    await form.getByLabel('Hạn gửi').fill('20/03/2026');
    await form.getByLabel('Từ ngày').fill('05/01/2026');
    await form.getByLabel('Đến ngày').fill('10/03/2026');
    expect(await form.getByLabel('Từ ngày').inputValue()).toBe('05/01/2026');
    await page.screenshot({ path: screenshotPath('traps-adhoc-dates') });
    await form.getByRole('button', { name: 'Tạo báo cáo đột xuất' }).click();
    await page.getByTestId('workflow-panel').waitFor();
    const header = page.locator('.editor-header');
    await expect.poll(() => header.textContent()).toContain('từ 5/1/2026 đến 10/3/2026');
    expect(await header.textContent()).toContain('Gửi chậm nhất ngày 20/3/2026');
  });
});
