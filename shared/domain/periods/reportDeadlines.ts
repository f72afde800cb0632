import { daysBetween, type IsoDate } from '../calendarDate.ts';
import { formatShortDate } from '../vietnameseDate.ts';
import type { Catalog } from '../catalog/schema.ts';
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

/** The catalog's reporting rules in the form the period functions take. */
export function periodRulesOf(reporting: Catalog['reporting']): PeriodRules {
  return { periodicDeadlines: reporting.periodicDeadlines, monthlyDay: reporting.monthly?.day };
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
 * The first open report of each kind on `today`: the next 6-month or year report, and the
 * month's own report for agencies that also report monthly ("Định kỳ ngày 20 hằng tháng"). The
 * periods come from reportPeriods.ts, so a deadline is shown until its last day (14/6 for a report
 * due "trước ngày 15/6") has passed. Nearest first.
 */
export function nextDeadlines(
  today: IsoDate,
  reporting: Catalog['reporting'],
  agencyType: string,
): Deadline[] {
  const rules = periodRulesOf(reporting);
  const result = [deadlineOf(currentPeriodic(today, rules), today)];
  if (reporting.monthly && reporting.monthly.appliesTo.includes(agencyType)) {
    result.push(deadlineOf(currentMonthly(today, rules), today));
  }
  return result.sort((a, b) => a.daysLeft - b.daysLeft);
}
