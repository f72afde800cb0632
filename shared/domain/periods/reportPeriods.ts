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
  /**
   * Whether the plan says "trước ngày" (the last day on time is the day before, deadlineRule.ts):
   * true for "Trước ngày 15/6 và trước ngày 15/12" (the default), false for "Định kỳ ngày 20".
   */
  periodicBefore?: boolean;
  monthlyBefore?: boolean;
  /**
   * How long the plan runs: no period is owed that ends before it took effect, and none of a year
   * after its last. The first window starts on the day it took effect.
   */
  term?: { from: IsoDate; lastYear: number };
}

/** A period is owed when its window reaches into the plan's term. */
export function isOwed(period: ReportPeriod, rules: PeriodRules): boolean {
  if (!rules.term) return true;
  return daysBetween(rules.term.from, period.to) >= 0 && period.year <= rules.term.lastYear;
}

/** The window starts no earlier than the plan itself. */
function clipped(period: ReportPeriod, rules: PeriodRules): ReportPeriod {
  const start = rules.term?.from;
  return start && daysBetween(period.from, start) > 0 ? { ...period, from: start } : period;
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
    const period: ReportPeriod = {
      kind,
      year,
      month,
      title: `tháng ${month} năm ${year}`,
      from,
      to: addDays(deadline, -1),
      deadline,
      lastDay: rules.monthlyBefore ? addDays(deadline, -1) : deadline,
    };
    return clipped(period, rules);
  }
  const deadlines = sortedDeadlines(rules);
  const annual = deadlines[deadlines.length - 1]!;
  const own = kind === 'annual' ? annual : deadlines.length > 1 ? deadlines[0]! : undefined;
  if (!own) throw new RangeError('Kế hoạch không quy định báo cáo 6 tháng');
  // Cumulative windows: from the previous year's year-report deadline to the day before this one.
  const deadline = isoDate(year, own.month, own.day);
  const to = addDays(deadline, -1);
  const period: ReportPeriod = {
    kind,
    year,
    month: null,
    title: kind === 'annual' ? `năm ${year}` : `6 tháng đầu năm ${year}`,
    from: isoDate(year - 1, annual.month, annual.day),
    to,
    deadline,
    lastDay: rules.periodicBefore === false ? deadline : to,
  };
  return clipped(period, rules);
}

/**
 * The period of a report the plan asks for, or a Vietnamese RangeError saying why it is not owed:
 * it ended before the plan took effect, or it falls after the plan's last year.
 */
export function owedPeriod(
  kind: Exclude<ReportKind, 'adhoc'>,
  year: number,
  month: number | null,
  rules: PeriodRules,
): ReportPeriod {
  const period = periodFor(kind, year, month, rules);
  if (isOwed(period, rules)) return period;
  const term = rules.term!;
  if (period.year > term.lastYear) {
    throw new RangeError(
      `Kỳ báo cáo ${period.title} nằm ngoài thời gian thực hiện Kế hoạch (đến hết năm ${term.lastYear}): không phải lập báo cáo kỳ này`,
    );
  }
  throw new RangeError(
    `Kỳ báo cáo ${period.title} kết thúc ngày ${formatShortDate(period.to)}, trước khi Kế hoạch có hiệu lực (${formatShortDate(term.from)}): không phải lập báo cáo kỳ này`,
  );
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

/** `not_owed`: a report of a period the plan does not ask of the department (never "Quá hạn"). */
export type Timeliness = 'on_time' | 'due_soon' | 'late' | 'sent' | 'not_owed';
export const timelinessLabels: Record<Timeliness, string> = {
  on_time: 'Còn hạn',
  due_soon: 'Sắp đến hạn',
  late: 'Quá hạn',
  sent: 'Đã gửi',
  not_owed: 'Không thuộc kỳ phải báo cáo',
};

/**
 * Due soon within 7 days of `lastDay`; late once `lastDay` has passed unsent. With `rules`, a
 * periodic report the department does not owe (a kind it has no duty of, or a period outside the
 * plan's term) is `not_owed`, whatever the date.
 */
export function timelinessOf(
  period: ReportPeriod,
  today: IsoDate,
  sent: boolean,
  rules?: PeriodRules & { periodic?: boolean; monthly?: boolean },
): { timeliness: Timeliness; daysLeft: number } {
  const daysLeft = daysBetween(today, period.lastDay);
  if (sent) return { timeliness: 'sent', daysLeft };
  if (rules && period.kind !== 'adhoc') {
    const dutyOf = period.kind === 'monthly' ? rules.monthly : rules.periodic;
    if (dutyOf === false || !isOwed(period, rules)) return { timeliness: 'not_owed', daysLeft };
  }
  if (daysLeft < 0) return { timeliness: 'late', daysLeft };
  return { timeliness: daysLeft <= 7 ? 'due_soon' : 'on_time', daysLeft };
}

/** The periodic (6-month and year) reports of the given years, in deadline order. */
export function periodicPeriods(years: readonly number[], rules: PeriodRules): ReportPeriod[] {
  const deadlines = sortedDeadlines(rules);
  const kinds: ('semiannual' | 'annual')[] = deadlines.length > 1 ? ['semiannual', 'annual'] : ['annual'];
  return years.flatMap((y) => kinds.map((k) => periodFor(k, y, null, rules)));
}

/**
 * The first periodic report still open on `today` (its last day is today or later) that the plan
 * asks for; null once the plan's last period has passed.
 */
export function currentPeriodic(today: IsoDate, rules: PeriodRules): ReportPeriod | null {
  const { year } = parseIsoDate(today);
  const all = periodicPeriods([year, year + 1], rules);
  return all.find((p) => daysBetween(today, p.lastDay) >= 0 && isOwed(p, rules)) ?? null;
}

/** The first monthly report still open on `today` that the plan asks for; null after its last. */
export function currentMonthly(today: IsoDate, rules: PeriodRules): ReportPeriod | null {
  const { year, month } = parseIsoDate(today);
  // This month's or a later one: before the plan starts, the first owed month may be months away.
  for (let i = 0; i < 24; i++) {
    const m = ((month - 1 + i) % 12) + 1;
    const p = periodFor('monthly', year + Math.floor((month - 1 + i) / 12), m, rules);
    if (daysBetween(today, p.lastDay) >= 0 && isOwed(p, rules)) return p;
    if (rules.term && p.year > rules.term.lastYear) return null;
  }
  return null;
}

/**
 * The reports the department should be working on now: the periodic report whose window holds
 * `today` (or the previous one if it was never created), and for monthly reporters this month's
 * and the previous month's. Only what the department owes (`periodic`, `monthly`) and only
 * periods the plan's term asks for (isOwed). Reports already created (their key is in
 * `existingKeys`) are left out; missed ones come first (the list is in order of their last day).
 */
export function proposeReports(
  today: IsoDate,
  rules: PeriodRules & { monthly: boolean; periodic?: boolean },
  existingKeys: ReadonlySet<string>,
): ReportPeriod[] {
  const { year, month } = parseIsoDate(today);
  const candidates: (ReportPeriod | undefined)[] = [];
  if (rules.periodic !== false) {
    const periodic = periodicPeriods([year - 1, year, year + 1], rules);
    const i = periodic.findIndex((p) => daysBetween(today, p.lastDay) >= 0);
    candidates.push(periodic[i - 1], periodic[i]);
  }
  if (rules.monthly && rules.monthlyDay !== undefined) {
    const own = periodFor('monthly', year, month, rules);
    const next =
      month === 12 ? periodFor('monthly', year + 1, 1, rules) : periodFor('monthly', year, month + 1, rules);
    const prev =
      month === 1 ? periodFor('monthly', year - 1, 12, rules) : periodFor('monthly', year, month - 1, rules);
    // This month's while its day has not passed (and the month before it), else next month's and this one.
    candidates.push(...(daysBetween(today, own.lastDay) >= 0 ? [prev, own] : [own, next]));
  }
  return candidates
    .filter((p): p is ReportPeriod => p !== undefined && isOwed(p, rules) && !existingKeys.has(periodKey(p)))
    .sort((a, b) => daysBetween(b.lastDay, a.lastDay));
}
