import { describe, expect, it } from 'vitest';
import { dutiesView, dutyRulesFor, nextDeadlines } from '../../shared/domain/periods/reportDeadlines.ts';
import {
  owedPeriod,
  periodFor,
  periodKey,
  proposeReports,
} from '../../shared/domain/periods/reportPeriods.ts';
import { catalog, PRESS, SO, XA } from './helpers/planText.ts';

/**
 * The duties of each kind of body under Kế hoạch 34/KH-UBND, computed from the catalog as the
 * home screen and the reports list use them. The words behind each rule are checked in
 * catalogRules.test.ts; here, what they mean on the calendar.
 */

const propose = (today: string, agencyType: string, existing: string[] = []) =>
  proposeReports(today, dutyRulesFor(catalog, agencyType), new Set(existing)).map((p) => periodKey(p));
const kinds = (agencyType: string) => dutiesView(catalog, agencyType, '2026-03-01').map((d) => d.kind);

describe('who owes what', () => {
  it('sở, ban, ngành and UBND cấp xã: the plan (V.8.a) and the half-year and year reports (V.8.đ)', () => {
    for (const body of [...SO, ...XA]) expect(kinds(body), body).toEqual(['plan', 'periodic']);
  });

  it('the press, Báo và PT-TH and the others alike: the monthly report (V.7.đ) and a yearly plan (V.7.d)', () => {
    for (const body of PRESS) expect(kinds(body), body).toEqual(['monthly', 'annual_plan']);
    expect(propose('2026-03-10', 'co_quan_bao_chi')).toEqual(['monthly-2026-02', 'monthly-2026-03']);
    const yearly = dutiesView(catalog, 'bao_ptth_tinh', '2026-03-01').find((d) => d.kind === 'annual_plan')!;
    expect(yearly.next).toBeNull();
    expect(yearly.when).toBe('Hằng năm (Kế hoạch không nêu ngày cụ thể)');
  });

  it('Tỉnh đoàn, the MTTQ and đoàn thể, Ban Tuyên giáo: nothing dated, nothing proposed', () => {
    for (const body of ['tinh_doan', 'mttq_doan_the', 'ban_tuyen_giao']) {
      expect(kinds(body), body).toEqual([]);
      expect(nextDeadlines('2026-03-01', catalog, body), body).toEqual([]);
      expect(propose('2026-06-20', body), body).toEqual([]);
    }
  });

  it('Sở KH&CN sends its own reports to UBND tỉnh and Bộ KH&CN, its plan to UBND tỉnh; the others send to it', () => {
    const own = dutiesView(catalog, 'so_khcn', '2026-03-01');
    expect(own.map((d) => [d.kind, d.sendTo])).toEqual([
      ['plan', ['Ủy ban nhân dân tỉnh Bắc Ninh']],
      ['periodic', ['Ủy ban nhân dân tỉnh Bắc Ninh', 'Bộ Khoa học và Công nghệ']],
    ]);
    for (const body of ['so_ban_nganh', 'ubnd_xa_phuong', 'co_quan_bao_chi'])
      for (const d of dutiesView(catalog, body, '2026-03-01').filter((x) => x.kind !== 'annual_plan'))
        expect(d.sendTo, `${body} ${d.kind}`).toEqual(['Sở Khoa học và Công nghệ']);
  });
});

describe('nothing is due before the plan exists (20/8/2025)', () => {
  it('no "6 tháng đầu năm 2025" report (due 14/6/2025): the first is the year report, its window from 20/8/2025', () => {
    const rules = dutyRulesFor(catalog, 'so_ban_nganh');
    expect(() => owedPeriod('semiannual', 2025, null, rules)).toThrow(
      'Kỳ báo cáo 6 tháng đầu năm 2025 kết thúc ngày 14/6/2025, trước khi Kế hoạch có hiệu lực (20/8/2025): không phải lập báo cáo kỳ này',
    );
    expect(owedPeriod('annual', 2025, null, rules)).toMatchObject({
      from: '2025-08-20',
      to: '2025-12-14',
      lastDay: '2025-12-14',
    });
    expect(propose('2025-05-01', 'so_ban_nganh')).toEqual([]);
    expect(propose('2025-08-25', 'so_ban_nganh')).toEqual(['annual-2025']);
    expect(nextDeadlines('2025-06-01', catalog, 'so_ban_nganh').map((d) => d.title)).toEqual([
      'Báo cáo năm 2025',
    ]);
  });

  it('no monthly report for July or August 2025: the first is September, from 20/8/2025', () => {
    const rules = dutyRulesFor(catalog, 'bao_ptth_tinh');
    for (const month of [7, 8]) expect(() => owedPeriod('monthly', 2025, month, rules)).toThrow(RangeError);
    expect(owedPeriod('monthly', 2025, 9, rules)).toMatchObject({ from: '2025-08-20', to: '2025-09-19' });
    expect(propose('2025-08-21', 'bao_ptth_tinh')).toEqual(['monthly-2025-09']);
    expect(nextDeadlines('2025-07-10', catalog, 'bao_ptth_tinh').map((d) => d.due)).toEqual(['2025-09-20']);
  });

  it('the plan itself: "trước ngày 10/9/2025" ends on 9/9/2025', () => {
    const plan = dutiesView(catalog, 'ubnd_xa_phuong', '2025-09-01').find((d) => d.kind === 'plan')!;
    expect(plan.due).toBe('2025-09-09');
    expect(plan.when).toBe('Hoàn thành trước ngày 10/9/2025');
  });
});

describe('the plan runs "giai đoạn 2025-2030"', () => {
  it('the year report of 2030 is the last periodic report; nothing of 2031 is proposed or accepted', () => {
    const rules = dutyRulesFor(catalog, 'so_gddt');
    expect(nextDeadlines('2030-12-10', catalog, 'so_gddt').map((d) => d.title)).toEqual(['Báo cáo năm 2030']);
    expect(nextDeadlines('2030-12-20', catalog, 'so_gddt')).toEqual([]);
    expect(propose('2031-01-05', 'so_gddt')).toEqual(['annual-2030']);
    expect(propose('2031-01-05', 'so_gddt', ['annual-2030'])).toEqual([]);
    expect(() => owedPeriod('semiannual', 2031, null, rules)).toThrow(
      'Kỳ báo cáo 6 tháng đầu năm 2031 nằm ngoài thời gian thực hiện Kế hoạch (đến hết năm 2030): không phải lập báo cáo kỳ này',
    );
    const periodic = dutiesView(catalog, 'so_gddt', '2031-02-01').find((d) => d.kind === 'periodic')!;
    expect(periodic.next).toBeNull();
  });

  it('the monthly report of December 2030 is the last one', () => {
    const rules = dutyRulesFor(catalog, 'co_quan_bao_chi');
    expect(propose('2030-12-25', 'co_quan_bao_chi')).toEqual(['monthly-2030-12']);
    expect(() => owedPeriod('monthly', 2031, 1, rules)).toThrow(RangeError);
    expect(nextDeadlines('2030-12-21', catalog, 'co_quan_bao_chi')).toEqual([]);
  });

  it('a plan file with a longer term would extend it (the rule is data)', () => {
    const longer = { ...dutyRulesFor(catalog, 'so_gddt'), term: { from: '2025-08-20', lastYear: 2035 } };
    expect(periodKey(owedPeriod('semiannual', 2031, null, longer))).toBe('semiannual-2031');
    // Without any term the periods are plain windows.
    expect(
      periodFor('annual', 2025, null, { periodicDeadlines: catalog.reporting.periodicDeadlines }).from,
    ).toBe('2024-12-15');
  });
});
