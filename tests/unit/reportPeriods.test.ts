import { describe, it, expect } from 'vitest';
import { daysBetween } from '../../shared/domain/calendarDate.ts';
import {
  adhocPeriod,
  periodFor,
  periodKey,
  proposeReports,
  reportPeriodSchema,
  timelinessOf,
  type PeriodRules,
  type ReportPeriod,
} from '../../shared/domain/periods/reportPeriods.ts';

/** Kế hoạch 34/KH-UBND, mục VI: "Trước ngày 15/6 và trước ngày 15/12 hằng năm", "Định kỳ ngày 20 hằng tháng". */
const rules: PeriodRules = {
  periodicDeadlines: [
    { month: 12, day: 15 },
    { month: 6, day: 15 },
  ],
  monthlyDay: 20,
};
const office = { ...rules, monthly: false };
const press = { ...rules, monthly: true };

const window = (p: ReportPeriod) => [p.from, p.to, p.deadline, p.lastDay];
const contains = (p: ReportPeriod, d: string) => daysBetween(p.from, d) >= 0 && daysBetween(d, p.to) >= 0;
const keys = (ps: ReportPeriod[]) => ps.map((p) => periodKey(p));

describe('periodic report periods', () => {
  it('6 tháng đầu năm 2026: data 15/12/2025–14/6/2026, "trước ngày 15/6" so the last day is 14/6', () => {
    const p = periodFor('semiannual', 2026, null, rules);
    expect(p).toMatchObject({ kind: 'semiannual', year: 2026, month: null, title: '6 tháng đầu năm 2026' });
    expect(window(p)).toEqual(['2025-12-15', '2026-06-14', '2026-06-15', '2026-06-14']);
    expect(reportPeriodSchema.parse(p)).toEqual(p);
  });

  it('năm 2026: data 15/12/2025–14/12/2026, last day 14/12', () => {
    const p = periodFor('annual', 2026, null, rules);
    expect(p.title).toBe('năm 2026');
    expect(window(p)).toEqual(['2025-12-15', '2026-12-14', '2026-12-15', '2026-12-14']);
  });

  it('the 15/12 boundary: 14/12/2026 is in the year 2026, 15/12 and 20/12/2026 in the 6 months of 2027', () => {
    const annual2026 = periodFor('annual', 2026, null, rules);
    const half2027 = periodFor('semiannual', 2027, null, rules);
    expect(contains(annual2026, '2026-12-14')).toBe(true);
    expect(contains(annual2026, '2026-12-15')).toBe(false);
    expect(contains(half2027, '2026-12-15')).toBe(true);
    expect(contains(half2027, '2026-12-20')).toBe(true);
    expect(contains(periodFor('semiannual', 2026, null, rules), '2026-12-20')).toBe(false);
  });

  it('derives the periods from the catalog rules, not from fixed months', () => {
    const other: PeriodRules = {
      periodicDeadlines: [
        { month: 7, day: 1 },
        { month: 11, day: 30 },
      ],
    };
    expect(window(periodFor('semiannual', 2026, null, other))).toEqual([
      '2025-11-30',
      '2026-06-30',
      '2026-07-01',
      '2026-06-30',
    ]);
    expect(periodFor('annual', 2026, null, other).lastDay).toBe('2026-11-29');
    expect(() =>
      periodFor('semiannual', 2026, null, { periodicDeadlines: [{ month: 12, day: 15 }] }),
    ).toThrow(RangeError);
  });

  it('keys one report per period', () => {
    expect(periodKey(periodFor('semiannual', 2026, null, rules))).toBe('semiannual-2026');
    expect(periodKey(periodFor('annual', 2026, null, rules))).toBe('annual-2026');
    expect(periodKey(periodFor('monthly', 2026, 3, rules))).toBe('monthly-2026-03');
    expect(periodKey({ kind: 'adhoc', year: 2026, month: null }, 'abc123')).toBe('adhoc-abc123');
    expect(() => periodKey({ kind: 'adhoc', year: 2026, month: null })).toThrow();
  });
});

describe('monthly report periods (press agencies, "ngày 20 hằng tháng")', () => {
  it('tháng 3 năm 2026: data 20/2–19/3, due on the 20th itself', () => {
    const p = periodFor('monthly', 2026, 3, rules);
    expect(p).toMatchObject({ kind: 'monthly', year: 2026, month: 3, title: 'tháng 3 năm 2026' });
    expect(window(p)).toEqual(['2026-02-20', '2026-03-19', '2026-03-20', '2026-03-20']);
  });

  it('February: the March window spans 29 days of February in 2028 and 28 in 2027', () => {
    const leap = periodFor('monthly', 2028, 3, rules);
    const common = periodFor('monthly', 2027, 3, rules);
    expect([leap.from, leap.to]).toEqual(['2028-02-20', '2028-03-19']);
    expect([common.from, common.to]).toEqual(['2027-02-20', '2027-03-19']);
    expect(daysBetween(leap.from, leap.to) + 1).toBe(29);
    expect(daysBetween(common.from, common.to) + 1).toBe(28);
    expect(contains(leap, '2028-02-29')).toBe(true);
  });

  it('January starts on 20 December of the year before', () => {
    const p = periodFor('monthly', 2027, 1, rules);
    expect(window(p)).toEqual(['2026-12-20', '2027-01-19', '2027-01-20', '2027-01-20']);
  });

  it('refuses a month that does not exist or rules without a monthly day', () => {
    expect(() => periodFor('monthly', 2026, 13, rules)).toThrow(RangeError);
    expect(() => periodFor('monthly', 2026, null, rules)).toThrow(RangeError);
    expect(() => periodFor('monthly', 2026, 3, { periodicDeadlines: rules.periodicDeadlines })).toThrow(
      RangeError,
    );
  });
});

describe('ad hoc reports', () => {
  it('keeps the title and is due on the deadline itself', () => {
    const p = adhocPeriod(
      '  Báo cáo nhanh tình hình triển khai Bình dân học vụ số ',
      '2026-04-10',
      '2026-01-01',
      '2026-03-31',
    );
    expect(p).toEqual({
      kind: 'adhoc',
      year: 2026,
      month: null,
      title: 'Báo cáo nhanh tình hình triển khai Bình dân học vụ số',
      from: '2026-01-01',
      to: '2026-03-31',
      deadline: '2026-04-10',
      lastDay: '2026-04-10',
    });
  });

  it('refuses a window that ends before it starts, with a Vietnamese message', () => {
    expect(() => adhocPeriod('Báo cáo', '2026-04-10', '2026-03-31', '2026-01-01')).toThrow(
      /ngày bắt đầu \(31\/3\/2026\) sau ngày kết thúc \(1\/1\/2026\)/,
    );
    expect(() => adhocPeriod('Báo cáo', '2026-04-10', '2026-03-31', '2026-01-01')).toThrow(RangeError);
    expect(() => adhocPeriod('  ', '2026-04-10', '2026-01-01', '2026-03-31')).toThrow(/tiêu đề/);
    expect(() => adhocPeriod('Báo cáo', '2026-02-30', '2026-01-01', '2026-01-31')).toThrow(RangeError);
  });
});

describe('timeliness', () => {
  const half = periodFor('semiannual', 2026, null, rules);
  it('on time until a week before, due soon in the last week and on the last day, late the day after', () => {
    expect(timelinessOf(half, '2026-06-01', false)).toEqual({ timeliness: 'on_time', daysLeft: 13 });
    expect(timelinessOf(half, '2026-06-06', false)).toEqual({ timeliness: 'on_time', daysLeft: 8 });
    expect(timelinessOf(half, '2026-06-07', false)).toEqual({ timeliness: 'due_soon', daysLeft: 7 });
    expect(timelinessOf(half, '2026-06-14', false)).toEqual({ timeliness: 'due_soon', daysLeft: 0 });
    expect(timelinessOf(half, '2026-06-15', false)).toEqual({ timeliness: 'late', daysLeft: -1 });
  });

  it('a sent report is "sent" whatever the date', () => {
    expect(timelinessOf(half, '2026-07-01', true).timeliness).toBe('sent');
  });

  it('a monthly report is still on time on the 20th', () => {
    const march = periodFor('monthly', 2026, 3, rules);
    expect(timelinessOf(march, '2026-03-20', false).timeliness).toBe('due_soon');
    expect(timelinessOf(march, '2026-03-21', false).timeliness).toBe('late');
  });
});

describe('proposed reports', () => {
  it('on 20/6/2026 without the 6-month report: the late 6-month report first, then the year report', () => {
    const ps = proposeReports('2026-06-20', office, new Set(['annual-2025']));
    expect(keys(ps)).toEqual(['semiannual-2026', 'annual-2026']);
    expect(timelinessOf(ps[0]!, '2026-06-20', false).timeliness).toBe('late');
  });

  it('on 20/6/2026 with the 6-month report already made: only the year report', () => {
    expect(keys(proposeReports('2026-06-20', office, new Set(['annual-2025', 'semiannual-2026'])))).toEqual([
      'annual-2026',
    ]);
    expect(
      keys(proposeReports('2026-06-20', office, new Set(['annual-2025', 'semiannual-2026', 'annual-2026']))),
    ).toEqual([]);
  });

  it('across the 15/12 boundary: on 20/12/2026 the 6-month report of 2027', () => {
    expect(keys(proposeReports('2026-12-20', office, new Set(['annual-2026'])))).toEqual(['semiannual-2027']);
    expect(keys(proposeReports('2026-12-14', office, new Set(['semiannual-2026'])))).toEqual(['annual-2026']);
  });

  it('within a term, nothing ending before its start and nothing of a year after its last', () => {
    const term = { ...office, term: { from: '2025-08-20', lastYear: 2030 } };
    // Without a term every period counts; with one, the windows that end before 20/8/2025 are gone.
    expect(keys(proposeReports('2025-03-01', office, new Set()))).toEqual(['annual-2024', 'semiannual-2025']);
    expect(keys(proposeReports('2025-03-01', term, new Set()))).toEqual([]);
    expect(keys(proposeReports('2025-09-01', term, new Set()))).toEqual(['annual-2025']);
    expect(keys(proposeReports('2030-12-20', term, new Set()))).toEqual(['annual-2030']);
    expect(keys(proposeReports('2031-01-10', term, new Set(['annual-2030'])))).toEqual([]);
  });

  it('an agency that owes no periodic report gets none, only its monthly ones', () => {
    expect(keys(proposeReports('2026-03-10', { ...press, periodic: false }, new Set()))).toEqual([
      'monthly-2026-02',
      'monthly-2026-03',
    ]);
    expect(keys(proposeReports('2026-03-10', { ...office, periodic: false }, new Set()))).toEqual([]);
  });

  it('a press agency also gets the month report: this month until the 20th, then next month', () => {
    const existing = new Set(['annual-2025', 'monthly-2026-02']);
    expect(keys(proposeReports('2026-03-20', press, existing))).toEqual([
      'monthly-2026-03',
      'semiannual-2026',
    ]);
    expect(keys(proposeReports('2026-03-21', press, existing))).toEqual([
      'monthly-2026-03',
      'monthly-2026-04',
      'semiannual-2026',
    ]);
    expect(keys(proposeReports('2026-03-21', press, new Set([...existing, 'monthly-2026-03'])))).toEqual([
      'monthly-2026-04',
      'semiannual-2026',
    ]);
    // The current 6-month report already exists: only the month reports remain.
    expect(keys(proposeReports('2026-03-21', press, new Set([...existing, 'semiannual-2026'])))).toEqual([
      'monthly-2026-03',
      'monthly-2026-04',
    ]);
  });

  it('in January the missing December report comes first, from the year before', () => {
    const ps = proposeReports('2027-01-05', press, new Set(['annual-2026']));
    expect(keys(ps)).toEqual(['monthly-2026-12', 'monthly-2027-01', 'semiannual-2027']);
    expect(ps[1]!.from).toBe('2026-12-20');
    expect(keys(proposeReports('2026-12-25', press, new Set(['annual-2026', 'monthly-2026-12'])))).toEqual([
      'monthly-2027-01',
      'semiannual-2027',
    ]);
  });
});
