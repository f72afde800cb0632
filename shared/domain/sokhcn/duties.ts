import { parseIsoDate, type IsoDate } from '../calendarDate.ts';
import type { Catalog } from '../catalog/schema.ts';
import { lastOnTimeDay } from '../periods/deadlineRule.ts';
import { periodRulesOf } from '../periods/reportDeadlines.ts';
import { isOwed, periodFor, periodKey, type ReportPeriod } from '../periods/reportPeriods.ts';
import { formatShortDate } from '../vietnameseDate.ts';

/**
 * What Sở KH&CN follows (Kế hoạch 34, V.2 and V.8.đ): every document the plan asks of the
 * departments — the implementation plan by 10/9/2025, each half-year and year report, each month's
 * report for the press — with its last day on time and the agency types that owe it. The same
 * catalog rules the departments' own home page reads, seen from the receiving side.
 */

export interface FollowedDuty {
  /** The intake server's period key: "plan", "semiannual-2026", "monthly-2026-03". */
  periodKey: string;
  kind: 'plan' | 'report';
  /** "Kế hoạch triển khai", "Báo cáo 6 tháng đầu năm 2026". */
  title: string;
  /** Null for the plan. */
  period: ReportPeriod | null;
  /** The date the plan names ("trước ngày 15/6/2026"). */
  deadline: IsoDate;
  /** The last day on which sending is on time. */
  lastDay: IsoDate;
  /** "trước ngày 15/6/2026" or "chậm nhất ngày 20/3/2026". */
  dueText: string;
  /** The agency types that owe it. */
  appliesTo: string[];
  /** The year whose targets a report is compared with (the plan: the year it is due). */
  year: number;
}

const dueText = (deadline: IsoDate, lastDay: IsoDate) =>
  `${lastDay === deadline ? 'chậm nhất ngày' : 'trước ngày'} ${formatShortDate(deadline)}`;

/** Every duty whose last day falls on or before `until` (and the next ones still open), newest first. */
export function followedDuties(catalog: Catalog, until: IsoDate): FollowedDuty[] {
  const rules = periodRulesOf(catalog.reporting);
  const duties = catalog.reporting.duties ?? [];
  const out: FollowedDuty[] = [];
  const plan = duties.find((d) => d.kind === 'plan');
  if (plan?.due) {
    const lastDay = lastOnTimeDay(plan.due, plan.quote);
    out.push({
      periodKey: 'plan',
      kind: 'plan',
      title: 'Kế hoạch triển khai',
      period: null,
      deadline: plan.due,
      lastDay,
      dueText: dueText(plan.due, lastDay),
      appliesTo: plan.appliesTo,
      year: parseIsoDate(plan.due).year,
    });
  }
  const term = catalog.reporting.term;
  const firstYear = term ? parseIsoDate(term.from).year : parseIsoDate(catalog.issuedOn).year;
  const lastYear = Math.min(term?.lastYear ?? firstYear + 5, parseIsoDate(until).year + 1);
  const report = (p: ReportPeriod, appliesTo: string[]): FollowedDuty => ({
    periodKey: periodKey(p),
    kind: 'report',
    title: `Báo cáo ${p.title}`,
    period: p,
    deadline: p.deadline,
    lastDay: p.lastDay,
    dueText: dueText(p.deadline, p.lastDay),
    appliesTo,
    year: p.year,
  });
  const periodic = duties.find((d) => d.kind === 'periodic');
  const monthly = duties.find((d) => d.kind === 'monthly');
  for (let year = firstYear; year <= lastYear; year++) {
    if (periodic) {
      for (const kind of ['semiannual', 'annual'] as const) {
        const p = periodFor(kind, year, null, rules);
        if (isOwed(p, rules)) out.push(report(p, periodic.appliesTo));
      }
    }
    if (monthly && rules.monthlyDay !== undefined) {
      for (let month = 1; month <= 12; month++) {
        const p = periodFor('monthly', year, month, rules);
        if (isOwed(p, rules)) out.push(report(p, monthly.appliesTo));
      }
    }
  }
  // Up to the first duty still open after `until`: what is due now, and nothing of the far future.
  const sorted = out.sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
  const open = sorted.findIndex((d) => d.lastDay >= until);
  const kept =
    open < 0
      ? sorted
      : sorted.filter((d, i) => i <= open || d.lastDay <= until || isNextOfKind(sorted, i, until));
  return kept.reverse();
}

/** The first open duty of each kind (plan, half-year/year, month) is kept, so each shows what is due next. */
function isNextOfKind(sorted: FollowedDuty[], i: number, until: IsoDate): boolean {
  const d = sorted[i]!;
  const group = (x: FollowedDuty) => (x.period?.kind === 'monthly' ? 'monthly' : x.kind);
  return sorted.findIndex((x) => group(x) === group(d) && x.lastDay >= until) === i;
}

/** One duty by its period key, anywhere in the plan's term; null for a key the plan does not ask. */
export function dutyByKey(catalog: Catalog, key: string): FollowedDuty | null {
  return followedDuties(catalog, '9999-12-31').find((d) => d.periodKey === key) ?? null;
}
