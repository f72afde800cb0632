import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, parseIsoDate, vietnamToday } from '../../shared/domain/calendarDate.ts';
import { describeDaysLeft, formatDateLine, formatShortDate } from '../../shared/domain/vietnameseDate.ts';
import { nextDeadlines, type Deadline } from '../../shared/domain/periods/reportDeadlines.ts';
import { catalog } from './helpers/planText.ts';
import {
  ADMIN_PASSWORD,
  expectOk,
  loginAs,
  manualClock,
  setUpDepartment,
  type Department,
} from './helpers/setup.ts';

/**
 * Kế hoạch 34/KH-UBND, section V: "Định kỳ ngày 20 hằng tháng ... gửi báo cáo" (V.7.đ, the press)
 * and "Trước ngày 15/6 và trước ngày 15/12 hằng năm ... gửi báo cáo" (V.8.đ, sở, ban, ngành, UBND
 * cấp xã). Each body owes only its own.
 */
const periodic = (today: string, agency = 'so_ban_nganh') => {
  const found = nextDeadlines(today, catalog, agency).filter((d) => d.kind !== 'monthly');
  expect(found).toHaveLength(1);
  return found[0]!;
};
const monthly = (today: string): Deadline | undefined =>
  nextDeadlines(today, catalog, 'co_quan_bao_chi').find((d) => d.kind === 'monthly');

describe('Vietnamese date lines (Nghị định 30/2020)', () => {
  it('pads the day below 10 and the month only for January and February', () => {
    expect(formatDateLine('Bắc Ninh', '2026-02-05')).toBe('Bắc Ninh, ngày 05 tháng 02 năm 2026');
    expect(formatDateLine('Bắc Ninh', '2026-06-15')).toBe('Bắc Ninh, ngày 15 tháng 6 năm 2026');
    expect(formatDateLine('Bắc Ninh', '2027-01-01')).toContain('ngày 01 tháng 01 năm 2027');
    expect(formatDateLine('Bắc Ninh', '2026-12-31')).toContain('ngày 31 tháng 12 năm 2026');
    expect(formatDateLine('Từ Sơn', '2026-03-09')).toBe('Từ Sơn, ngày 09 tháng 3 năm 2026');
  });

  it('writes running-text dates as the plan does', () => {
    expect(formatShortDate('2026-06-15')).toBe('15/6/2026');
    expect(formatShortDate('2027-01-05')).toBe('5/1/2027');
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(() => formatDateLine('Bắc Ninh', '2026-02-29')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-13-01')).toThrow(RangeError);
    expect(() => parseIsoDate('15/6/2026')).toThrow(RangeError);
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
});

describe('calendar arithmetic', () => {
  it('counts days across the year end', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-12-15', '2027-01-20')).toBe(16 + 20);
    expect(daysBetween('2027-01-01', '2026-12-31')).toBe(-1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('counts February as 29 days in 2028 and 28 in 2026', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes today in Vietnam (UTC+7), not in UTC', () => {
    expect(vietnamToday(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(vietnamToday(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(vietnamToday(new Date('2026-06-14T23:00:00Z'))).toBe('2026-06-15');
  });
});

describe('next report deadlines', () => {
  it('from 26/11/2026 the next is the year report, "trước ngày 15/12/2026": last day 14/12, 18 days away', () => {
    const d = periodic('2026-11-26');
    expect(d).toMatchObject({ kind: 'annual', due: '2026-12-14', daysLeft: 4 + 14 });
    expect(d.title).toBe('Báo cáo năm 2026');
    expect(d.dueText).toBe('trước ngày 15/12/2026');
    expect(describeDaysLeft(d.daysLeft)).toBe('còn 18 ngày');
  });

  it('on 14/12/2026 the deadline is still shown: its last day is today', () => {
    const d = periodic('2026-12-14');
    expect(d).toMatchObject({ kind: 'annual', due: '2026-12-14', daysLeft: 0 });
    expect(describeDaysLeft(d.daysLeft)).toBe('hạn chót là hôm nay');
  });

  it('from 15/12/2026 ("trước ngày 15/12" has passed) the next is the six-month report of 2027', () => {
    expect(periodic('2026-12-15')).toMatchObject({ kind: 'semiannual', due: '2027-06-14' });
    const d = periodic('2026-12-16');
    expect(d).toMatchObject({ kind: 'semiannual', due: '2027-06-14' });
    expect(d.daysLeft).toBe(15 + 31 + 28 + 31 + 30 + 31 + 14);
    expect(d.dueText).toBe('trước ngày 15/6/2027');
    expect(d.title).toContain('6 tháng');
    expect(d.title).toContain('2027');
  });

  it('between the two, the six-month report comes first and the year report after it', () => {
    expect(periodic('2026-01-10')).toMatchObject({ kind: 'semiannual', due: '2026-06-14' });
    expect(periodic('2026-06-14')).toMatchObject({ kind: 'semiannual', due: '2026-06-14', daysLeft: 0 });
    expect(periodic('2026-06-15')).toMatchObject({ kind: 'annual', due: '2026-12-14' });
  });

  it('monthly reports by the 20th only for the agencies the plan names', () => {
    expect(nextDeadlines('2026-03-01', catalog, 'so_ban_nganh').map((d) => d.kind)).not.toContain('monthly');
    expect(monthly('2026-03-01')).toMatchObject({ due: '2026-03-20', daysLeft: 19 });
    expect(monthly('2026-03-20')).toMatchObject({ due: '2026-03-20', daysLeft: 0 });
    expect(monthly('2026-03-21')).toMatchObject({ due: '2026-04-20' });
  });

  it('after 20/12 the next monthly report is due 20/01 of the next year', () => {
    const d = monthly('2026-12-21');
    expect(d).toMatchObject({ due: '2027-01-20', daysLeft: 10 + 20 });
    expect(d!.title).toContain('2027');
    // "Định kỳ ngày 20 hằng tháng": the 20th itself is on time, so not "trước ngày 20".
    expect(d!.dueText).toBe('chậm nhất ngày 20/1/2027');
  });

  it('the press owes the monthly report, not the half-year ones; Tỉnh đoàn and Ban Tuyên giáo neither', () => {
    expect(nextDeadlines('2026-12-21', catalog, 'co_quan_bao_chi').map((d) => d.due)).toEqual(['2027-01-20']);
    expect(nextDeadlines('2026-12-21', catalog, 'bao_ptth_tinh').map((d) => d.kind)).toEqual(['monthly']);
    expect(nextDeadlines('2026-12-21', catalog, 'tinh_doan')).toEqual([]);
    expect(nextDeadlines('2026-12-21', catalog, 'ban_tuyen_giao')).toEqual([]);
  });
});

describe('the home page uses Vietnam time and the plan of the department', () => {
  const time = manualClock('2026-12-21T03:00:00Z');
  let press: Department;
  let office: Department;
  beforeAll(async () => {
    press = await setUpDepartment({ clock: time.clock, organization: { agencyType: 'co_quan_bao_chi' } });
    office = await setUpDepartment({ clock: time.clock });
  });
  afterAll(() => {
    press.services.close();
    office.services.close();
  });

  interface Home {
    today: string;
    deadlines: Deadline[];
    tasks: { id: string; appliesTo: string[] }[];
  }

  // The test plan (tests/fixtures) has no duties of its own: every body owes the periodic reports,
  // the press the monthly one too, as plan files without `reporting.duties` always meant.
  it('a press agency sees its monthly report and the six-month report, nearest first', async () => {
    time.set('2026-12-21T03:00:00Z');
    const home = expectOk<Home>(await press.call('home.get', {}));
    expect(home.today).toBe('2026-12-21');
    expect(home.deadlines.map((d) => [d.kind, d.due])).toEqual([
      ['monthly', '2027-01-20'],
      ['semiannual', '2027-06-14'],
    ]);
    expect(home.tasks.every((t) => t.appliesTo.includes('co_quan_bao_chi'))).toBe(true);
  });

  it('a department sees no monthly report, and the day turns at midnight in Vietnam', async () => {
    time.set('2026-12-14T16:30:00Z'); // 23:30 on 14/12 in Bắc Ninh: the last day for "trước ngày 15/12".
    let home = expectOk<Home>(await office.call('home.get', {}));
    expect(home.today).toBe('2026-12-14');
    expect(home.deadlines.map((d) => [d.kind, d.due, d.daysLeft])).toEqual([['annual', '2026-12-14', 0]]);

    time.set('2026-12-14T17:30:00Z'); // 00:30 on 15/12: that deadline has passed.
    home = expectOk<Home>(await office.call('home.get', {}));
    expect(home.today).toBe('2026-12-15');
    expect(home.deadlines.map((d) => d.due)).toEqual(['2027-06-14']);

    time.set('2026-12-31T17:30:00Z');
    // Ten days after the sign-in: past a session's maximum age, so sign in again.
    const again = await loginAs(office, 'quantri', ADMIN_PASSWORD);
    expect(expectOk<Home>(await again.call('home.get', {})).today).toBe('2027-01-01');
  });
});
