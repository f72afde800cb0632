import { z } from 'zod';
import { text } from '../../text.ts';
import { addDays, daysBetween, isoDate, parseIsoDate, type IsoDate } from '../calendarDate.ts';
import { formatShortDate } from '../vietnameseDate.ts';

export const reportKindSchema = z.enum(['semiannual', 'annual', 'monthly', 'adhoc']);
export type ReportKind = z.infer<typeof reportKindSchema>;

export const reportKindLabels: Record<ReportKind, string> = {
  semiannual: 'Báo cáo 6 tháng đầu năm',
  annual: 'Báo cáo năm',
  monthly: 'Báo cáo tháng',
  adhoc: 'Báo cáo đột xuất',
};

const isoDateField = text.pattern(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/**
 * What a report covers and when it is due. `deadline` is the date the plan names ("trước ngày
 * 15/6"); `lastDay` the last day on which sending is on time (14/6 for "before 15/6", the 20th
 * itself for "ngày 20 hằng tháng").
 */
export const reportPeriodSchema = z.object({
  kind: reportKindSchema,
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12).nullable(),
  /** "6 tháng đầu năm 2026", "năm 2026", "tháng 3 năm 2026", or the ad hoc report's own title. */
  title: text.name(300).min(1),
  from: isoDateField,
  to: isoDateField,
  deadline: isoDateField,
  lastDay: isoDateField,
});
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** Stable key of a period, one report per key: "semiannual-2026", "monthly-2026-03", "adhoc-<id>". */
export function periodKey(p: Pick<ReportPeriod, 'kind' | 'year' | 'month'>, adhocId?: string): string {
  switch (p.kind) {
    case 'adhoc':
      if (!adhocId) throw new RangeError('Báo cáo đột xuất cần có mã riêng để phân biệt');
      return `adhoc-${adhocId}`;
    case 'monthly':
      if (p.month === null) throw new RangeError('Báo cáo tháng cần có tháng');
      return `monthly-${p.year}-${String(p.month).padStart(2, '0')}`;
    default:
      return `${p.kind}-${p.year}`;
  }
}

export interface PeriodRules {
  /** From the catalog: [{month: 6, day: 15}, {month: 12, day: 15}] */
  periodicDeadlines: { month: number; day: number }[];
  monthlyDay?: number;
}

/** The plan's deadlines in calendar order: the last one of the year is the year report. */
function sortedDeadlines(rules: PeriodRules): { month: number; day: number }[] {
  if (rules.periodicDeadlines.length === 0)
    throw new RangeError('Kế hoạch không quy định hạn báo cáo định kỳ');
  return [...rules.periodicDeadlines].sort((a, b) => a.month - b.month || a.day - b.day);
}

/** The period of a report of `kind` for `year` (and `month` for monthly reports). */
export function periodFor(
  kind: Exclude<ReportKind, 'adhoc'>,
  year: number,
  month: number | null,
  rules: PeriodRules,
): ReportPeriod {
  if (kind === 'monthly') {
    const day = rules.monthlyDay;
    if (day === undefined) throw new RangeError('Kế hoạch không quy định báo cáo tháng');
    if (month === null || !Number.isInteger(month) || month < 1 || month > 12) {
      throw new RangeError(`Tháng không hợp lệ: ${String(month)}`);
    }
    const deadline = isoDate(year, month, day);
    const from = month === 1 ? isoDate(year - 1, 12, day) : isoDate(year, month - 1, day);
    return {
      kind,
      year,
      month,
      title: `tháng ${month} năm ${year}`,
      from,
      to: addDays(deadline, -1),
      deadline,
      lastDay: deadline,
    };
  }
  const deadlines = sortedDeadlines(rules);
  const annual = deadlines[deadlines.length - 1]!;
  const own = kind === 'annual' ? annual : deadlines.length > 1 ? deadlines[0]! : undefined;
  if (!own) throw new RangeError('Kế hoạch không quy định báo cáo 6 tháng');
  // Cumulative windows: from the previous year's year-report deadline to the day before this one.
  const deadline = isoDate(year, own.month, own.day);
  const lastDay = addDays(deadline, -1);
  return {
    kind,
    year,
    month: null,
    title: kind === 'annual' ? `năm ${year}` : `6 tháng đầu năm ${year}`,
    from: isoDate(year - 1, annual.month, annual.day),
    to: lastDay,
    deadline,
    lastDay,
  };
}

/**
 * An ad hoc report ("đột xuất khi có yêu cầu"): the request names the title, the due date and the
 * data window. Due on the deadline itself; `year` (for the indicator targets) is the year of `to`.
 */
export function adhocPeriod(title: string, deadline: IsoDate, from: IsoDate, to: IsoDate): ReportPeriod {
  const name = title.normalize('NFC').trim();
  if (!name) throw new RangeError('Báo cáo đột xuất cần có tiêu đề');
  if (name.length > 300) throw new RangeError('Tiêu đề báo cáo đột xuất dài quá 300 ký tự');
  parseIsoDate(deadline);
  const { year } = parseIsoDate(to);
  if (daysBetween(from, to) < 0) {
    throw new RangeError(
      `Khoảng thời gian không hợp lệ: ngày bắt đầu (${formatShortDate(from)}) sau ngày kết thúc (${formatShortDate(to)})`,
    );
  }
  return { kind: 'adhoc', year, month: null, title: name, from, to, deadline, lastDay: deadline };
}

export type Timeliness = 'on_time' | 'due_soon' | 'late' | 'sent';
export const timelinessLabels: Record<Timeliness, string> = {
  on_time: 'Còn hạn',
  due_soon: 'Sắp đến hạn',
  late: 'Quá hạn',
  sent: 'Đã gửi',
};

/** Due soon within 7 days of `lastDay`; late once `lastDay` has passed unsent. */
export function timelinessOf(
  period: ReportPeriod,
  today: IsoDate,
  sent: boolean,
): { timeliness: Timeliness; daysLeft: number } {
  const daysLeft = daysBetween(today, period.lastDay);
  if (sent) return { timeliness: 'sent', daysLeft };
  if (daysLeft < 0) return { timeliness: 'late', daysLeft };
  return { timeliness: daysLeft <= 7 ? 'due_soon' : 'on_time', daysLeft };
}

/** The periodic (6-month and year) reports of the given years, in deadline order. */
export function periodicPeriods(years: readonly number[], rules: PeriodRules): ReportPeriod[] {
  const deadlines = sortedDeadlines(rules);
  const kinds: ('semiannual' | 'annual')[] = deadlines.length > 1 ? ['semiannual', 'annual'] : ['annual'];
  return years.flatMap((y) => kinds.map((k) => periodFor(k, y, null, rules)));
}

/** The first periodic report still open on `today` (its last day is today or later). */
export function currentPeriodic(today: IsoDate, rules: PeriodRules): ReportPeriod {
  const { year } = parseIsoDate(today);
  const all = periodicPeriods([year, year + 1], rules);
  return all.find((p) => daysBetween(today, p.lastDay) >= 0)!;
}

/** This month's report while its day has not passed, else next month's. */
export function currentMonthly(today: IsoDate, rules: PeriodRules): ReportPeriod {
  const { year, month } = parseIsoDate(today);
  const own = periodFor('monthly', year, month, rules);
  if (daysBetween(today, own.lastDay) >= 0) return own;
  return month === 12
    ? periodFor('monthly', year + 1, 1, rules)
    : periodFor('monthly', year, month + 1, rules);
}

/**
 * The reports the department should be working on now: the periodic report whose window holds
 * `today` (or the previous one if it was never created), and for monthly reporters this month's.
 * Reports already created (their key is in `existingKeys`) are left out; missed ones come first
 * (the list is in order of their last day). Nothing before `firstYear`, when the plan began.
 */
export function proposeReports(
  today: IsoDate,
  rules: PeriodRules & { monthly: boolean },
  existingKeys: ReadonlySet<string>,
  firstYear = 2025,
): ReportPeriod[] {
  const { year } = parseIsoDate(today);
  const periodic = periodicPeriods([year - 1, year, year + 1], rules);
  const i = periodic.findIndex((p) => daysBetween(today, p.lastDay) >= 0);
  const candidates = [periodic[i - 1], periodic[i]];
  if (rules.monthly && rules.monthlyDay !== undefined) {
    const current = currentMonthly(today, rules);
    const m = current.month!;
    const previous =
      m === 1
        ? periodFor('monthly', current.year - 1, 12, rules)
        : periodFor('monthly', current.year, m - 1, rules);
    candidates.push(previous, current);
  }
  return candidates
    .filter(
      (p): p is ReportPeriod => p !== undefined && p.year >= firstYear && !existingKeys.has(periodKey(p)),
    )
    .sort((a, b) => daysBetween(b.lastDay, a.lastDay));
}
