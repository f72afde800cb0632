import { z } from 'zod';
import type { IsoDate } from '../calendarDate.ts';

export const reportKindSchema = z.enum(['semiannual', 'annual', 'monthly', 'adhoc']);
export type ReportKind = z.infer<typeof reportKindSchema>;

export const reportKindLabels: Record<ReportKind, string> = {
  semiannual: 'Báo cáo 6 tháng đầu năm',
  annual: 'Báo cáo năm',
  monthly: 'Báo cáo tháng',
  adhoc: 'Báo cáo đột xuất',
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

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
  title: z.string().min(1).max(300),
  from: isoDate,
  to: isoDate,
  deadline: isoDate,
  lastDay: isoDate,
});
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** Stable key of a period, one report per key: "semiannual-2026", "monthly-2026-03", "adhoc-<id>". */
export function periodKey(p: Pick<ReportPeriod, 'kind' | 'year' | 'month'>, adhocId?: string): string {
  throw new Error('not implemented');
}

export interface PeriodRules {
  /** From the catalog: [{month: 6, day: 15}, {month: 12, day: 15}] */
  periodicDeadlines: { month: number; day: number }[];
  monthlyDay?: number;
}

/** The period of a report of `kind` for `year` (and `month` for monthly reports). */
export function periodFor(kind: Exclude<ReportKind, 'adhoc'>, year: number, month: number | null, rules: PeriodRules): ReportPeriod {
  throw new Error('not implemented');
}

export function adhocPeriod(title: string, deadline: IsoDate, from: IsoDate, to: IsoDate): ReportPeriod {
  throw new Error('not implemented');
}

export type Timeliness = 'on_time' | 'due_soon' | 'late' | 'sent';
export const timelinessLabels: Record<Timeliness, string> = {
  on_time: 'Còn hạn',
  due_soon: 'Sắp đến hạn',
  late: 'Quá hạn',
  sent: 'Đã gửi',
};

/** Due soon within 7 days of `lastDay`; late once `lastDay` has passed unsent. */
export function timelinessOf(period: ReportPeriod, today: IsoDate, sent: boolean): { timeliness: Timeliness; daysLeft: number } {
  throw new Error('not implemented');
}

/**
 * The reports the department should be working on now: the periodic report whose window holds
 * `today` (or the previous one if it was never created), and for monthly reporters this month's.
 */
export function proposeReports(
  today: IsoDate,
  rules: PeriodRules & { monthly: boolean },
  existingKeys: ReadonlySet<string>,
): ReportPeriod[] {
  throw new Error('not implemented');
}
