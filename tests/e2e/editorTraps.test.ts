import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from './support/catalog.ts';
import { completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { addUser, browserOf, expectInboxItem, HEAD, VAN_THU } from './support/people.ts';
import { createReport, docxText, download, fillReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const task = catalog.tasks.find((t) => t.appliesTo.includes('so_khcn'))!;
const activityLabel = (field: string) => `${field} – hoạt động 1, nhiệm vụ ${task.id}`;

/** The first cell of each row of the appendix table ("STT | Chỉ tiêu | …") that holds a number. */
async function appendixNumbers(bytes: Buffer) {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const cellText = (c: string) =>
    [...c.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const appendix = tables.find((t) => /<w:t(?: [^>]*)?>STT<\/w:t>/.test(t) && t.includes('Đánh giá'))!;
  return [...appendix.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)]
    .map((r) => cellText(/<w:tc>[\s\S]*?<\/w:tc>/.exec(r[0])?.[0] ?? ''))
    .filter((t) => /^\d+$/.test(t));
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
    await createReport(page, '6 tháng đầu năm 2026');
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

  it('restores an earlier version as a new one, keeping the others, and the editor shows it', async () => {
    await page.getByRole('button', { name: 'Lịch sử phiên bản' }).click();
    const versions = page.getByTestId('version');
    await versions.first().waitFor();
    const before = await versions.count();
    // The newest row is the clerk's own edit; the one below it is the filled report.
    page.once('dialog', (d) => void d.accept());
    await versions.nth(1).getByRole('button', { name: 'Khôi phục phiên bản này' }).click();
    await page.getByTestId('restored').waitFor();
    await expect.poll(() => versions.count()).toBe(before + 1);
    expect(await versions.first().getByRole('button', { name: 'Khôi phục phiên bản này' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('traps-restored-version') });
    await page.getByRole('button', { name: '← Quay lại' }).click();
    await expect
      .poll(() => page.getByLabel('IV. Đề xuất, kiến nghị').inputValue())
      .toBe('Nội dung đã được tổng hợp đầy đủ.');
    await page.getByLabel('IV. Đề xuất, kiến nghị').fill('Đề nghị bổ sung kinh phí.');
    await waitSaved(page);
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

  it('reports on each activity of the issued plan, overdue ones flagged, in the document and Excel', async () => {
    await addUser(page, HEAD, ['Lãnh đạo'], { title: 'Phó Giám đốc', authority: 'KT. Giám đốc' });
    await addUser(page, VAN_THU, ['Văn thư']);
    // The plan goes through the chain and is issued.
    await openFromMenu(page, 'Kế hoạch triển khai');
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Đã gửi lãnh đạo duyệt').waitFor();
    const head = await browserOf(env.browser, env.app.url, HEAD);
    await (await expectInboxItem(head, 'Chờ duyệt và ký')).getByRole('link').click();
    await head.getByRole('button', { name: 'Duyệt và ký' }).click();
    await head.getByTestId('workflow-panel').waitFor();
    const vanThu = await browserOf(env.browser, env.app.url, VAN_THU);
    await (await expectInboxItem(vanThu, 'Chờ cấp số, ban hành')).getByRole('link').click();
    await vanThu.getByRole('button', { name: 'Ban hành' }).click();
    await vanThu.getByText(/^Đã ban hành/).waitFor();

    // The year's report lists the plan's activity, overdue against its date (05/02/2026).
    await openFromMenu(page, 'Báo cáo');
    await createReport(page, 'Báo cáo năm 2026');
    const activity = page.getByTestId('report-activity');
    await activity.first().waitFor();
    expect(await activity.count()).toBe(1);
    expect(await activity.textContent()).toContain('Tập huấn chuyển đổi số cho công chức');
    // A cited date as ND30 writes it: day below 10 and months 1–2 with their 0.
    expect(await activity.textContent()).toContain('Trước ngày 05/02/2026');
    expect(await activity.getByTestId('activity-overdue').textContent()).toContain('Quá hạn');
    await expect
      .poll(() => page.getByTestId('incomplete-summary').textContent())
      .toContain('Hoạt động 1 (nhiệm vụ');
    await activity.getByLabel('Trạng thái – hoạt động 1').selectOption('dang_thuc_hien');
    await activity
      .getByLabel('Kết quả thực hiện – hoạt động 1')
      .fill('Đã tổ chức 2 lớp cho 120 công chức; còn 1 lớp chưa tổ chức.');
    await waitSaved(page);
    await activity.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('traps-report-activities') });

    const word = (await download(page, 'Xuất Word')).bytes;
    const text = await docxText(word);
    expect(text).toContain('Hoạt động: Tập huấn chuyển đổi số cho công chức');
    expect(text).toContain('Đang thực hiện (quá hạn so với thời gian trong kế hoạch)');
    expect(text).toContain('Đã tổ chức 2 lớp cho 120 công chức');
    // The indicator appendix numbers indicators by the plan's own numbers, as the editor does.
    expect(await appendixNumbers(word)).toEqual(
      catalog.indicators.filter((i) => i.appliesTo.includes('so_khcn')).map((i) => String(i.no)),
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, 'Xuất Excel')).bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Hoạt động')!;
    expect(sheet).toBeDefined();
    const rows: string[] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String).join(' | ')));
    const row = rows.find((r) => r.includes('Tập huấn chuyển đổi số cho công chức'))!;
    expect(row).toContain('Đang thực hiện');
    expect(row).toContain('Quá hạn');
    expect(row).toContain('Đã tổ chức 2 lớp');

    // Done: no longer overdue.
    await activity.getByLabel('Trạng thái – hoạt động 1').selectOption('hoan_thanh');
    await waitSaved(page);
    expect(await activity.getByTestId('activity-overdue').count()).toBe(0);
    await head.context().close();
    await vanThu.context().close();
  });

  it('has a favicon, and after logging out the next user starts at the home page', async () => {
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await page.request.get(new URL(href!, page.url()).toString());
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');

    await openFromMenu(page, 'Người dùng');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill(HEAD.username);
    await page.getByLabel('Mật khẩu').fill(HEAD.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/home');
  });
});
