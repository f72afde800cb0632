import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeSetup, logIn, openFromMenu, waitSaved } from './support/department.ts';
import { createReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

/**
 * The home screen and the reports list of each kind of body under Kế hoạch 34/KH-UBND show exactly
 * its duties. One app for all of them: the department's agency type is switched under "Thông tin
 * cơ quan", as an administrator who picked the wrong type would. The expected lists below were read
 * off the plan (items III.1.a, III.3, III.4, V.1–V.9 and the appendix), not from the catalog file.
 */

const range = (prefix: string, items: string[]) => items.map((i) => `${prefix}.${i}`);
const III_1_A = range('III.1.a', ['1', '2', '3', '4', '5', '6', '7', '8']);
const III_3 = range('III.3', ['a', 'b', 'c', 'd', 'dd', 'e', 'g']);
const III_4 = range('III.4', ['a', 'b', 'c', 'd', 'dd']);
const V_7 = range('V.7', ['a', 'b', 'c', 'd', 'dd']);
const V_8 = range('V.8', ['a', 'b', 'c', 'd', 'dd']);
/** "Các Sở, cơ quan thuộc UBND tỉnh, UBND các xã, phường…" (III.1.a, III.3, III.4) and V.8. */
const SO_TASKS = [...III_1_A, ...III_3, ...III_4, ...V_8];

type Family = {
  code: string;
  name: string;
  tasks: string[];
  partnerTasks: string[];
  indicators: string[];
  monitored: string[];
  /** The documents it owes: plan + half-year/year reports, monthly report + yearly plan, or none. */
  duties: 'so' | 'press' | 'none';
};

const families: Family[] = [
  {
    code: 'so_ban_nganh',
    name: 'Sở, ban, ngành khác thuộc UBND tỉnh',
    tasks: SO_TASKS,
    partnerTasks: [],
    indicators: ['CT01', 'CT02', 'CT05', 'CT06', 'CT07'],
    monitored: [],
    duties: 'so',
  },
  {
    // CT12 "Sở KHCN, Sở Nội vụ, Tỉnh đoàn"
    code: 'so_noi_vu',
    name: 'Sở Nội vụ',
    tasks: SO_TASKS,
    partnerTasks: [],
    indicators: ['CT01', 'CT02', 'CT05', 'CT06', 'CT07', 'CT12'],
    monitored: [],
    duties: 'so',
  },
  {
    // CT09 "Văn phòng UBND tỉnh, UBND cấp xã", CT10 "Sở GDĐT, UBND cấp xã"; partner in V.5.b, V.9.b.
    code: 'ubnd_xa_phuong',
    name: 'UBND xã, phường',
    tasks: SO_TASKS,
    partnerTasks: ['V.5.b', 'V.9.b'],
    indicators: ['CT01', 'CT02', 'CT05', 'CT06', 'CT07', 'CT09', 'CT10'],
    monitored: [],
    duties: 'so',
  },
  {
    // III.1.a.9, CT03, CT14 (also "Cơ quan tổng hợp, theo dõi"), CT15.
    code: 'bao_ptth_tinh',
    name: 'Báo và Phát thanh, Truyền hình tỉnh',
    tasks: [...III_1_A, 'III.1.a.9', ...V_7],
    partnerTasks: [],
    indicators: ['CT02', 'CT03', 'CT05', 'CT14', 'CT15'],
    monitored: ['CT14'],
    duties: 'press',
  },
  {
    code: 'co_quan_bao_chi',
    name: 'Cơ quan báo chí, truyền thông khác',
    tasks: [...III_1_A, ...V_7],
    partnerTasks: [],
    indicators: ['CT02', 'CT05'],
    monitored: [],
    duties: 'press',
  },
  {
    code: 'tinh_doan',
    name: 'Tỉnh đoàn Bắc Ninh',
    tasks: ['V.9.a', 'V.9.b'],
    partnerTasks: ['V.5.b'],
    indicators: ['CT12'],
    monitored: ['CT12'],
    duties: 'none',
  },
  {
    code: 'ban_tuyen_giao',
    name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    tasks: ['V.1.1', 'V.1.2'],
    partnerTasks: ['V.4.a', 'V.5.a', 'V.6.a', 'V.7.a', 'V.7.dd'],
    indicators: [],
    monitored: [],
    duties: 'none',
  },
  {
    // The recipient itself: its own reports go to UBND tỉnh and Bộ KH&CN.
    code: 'so_khcn',
    name: 'Sở Khoa học và Công nghệ',
    tasks: [
      ...III_1_A,
      ...range('III.1.b', ['1', '2', '3', '4', '5', '6', '7', '8']),
      ...III_3,
      ...III_4,
      'III.5.c',
      ...range('V.2', ['a', 'b', 'c']),
      ...V_8,
    ],
    partnerTasks: ['V.3.b', 'V.4.a', 'V.4.b', 'V.5.b', 'V.6.b', 'V.7.a', 'V.7.dd', 'V.9.b'],
    indicators: ['CT01', 'CT02', 'CT04', 'CT05', 'CT06', 'CT07', 'CT11', 'CT12', 'CT13'],
    monitored: ['CT01', 'CT02', 'CT03', 'CT04', 'CT09', 'CT11', 'CT13'],
    duties: 'so',
  },
];

const ids = (page: Page, list: string) =>
  page
    .locator(`[data-testid="${list}"] [data-testid="task"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id')));
const codes = (page: Page, list: string) =>
  page
    .locator(`[data-testid="${list}"] [data-testid="indicator"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
const taskText = (page: Page, id: string) =>
  page.locator(`[data-testid="own-tasks"] [data-task-id="${id}"] .task-text`).textContent();

async function switchTo(page: Page, f: Family) {
  await openFromMenu(page, 'Thông tin cơ quan');
  await page.getByLabel('Loại cơ quan').selectOption(f.code);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu thông tin cơ quan.').waitFor();
  await openFromMenu(page, 'Trang chủ');
  await expect.poll(() => page.getByTestId('agency-type').textContent()).toBe(f.name);
}

async function checkHome(page: Page, f: Family) {
  expect(await ids(page, 'own-tasks'), f.code).toEqual(f.tasks);
  expect(await ids(page, 'partner-tasks'), f.code).toEqual(f.partnerTasks);
  expect(await codes(page, 'indicators'), f.code).toEqual(f.indicators);
  expect(await codes(page, 'monitored'), f.code).toEqual(f.monitored);
  const duties = page.getByTestId('duty');
  const kinds = await duties.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  const cards = await duties.allTextContents();
  if (f.duties === 'so') {
    expect(kinds, f.code).toEqual(['plan', 'periodic']);
    expect(cards[0]).toContain('Hoàn thành trước ngày 10/9/2025');
    expect(cards[1]).toMatch(/Báo cáo (6 tháng đầu năm|năm) \d{4}/);
    expect(cards[1]).toMatch(/Hạn gửi: trước ngày 15\/(6|12)\/\d{4}/);
  } else if (f.duties === 'press') {
    expect(kinds, f.code).toEqual(['monthly', 'annual_plan']);
    expect(cards[0]).toMatch(/Báo cáo tháng \d+ năm \d{4}/);
    expect(cards[0]).toMatch(/chậm nhất ngày 20\/\d+\/\d{4}/);
    expect(cards[1]).toContain('Hằng năm (Kế hoạch không nêu ngày cụ thể)');
    // The yearly plan is the department's plan: its state, not a period.
    expect(cards[1]).toMatch(/Chưa tạo kế hoạch|Đã tạo/);
    expect(cards.join(' ')).not.toMatch(/6 tháng|10\/9\/2025/);
  } else {
    expect(kinds, f.code).toEqual([]);
    expect(await page.getByTestId('no-duties').textContent()).toContain(
      `Kế hoạch số 34/KH-UBND không giao cho ${f.name} chế độ gửi kế hoạch hay báo cáo định kỳ`,
    );
  }
  if (f.code === 'so_khcn') {
    expect(cards.join(' ')).not.toContain('Gửi Sở Khoa học và Công nghệ');
    expect(cards[1]).toContain('Gửi Ủy ban nhân dân tỉnh Bắc Ninh và Bộ Khoa học và Công nghệ');
  } else if (f.duties !== 'none') {
    expect(cards[0]).toContain('Gửi Sở Khoa học và Công nghệ');
  }
}

const PROPOSAL_TITLES = {
  so: /^Báo cáo (6 tháng đầu năm|năm) \d{4}$/,
  press: /^Báo cáo tháng \d{1,2} năm \d{4}$/,
  none: /$^/,
};

async function checkReports(page: Page, f: Family) {
  await openFromMenu(page, 'Báo cáo');
  const line = page.getByTestId('report-duties');
  await line.waitFor();
  // The list shown a moment ago for the previous agency type is refetched after the change.
  const proposals = page.locator('[data-testid="proposal"] .card-title');
  await expect
    .poll(
      async () => {
        const shown = await proposals.allTextContents();
        return shown.length > 0 && shown.every((t) => PROPOSAL_TITLES[f.duties].test(t));
      },
      { timeout: 10_000 },
    )
    .toBe(f.duties !== 'none');
  if (f.duties === 'none') await page.getByTestId('no-proposals').waitFor();
  const titles = await proposals.allTextContents();
  const text = (await line.textContent())!;
  if (f.duties === 'so') {
    expect(titles.length, f.code).toBeGreaterThan(0);
    for (const t of titles) expect(t, f.code).toMatch(PROPOSAL_TITLES.so);
    expect(text).toContain(
      'Báo cáo 6 tháng và báo cáo năm: gửi trước ngày 15/6 và trước ngày 15/12 hằng năm',
    );
    expect(text).toContain(
      f.code === 'so_khcn'
        ? 'về Ủy ban nhân dân tỉnh Bắc Ninh và Bộ Khoa học và Công nghệ (mục V.8.đ của Kế hoạch)'
        : 'về Sở Khoa học và Công nghệ (mục V.8.đ của Kế hoạch)',
    );
  } else if (f.duties === 'press') {
    expect(titles.length, f.code).toBeGreaterThan(0);
    for (const t of titles) expect(t, f.code).toMatch(PROPOSAL_TITLES.press);
    expect(text).toBe(
      'Báo cáo tháng: gửi chậm nhất ngày 20 hằng tháng về Sở Khoa học và Công nghệ (mục V.7.đ của Kế hoạch).',
    );
  } else {
    expect(titles, f.code).toEqual([]);
    expect(await page.getByTestId('no-proposals').textContent()).toBe(
      'Cơ quan không có báo cáo định kỳ phải lập theo Kế hoạch.',
    );
    expect(text).toContain('không giao cho');
  }
  // Anyone may still write an ad hoc report when asked ("hoặc đột xuất khi có yêu cầu").
  expect(await page.getByRole('form', { name: 'Báo cáo đột xuất' }).isVisible()).toBe(true);
}

describe('each kind of body sees exactly its duties under Kế hoạch 34/KH-UBND', () => {
  const env = useAppAndBrowser();

  it('sở, Sở Nội vụ, UBND xã, Báo và PT-TH, another press body, Tỉnh đoàn, Ban Tuyên giáo, Sở KH&CN', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Cơ quan thử nghiệm', type: 'so_ban_nganh', abbr: 'CQTN' });

    for (const f of families) {
      await switchTo(page, f);
      await checkHome(page, f);
      await page.screenshot({ path: screenshotPath(`duties-home-${f.code}`) });
      if (f.indicators.length)
        await page
          .getByTestId('indicators')
          .screenshot({ path: screenshotPath(`duties-indicators-${f.code}`) });
      await checkReports(page, f);
      await page.screenshot({ path: screenshotPath(`duties-reports-${f.code}`), fullPage: false });
    }

    // Sentences that name one kind of body go to that kind only.
    await switchTo(
      page,
      families.find((f) => f.code === 'ubnd_xa_phuong')!,
    );
    expect(await taskText(page, 'III.1.a.1')).not.toContain('video clip');
    await switchTo(
      page,
      families.find((f) => f.code === 'so_noi_vu')!,
    );
    expect(await taskText(page, 'III.1.a.1')).toContain('Các sở, ban, ngành xây dựng video clip');
    expect(await taskText(page, 'III.1.a.7')).not.toContain('hệ thống truyền hình, phát thanh của tỉnh');
    await switchTo(
      page,
      families.find((f) => f.code === 'bao_ptth_tinh')!,
    );
    expect(await taskText(page, 'III.1.a.7')).toContain('hệ thống truyền hình, phát thanh của tỉnh');
    // CT04's two figures are shown where Sở KH&CN reads its indicators.
    await switchTo(
      page,
      families.find((f) => f.code === 'so_khcn')!,
    );
    expect(
      await page.locator('[data-testid="indicators"] [data-testid="target-discrepancy"]').textContent(),
    ).toContain('Bảng phụ lục ghi chỉ tiêu năm 2025 là “50; 150”');
    await page.close();
  });

  it('the report form: a yes/no per requirement, what each figure is compared with, task timing, honest rounding', async () => {
    // The same department, still Sở KH&CN after the first test.
    const page = await env.browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(env.app.url);
    await page
      .getByRole('heading', { name: 'Nhiệm vụ của cơ quan' })
      .or(page.getByRole('heading', { name: 'Đăng nhập' }))
      .first()
      .waitFor();
    if (await page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()) await logIn(page);
    await openFromMenu(page, 'Báo cáo');
    await createReport(page, '6 tháng đầu năm 2026');
    const ct01 = page.getByTestId('indicator-CT01');
    await ct01.waitFor();

    // CT01 joins two requirements: each is its own "Đã thực hiện / Chưa thực hiện" with evidence.
    expect(await ct01.getByRole('radiogroup').count()).toBe(2);
    await page
      .getByLabel(
        'Chỉ tiêu 1 – Đã xây dựng, ban hành kế hoạch truyền thông thực hiện Nghị quyết số 57-NQ/TW – Đã thực hiện',
      )
      .check();
    await expect.poll(() => page.getByTestId('achievement-CT01').textContent()).toBe('Chưa nhập');
    await page
      .getByLabel(
        'Chỉ tiêu 1 – Đã xây dựng và duy trì chuyên mục truyền thông thực hiện Nghị quyết số 57-NQ/TW trên cổng/trang thông tin điện tử – Chưa thực hiện',
      )
      .check();
    await expect.poll(() => page.getByTestId('achievement-CT01').textContent()).toBe('Chưa đạt');

    // A half-year report compares its running total with the year's target, and says so.
    expect(await page.getByTestId('basis-CT05').textContent()).toBe(
      'Lũy kế từ đầu năm đến hết kỳ báo cáo / chỉ tiêu năm 2026',
    );
    expect(await page.getByTestId('basis-CT12').textContent()).toBe(
      'Lũy kế từ khi ban hành Kế hoạch (20/8/2025) đến hết kỳ báo cáo / chỉ tiêu đến năm 2027',
    );
    await page.getByLabel('Chỉ tiêu 12 – Số lượng').fill('1');
    await expect.poll(() => page.getByTestId('achievement-CT12').textContent()).toBe('Chưa đến hạn');

    // 99 999 of 100 000 is not 100 %: the rate shown never contradicts "Chưa đạt".
    await page.getByLabel('Chỉ tiêu 2 – Tử số').fill('99999');
    await page.getByLabel('Chỉ tiêu 2 – Mẫu số').fill('100000');
    await expect.poll(() => page.getByLabel('Chỉ tiêu 2 – Tỷ lệ').textContent()).toBe('Tỷ lệ99,9%');
    expect(await page.getByTestId('achievement-CT02').textContent()).toBe('Chưa đạt');

    // CT04: no target this year, and why.
    expect(await page.getByTestId('target-note-CT04').textContent()).toBe(
      'Kế hoạch không đặt chỉ tiêu năm 2026 cho chỉ tiêu này (chỉ tiêu năm 2030: 150; 300).',
    );

    // Task timing from the cadences: "Hoàn thành trong năm 2025" not reported done is overdue;
    // "Hoàn thành năm 2026" is still ahead.
    expect(await page.getByTestId('timing-III.1.a.6').textContent()).toBe(
      'Quá hạn hoàn thành, hạn 31/12/2025',
    );
    expect(await page.getByTestId('timing-III.1.b.4').textContent()).toBe('Hạn hoàn thành: 31/12/2026');
    await page.getByLabel('Trạng thái – III.1.a.6').selectOption('hoan_thanh');
    await expect.poll(() => page.getByTestId('timing-III.1.a.6').count()).toBe(0);
    await waitSaved(page);
    await ct01.scrollIntoViewIfNeeded();
    await page.getByTestId('indicator-CT01').screenshot({ path: screenshotPath('duties-report-ct01') });
    await page.locator('.indicators-table').screenshot({ path: screenshotPath('duties-report-indicators') });
    await page
      .getByTestId('report-task-III.1.b.4')
      .screenshot({ path: screenshotPath('duties-report-task') });
    await page.close();
  });
});
