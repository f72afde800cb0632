import { isoDate, type IsoDate } from '../calendarDate.ts';
import type { Timeline } from '../plans/activityTimeline.ts';
import type { ReportPeriod } from '../periods/reportPeriods.ts';
import type { ReportActivity } from './reportContent.ts';

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The last day an activity's timeline allows: the end of its month or quarter, its date; none for
 * "thường xuyên" and for the plan's own words, which cannot be overdue.
 */
export function timelineDue(t: Timeline): IsoDate | null {
  switch (t.kind) {
    case 'month':
      return isoDate(t.year, t.month, lastDayOfMonth(t.year, t.month));
    case 'quarter':
      return isoDate(t.year, t.quarter * 3, lastDayOfMonth(t.year, t.quarter * 3));
    case 'date':
      return t.date;
    case 'recurring':
    case 'text':
      return null;
  }
}

/**
 * Overdue in this report: its timeline ended before the end of the report's period and it is
 * neither done nor marked "không áp dụng".
 */
export function activityOverdue(a: ReportActivity, period: Pick<ReportPeriod, 'to'>): boolean {
  if (a.status === 'hoan_thanh' || a.status === 'khong_ap_dung') return false;
  const due = timelineDue(a.timeline);
  return due !== null && due < period.to;
}
