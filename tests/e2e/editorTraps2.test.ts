import Database from 'better-sqlite3';
import JSZip from 'jszip';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLERK, completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { addUser, apiFromPage, browserOf, expectInboxItem, HEAD } from './support/people.ts';
import { createReport, download, fillReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const PROPOSALS = 'IV. Đề xuất, kiến nghị';
const SHORTCOMINGS = 'II. Tồn tại, hạn chế và nguyên nhân';
const NUMERATOR = 'Chỉ tiêu 2 – Tử số';

/** The paragraphs of a .docx body, each one's runs joined. */
async function docxParagraphs(bytes: Buffer) {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(
    /<w:noBreakHyphen\/>/g,
    '<w:t>-</w:t>',
  );
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
  );
}

describe('the clerk’s editors without traps, part 2', () => {
  const env = useAppAndBrowser();
  let page: Page;
  let reportUrl = '';

  it('resolves a conflict between two windows field by field, keeping either version per field', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
    await openFromMenu(page, 'Báo cáo');
    await createReport(page, '6 tháng đầu năm 2026');
    await page.getByLabel(NUMERATOR).waitFor();
    reportUrl = page.url();

    const second = await context.newPage();
    await second.goto(reportUrl);
    await second.getByLabel(NUMERATOR).waitFor();

    // The first window saves two sections.
    await page.getByLabel(PROPOSALS).fill('Đề nghị Sở KH&CN tổ chức tập huấn.');
    await page.getByLabel(SHORTCOMINGS).fill('Nhân lực làm truyền thông còn mỏng.');
    await waitSaved(page);

    // The second, still on the older version, changes the proposals and indicator 2.
    await second.getByLabel(PROPOSALS).fill('Đề nghị bố trí kinh phí cho chuyên mục.');
    await second.getByLabel(NUMERATOR).fill('45');
    const banner = second.getByTestId('conflict-banner');
    await banner.waitFor({ timeout: 10_000 });
    const rows = banner.getByTestId('conflict-field');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    // Only what this window changed, by the labels the editor uses; the other window's section
    // (untouched here) is not asked about.
    const labels = await rows.locator('td.conflict-label').allTextContents();
    expect(labels).toEqual([NUMERATOR, PROPOSALS]);
    expect(await banner.textContent()).not.toMatch(/sections\.|indicators\.|numerator/);
    const proposalsRow = rows.filter({ hasText: PROPOSALS });
    expect(await proposalsRow.locator('td').nth(1).textContent()).toBe(
      'Đề nghị bố trí kinh phí cho chuyên mục.',
    );
    expect(await proposalsRow.locator('td').nth(2).textContent()).toBe('Đề nghị Sở KH&CN tổ chức tập huấn.');
    expect(await banner.locator('thead').textContent()).toBe('MụcBản của bạnBản đã lưu');
    await second.screenshot({ path: screenshotPath('traps2-conflict') });

    // All-at-once buttons set every choice; then per field: the saved numerator, my proposals.
    await banner.getByRole('button', { name: 'Dùng tất cả bản đã lưu' }).click();
    expect(await second.getByLabel(`${PROPOSALS} – Bản đã lưu`).isChecked()).toBe(true);
    expect(await second.getByLabel(`${NUMERATOR} – Bản đã lưu`).isChecked()).toBe(true);
    await banner.getByRole('button', { name: 'Giữ tất cả bản của bạn' }).click();
    expect(await second.getByLabel(`${PROPOSALS} – Bản của bạn`).isChecked()).toBe(true);
    await second.getByLabel(`${NUMERATOR} – Bản đã lưu`).check();
    await banner.getByRole('button', { name: 'Lưu bản đã gộp' }).click();
    await waitSaved(second);
    expect(await banner.count()).toBe(0);
    expect(await second.getByLabel(PROPOSALS).inputValue()).toBe('Đề nghị bố trí kinh phí cho chuyên mục.');
    expect(await second.getByLabel(NUMERATOR).inputValue()).toBe('');
    expect(await second.getByLabel(SHORTCOMINGS).inputValue()).toBe('Nhân lực làm truyền thông còn mỏng.');
    await second.screenshot({ path: screenshotPath('traps2-conflict-merged') });

    // The store holds the merge, as a new version after the first window's.
    const id = decodeURIComponent(reportUrl.split('/reports/')[1]!);
    const stored = (await apiFromPage(page, 'reports.get', { id })).value as {
      content: { sections: Record<string, { text: string }> };
    };
    expect(stored.content.sections.proposals!.text).toBe('Đề nghị bố trí kinh phí cho chuyên mục.');
    expect(stored.content.sections.shortcomings!.text).toBe('Nhân lực làm truyền thông còn mỏng.');
    const versions = (await apiFromPage(page, 'documents.versions', { id })).value as unknown[];
    expect(versions.length).toBe(3);
    await second.close();
  });

  it('deletes a draft report created by mistake after asking, records it, and offers no deletion once submitted', async () => {
    await openFromMenu(page, 'Báo cáo');
    const proposal = page.getByTestId('proposal').first();
    const title = (await proposal.locator('.card-title').textContent())?.trim() ?? '';
    await proposal.getByRole('button', { name: 'Tạo báo cáo' }).click();
    await page.getByLabel(NUMERATOR).waitFor();
    const id = decodeURIComponent(page.url().split('/reports/')[1]!);
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())!;

    await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Xóa bản nháp?' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('traps2-delete-confirm') });
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    expect(await dialog.count()).toBe(0);
    expect((await apiFromPage(page, 'reports.get', { id })).ok).toBe(true);

    await page.getByRole('button', { name: 'Xóa bản nháp' }).click();
    await dialog.getByRole('button', { name: 'Xóa bản nháp' }).click();
    await page
      .getByRole('heading', { name: 'Báo cáo cần lập' })
      .or(page.getByTestId('report-row').first())
      .first()
      .waitFor();
    await expect
      .poll(() => page.getByTestId('report-row').filter({ hasText: heading }).count(), { timeout: 10_000 })
      .toBe(0);
    expect((await apiFromPage(page, 'reports.get', { id })).error?.code).toBe('NOT_FOUND');
    if (title)
      await expect
        .poll(() => page.getByTestId('proposal').filter({ hasText: title }).count(), { timeout: 10_000 })
        .toBe(1);
    await page.screenshot({ path: screenshotPath('traps2-delete-done'), fullPage: true });

    // The audit trail keeps who deleted which report of which period, and when.
    const db = new Database(path.join(env.app.dataDir, 'baocao.sqlite'), { readonly: true });
    const row = db
      .prepare(
        "SELECT a.at, u.username, a.detail_json FROM audit_log a JOIN users u ON u.id = a.user_id WHERE action = 'drafts.delete'",
      )
      .get() as { at: string; username: string; detail_json: string };
    db.close();
    expect(row.username).toBe(CLERK.username);
    expect(Date.now() - Date.parse(row.at)).toBeLessThan(120_000);
    expect(JSON.parse(row.detail_json)).toMatchObject({ id, kind: 'report', title: heading });

    // The 6-month report, once sent for approval, has no "Xóa bản nháp" and the service refuses.
    await page.goto(reportUrl);
    await page.getByLabel(NUMERATOR).waitFor();
    const reportId = decodeURIComponent(reportUrl.split('/reports/')[1]!);
    await fillReport(page, reportId);
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Xóa bản nháp' }).count(), { timeout: 10_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await page.getByText('Đã gửi lãnh đạo duyệt').waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: 'Xóa bản nháp' }).count(), { timeout: 10_000 })
      .toBe(0);
    const refused = await apiFromPage(page, 'drafts.delete', { id: reportId });
    expect(refused.ok).toBe(false);
    expect(refused.error!.message).toContain('đã từng được gửi duyệt');
    expect((await apiFromPage(page, 'reports.get', { id: reportId })).ok).toBe(true);
  });

  it('takes an empty signing authority for a head who signs in person, and the signature block shows only title and name', async () => {
    // Người dùng: a Giám đốc with "Thẩm quyền ký" left empty.
    await addUser(page, HEAD, ['Lãnh đạo'], { title: 'Giám đốc', authority: '' });
    const row = page.getByRole('row').filter({ hasText: HEAD.fullName });
    expect(await row.getByRole('cell', { name: 'Giám đốc', exact: true }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('traps2-authority-users') });

    // Thông tin cơ quan: the letterhead's signer with no authority is saved and stays empty.
    await openFromMenu(page, 'Thông tin cơ quan');
    await page.getByLabel('Quyền hạn ký').fill('');
    await page.getByLabel('Chức vụ người ký').fill('GIÁM ĐỐC');
    await page.getByLabel('Họ tên người ký').fill(HEAD.fullName);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cơ quan.').waitFor();
    await page.reload();
    await page.getByLabel('Quyền hạn ký').waitFor();
    expect(await page.getByLabel('Quyền hạn ký').inputValue()).toBe('');
    expect(await page.getByLabel('Chức vụ người ký').inputValue()).toBe('GIÁM ĐỐC');

    // The head approves the submitted report (a signature on paper); its document is signed by
    // "GIÁM ĐỐC" and the name, with no authority line above.
    const head = await browserOf(env.browser, env.app.url, HEAD);
    await (await expectInboxItem(head, 'Chờ duyệt và ký')).getByRole('link').click();
    await head.getByRole('heading', { name: 'Xem xét văn bản' }).waitFor();
    await head.getByRole('button', { name: 'Duyệt và ký' }).click();
    await head.getByTestId('workflow-panel').waitFor();
    await expect
      .poll(() => head.getByTestId('document-status').textContent(), { timeout: 10_000 })
      .toBe('Đã duyệt');
    await head.context().close();

    await page.goto(reportUrl);
    await page.getByLabel(NUMERATOR).waitFor();
    const docx = await download(page, 'Xuất Word');
    const paragraphs = (await docxParagraphs(docx.bytes)).map((p) => p.trim()).filter(Boolean);
    const name = paragraphs.lastIndexOf(HEAD.fullName);
    expect(name).toBeGreaterThan(1);
    expect(paragraphs[name - 1]).toBe('GIÁM ĐỐC');
    expect(paragraphs[name - 2]).not.toMatch(/^(KT|TM|Q|TL|TUQ)\./);
    expect(paragraphs.some((p) => /^(KT|TM|Q|TL|TUQ)\.\s/.test(p))).toBe(false);
  });

  it('stops calling the API after "Đăng xuất": no polling, no refetch, no 401, and the next user starts clean', async () => {
    // A page that polls (the outbox) and the home page's reads are open before logging out.
    await openFromMenu(page, 'Gửi Sở KH&CN');
    await page.waitForTimeout(500);
    const requests: string[] = [];
    const unauthorized: string[] = [];
    const consoleErrors: string[] = [];
    let loggedOut = false;
    page.on('request', (r) => {
      if (loggedOut && r.url().includes('/api/')) requests.push(new URL(r.url()).pathname);
    });
    page.on('response', (r) => {
      if (r.status() === 401) unauthorized.push(new URL(r.url()).pathname);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const [logout] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth.logout')),
      page.getByRole('button', { name: 'Đăng xuất' }).click(),
    ]);
    expect(logout.ok()).toBe(true);
    loggedOut = true;
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.waitForTimeout(6_000);
    expect(requests).toEqual([]);
    expect(unauthorized).toEqual([]);
    expect(consoleErrors.filter((e) => /401|UNAUTHENTICATED|đăng nhập/i.test(e))).toEqual([]);
    await page.screenshot({ path: screenshotPath('traps2-logged-out') });

    // The head logs in on the same page: home page, their own name, nothing of the clerk's.
    await page.getByLabel('Tên đăng nhập').fill(HEAD.username);
    await page.getByLabel('Mật khẩu').fill(HEAD.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Nhiệm vụ của cơ quan' }).waitFor();
    expect(await page.locator('.user-name').textContent()).toBe(HEAD.fullName);
    await page.context().close();
  });
});
