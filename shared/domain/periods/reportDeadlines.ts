import { daysBetween, type IsoDate } from '../calendarDate.ts';
import { formatShortDate } from '../vietnameseDate.ts';
import { dutiesFor, sendToFor } from '../catalog/applicability.ts';
import type { Catalog, Duty, DutyKind } from '../catalog/schema.ts';
import { lastOnTimeDay, saysBefore } from './deadlineRule.ts';
import { currentMonthly, currentPeriodic, type PeriodRules, type ReportPeriod } from './reportPeriods.ts';

export type DeadlineKind = 'semiannual' | 'annual' | 'monthly';

export interface Deadline {
  kind: DeadlineKind;
  /** "Báo cáo 6 tháng đầu năm 2026" */
  title: string;
  /** The last day on which sending is on time: 14/6 for "trước ngày 15/6", the 20th for monthly. */
  due: IsoDate;
  daysLeft: number;
  /** "trước ngày 15/6/2026", "chậm nhất ngày 20/1/2027" */
  dueText: string;
}

/** The catalog's reporting rules in the form the period functions take (the wording decides "trước ngày"). */
export function periodRulesOf(reporting: Catalog['reporting']): PeriodRules {
  const periodic = reporting.duties.find((d) => d.kind === 'periodic');
  const monthly = reporting.duties.find((d) => d.kind === 'monthly');
  return {
    periodicDeadlines: periodic?.deadlines ?? reporting.periodicDeadlines,
    monthlyDay: monthly?.day ?? reporting.monthly?.day,
    periodicBefore: periodic ? saysBefore(periodic.quote) : true,
    monthlyBefore: monthly ? saysBefore(monthly.quote) : false,
    term: { from: reporting.term.from, lastYear: reporting.term.lastYear },
  };
}

/** What an agency type owes under the plan, as the period functions take it. */
export function dutyRulesFor(
  catalog: Catalog,
  agencyType: string,
): PeriodRules & { periodic: boolean; monthly: boolean } {
  const kinds = new Set(dutiesFor(catalog, agencyType).map((d) => d.kind));
  return {
    ...periodRulesOf(catalog.reporting),
    periodic: kinds.has('periodic'),
    monthly: kinds.has('monthly'),
  };
}

function deadlineOf(period: ReportPeriod, today: IsoDate): Deadline {
  const kind = period.kind as DeadlineKind;
  const when = formatShortDate(period.deadline);
  return {
    kind,
    title: `Báo cáo ${period.title}`,
    due: period.lastDay,
    daysLeft: daysBetween(today, period.lastDay),
    // "Trước ngày 15/6" leaves 14/6 as the last day; "ngày 20 hằng tháng" includes the 20th itself.
    dueText: period.lastDay === period.deadline ? `chậm nhất ngày ${when}` : `trước ngày ${when}`,
  };
}

/**
 * The first open report of each kind the agency type owes on `today`: the next 6-month or year
 * report (V.8.đ, sở, ban, ngành and UBND cấp xã), and the month's own report for the press
 * ("Định kỳ ngày 20 hằng tháng", V.7.đ). Nothing outside the plan's term. Nearest first.
 */
export function nextDeadlines(today: IsoDate, catalog: Catalog, agencyType: string): Deadline[] {
  const rules = dutyRulesFor(catalog, agencyType);
  const periods = [
    rules.periodic ? currentPeriodic(today, rules) : null,
    rules.monthly ? currentMonthly(today, rules) : null,
  ];
  return periods
    .filter((p): p is ReportPeriod => p !== null)
    .map((p) => deadlineOf(p, today))
    .sort((a, b) => a.daysLeft - b.daysLeft);
}

/** One duty as a department's home screen shows it. */
export interface DutyView {
  kind: DutyKind;
  /** The item of the plan, e.g. "V.8.dd". */
  ref: string;
  title: string;
  /** The plan's words. */
  quote: string;
  /** Where it goes; empty when the department keeps it (Sở KH&CN's own plan goes nowhere else). */
  sendTo: string[];
  /** "Trước ngày 15/6 và trước ngày 15/12 hằng năm", "Hằng năm, Kế hoạch không nêu ngày cụ thể". */
  when: string;
  /** The next occurrence still open, or null (no date in the plan, or past the plan's term). */
  next: Deadline | null;
  /** The plan duty: its last day on time, which may have passed. */
  due: IsoDate | null;
}

const dutyTitles: Record<DutyKind, string> = {
  plan: 'Kế hoạch triển khai thực hiện',
  periodic: 'Báo cáo 6 tháng và báo cáo năm',
  monthly: 'Báo cáo tháng',
  annual_plan: 'Kế hoạch truyền thông hằng năm',
};

/** "trước ngày 15/6" or "chậm nhất ngày 20/1": how a date of the duty reads, by the plan's wording. */
const dayText = (duty: Duty, day: string) =>
  `${saysBefore(duty.quote) ? 'trước ngày' : 'chậm nhất ngày'} ${day}`;

function whenOf(duty: Duty): string {
  switch (duty.kind) {
    case 'plan':
      return `Hoàn thành ${dayText(duty, formatShortDate(duty.due!))}`;
    case 'periodic':
      return `Gửi ${(duty.deadlines ?? []).map((d) => dayText(duty, `${d.day}/${d.month}`)).join(' và ')} hằng năm`;
    case 'monthly':
      return `Gửi ${dayText(duty, String(duty.day))} hằng tháng`;
    case 'annual_plan':
      return 'Hằng năm (Kế hoạch không nêu ngày cụ thể)';
  }
}

/** Every duty of the agency type with its next date, in the order the plan's section V lists them. */
export function dutiesView(catalog: Catalog, agencyType: string, today: IsoDate): DutyView[] {
  const rules = dutyRulesFor(catalog, agencyType);
  return dutiesFor(catalog, agencyType).map((duty): DutyView => {
    const period =
      duty.kind === 'periodic'
        ? currentPeriodic(today, rules)
        : duty.kind === 'monthly'
          ? currentMonthly(today, rules)
          : null;
    const due = duty.kind === 'plan' && duty.due ? lastOnTimeDay(duty.due, duty.quote) : null;
    return {
      kind: duty.kind,
      ref: duty.ref,
      title: dutyTitles[duty.kind],
      quote: duty.quote,
      sendTo: sendToFor(catalog, duty, agencyType),
      when: whenOf(duty),
      next: period ? deadlineOf(period, today) : null,
      due,
    };
  });
}
