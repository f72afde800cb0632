import { daysBetween, isoDate, parseIsoDate, type IsoDate } from '../calendarDate.ts';
import { formatShortDate } from '../vietnameseDate.ts';
import type { Catalog } from '../catalog/schema.ts';

export type DeadlineKind = 'semiannual' | 'annual' | 'monthly';

export interface Deadline {
  kind: DeadlineKind;
  /** "Báo cáo 6 tháng đầu năm 2026" */
  title: string;
  /** The report must reach the recipient before this date. */
  due: IsoDate;
  daysLeft: number;
  /** "trước ngày 15/6/2026" */
  dueText: string;
}

/**
 * The first deadline of each kind on or after `today`: the next 15/6 or 15/12 report, and the next
 * 20th for agencies that also report monthly ("Định kỳ ngày 20 hằng tháng", the month's own report). A report due "before 15/6" is still on time on 14/6,
 * and the deadline is shown until its day has passed.
 */
export function nextDeadlines(
  today: IsoDate,
  reporting: Catalog['reporting'],
  agencyType: string,
): Deadline[] {
  const { year, month, day } = parseIsoDate(today);
  const result: Deadline[] = [];

  const periodic = [...reporting.periodicDeadlines].sort((a, b) => a.month - b.month || a.day - b.day);
  const lastOfYear = periodic[periodic.length - 1];
  const candidates = [year, year + 1].flatMap((y) =>
    periodic.map((p) => ({ y, p, due: isoDate(y, p.month, p.day), annual: p === lastOfYear })),
  );
  const next = candidates.find((c) => daysBetween(today, c.due) >= 0);
  if (next) {
    const kind: DeadlineKind = next.annual ? 'annual' : 'semiannual';
    result.push({
      kind,
      title: kind === 'annual' ? `Báo cáo năm ${next.y}` : `Báo cáo 6 tháng đầu năm ${next.y}`,
      due: next.due,
      daysLeft: daysBetween(today, next.due),
      dueText: `trước ngày ${formatShortDate(next.due)}`,
    });
  }

  const monthly = reporting.monthly;
  if (monthly && monthly.appliesTo.includes(agencyType)) {
    const [y, m] = day <= monthly.day ? [year, month] : month === 12 ? [year + 1, 1] : [year, month + 1];
    const due = isoDate(y, m, monthly.day);
    result.push({
      kind: 'monthly',
      title: `Báo cáo tháng ${m} năm ${y}`,
      due,
      daysLeft: daysBetween(today, due),
      dueText: `trước ngày ${formatShortDate(due)}`,
    });
  }
  return result.sort((a, b) => a.daysLeft - b.daysLeft);
}
