import { describe, expect, it } from 'vitest';
import { vietnamToday } from '../../shared/domain/calendarDate.ts';
import { formatDateLine, formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';
import type { ReportContent } from '../../shared/domain/reports/reportContent.ts';
import { CLERK, completeSetup, openFromMenu, waitSaved } from './support/department.ts';
import { addUser, apiFromPage, browserOf, expectInboxItem, HEAD, VAN_THU } from './support/people.ts';
import { catalog } from './support/catalog.ts';
import { createAndSubmitReport, docxText, download } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

describe('the approval chain in the browser: clerk, head, văn thư', () => {
  const env = useAppAndBrowser();

  it('submit, return with comments, fix, approve, issue with a number, read-only, amend', async () => {
    const context = await env.browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 800 },
    });
    const clerk = await context.newPage();
    await clerk.goto(env.app.url);
    await completeSetup(clerk, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
    await addUser(clerk, HEAD, ['Lãnh đạo'], { title: 'Phó Giám đốc', authority: 'KT. Giám đốc' });
    await addUser(clerk, VAN_THU, ['Văn thư']);

    // The clerk creates the 6-month report, fills it, and sends it for approval.
    const { id, reportUrl } = await createAndSubmitReport(clerk);
    expect(await clerk.getByTestId('document-status').textContent()).toBe('Chờ duyệt');

    // The head finds it in the inbox, writes two comments and returns it with a reason.
    const head = await browserOf(env.browser, env.app.url, HEAD);
    await (await expectInboxItem(head, 'Chờ duyệt và ký')).getByRole('link').click();
    await head.getByRole('heading', { name: 'Xem xét văn bản' }).waitFor();
    await head.getByLabel('Góp ý cho').selectOption({ label: 'II. Tồn tại, hạn chế và nguyên nhân' });
    await head.getByLabel('Ý kiến', { exact: true }).fill('Nêu rõ nguyên nhân chủ quan.');
    await head.getByRole('button', { name: 'Thêm ý kiến' }).click();
    const ct02 = catalog.indicators.find((i) => i.code === 'CT02')!;
    await head.getByLabel('Góp ý cho').selectOption({
      index: (await head.locator('#comment-target option').allTextContents()).findIndex((t) =>
        t.startsWith(`Chỉ tiêu ${ct02.no}:`),
      ),
    });
    await head.getByLabel('Ý kiến', { exact: true }).fill('Mẫu số cần khớp với số liệu của Văn phòng.');
    await head.getByRole('button', { name: 'Thêm ý kiến' }).click();
    await head.getByLabel('Lý do trả lại').fill('Cần bổ sung nguyên nhân và đối chiếu số liệu.');
    await head.screenshot({ path: screenshotPath('approval-review-return') });
    await head.getByRole('button', { name: 'Trả lại' }).click();
    await head.getByTestId('workflow-panel').waitFor();

    // The clerk sees the reason and each comment beside its field, fixes, resolves, resubmits.
    await clerk.goto(reportUrl);
    await clerk.reload();
    await expect
      .poll(() => clerk.getByTestId('return-reason').textContent())
      .toBe('Cần bổ sung nguyên nhân và đối chiếu số liệu.');
    const notes = clerk.getByTestId('review-note');
    expect(await notes.count()).toBe(2);
    expect(await clerk.getByTestId(`indicator-CT02`).getByTestId('review-note').textContent()).toContain(
      'Mẫu số cần khớp',
    );
    await clerk.screenshot({ path: screenshotPath('approval-returned'), fullPage: false });
    await clerk
      .getByLabel('II. Tồn tại, hạn chế và nguyên nhân')
      .fill('Nguyên nhân chủ quan: chưa bố trí cán bộ chuyên trách.');
    await waitSaved(clerk);
    await notes.filter({ hasText: 'Nêu rõ nguyên nhân' }).getByLabel('Đã xử lý').check();
    await expect
      .poll(() => notes.filter({ hasText: 'Nêu rõ nguyên nhân' }).textContent())
      .toContain(`Đã xử lý (${CLERK.fullName})`);
    await clerk.getByRole('button', { name: 'Gửi duyệt' }).click();
    await clerk.getByText('Đã gửi lãnh đạo duyệt').waitFor();

    // The head sees exactly what changed since the return, and approves.
    await (await expectInboxItem(head, 'Chờ duyệt và ký')).getByRole('link').click();
    const changes = head.getByTestId('change');
    await changes.first().waitFor();
    expect(await changes.allTextContents()).toEqual([
      expect.stringContaining('II. Tồn tại, hạn chế và nguyên nhân'),
    ]);
    await head.getByRole('button', { name: 'Duyệt và ký' }).click();
    await head.getByTestId('workflow-panel').waitFor();
    expect(await head.getByTestId('document-status').textContent()).toBe('Đã duyệt');

    // The văn thư gives the number and the date and issues.
    const vanThu = await browserOf(env.browser, env.app.url, VAN_THU);
    await (await expectInboxItem(vanThu, 'Chờ cấp số, ban hành')).getByRole('link').click();
    await expect.poll(() => vanThu.getByTestId('proposed-number').textContent()).toBe('Số: 01/BC-SKHCN');
    const today = vietnamToday(new Date());
    expect(await vanThu.getByLabel('Ngày ban hành').inputValue()).toBe(formatPaddedDate(today));
    await vanThu.screenshot({ path: screenshotPath('approval-issue') });
    await vanThu.getByRole('button', { name: 'Ban hành' }).click();
    await vanThu.getByText(`Đã ban hành: Số 01/BC-SKHCN ngày ${formatPaddedDate(today)}`).waitFor();
    const issuedWord = await download(vanThu, 'Tải Word');
    const text = await docxText(issuedWord.bytes);
    expect(text).toContain('Số: 01/BC-SKHCN');
    expect(text).toContain(formatDateLine('Bắc Ninh', today));
    expect(text).toContain('Lê Văn Phó');

    // Issued: read-only in the UI, and the services refuse a direct save too.
    await clerk.goto(reportUrl);
    await clerk.reload();
    await expect.poll(() => clerk.getByTestId('document-status').textContent()).toBe('Đã ban hành');
    expect(await clerk.getByLabel('II. Tồn tại, hạn chế và nguyên nhân').isDisabled()).toBe(true);
    const got = await apiFromPage(clerk, 'reports.get', { id });
    const doc = got.value as { meta: { revision: number }; content: ReportContent };
    const direct = await apiFromPage(clerk, 'reports.save', {
      id,
      baseRevision: doc.meta.revision,
      editSession: 'e2e-direct-0001',
      content: doc.content,
    });
    expect(direct).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(direct.error!.message).toContain('đã ban hành');

    // Tạo bản sửa đổi: a new draft; the issued version stays downloadable, byte for byte.
    await clerk.getByRole('button', { name: 'Tạo bản sửa đổi' }).click();
    await clerk.getByLabel('Lý do sửa đổi').fill('Cập nhật số liệu chỉ tiêu 2 theo Văn phòng.');
    await clerk.getByRole('button', { name: 'Tạo bản sửa đổi' }).click();
    await expect.poll(() => clerk.getByTestId('document-status').textContent()).toBe('Đang soạn');
    expect(await clerk.getByLabel('II. Tồn tại, hạn chế và nguyên nhân').isDisabled()).toBe(false);
    const again = await download(clerk, 'Tải Word');
    expect(Buffer.compare(again.bytes, issuedWord.bytes)).toBe(0);
    await clerk.screenshot({ path: screenshotPath('approval-amend') });

    await openFromMenu(clerk, 'Sổ văn bản đi');
    const entry = clerk.getByTestId('register-entry');
    await entry.first().waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.first().textContent()).toContain('01/BC-SKHCN');
    await clerk.screenshot({ path: screenshotPath('approval-register') });
  });
});
