import { daysBetween, type IsoDate } from '../calendarDate.ts';
import { documentStatusLabels, type DocumentStatus } from '../documents/documentMeta.ts';
import { describeDaysLeft } from '../vietnameseDate.ts';
import type { ReportPeriod, Timeliness } from './reportPeriods.ts';

/**
 * What the home screen's deadline cards say. A document counts as sent once it is issued (the
 * văn thư gives it a number and it goes to Sở KH&CN): a plan drafted, submitted or approved is
 * still "chưa gửi", and once its day has passed it is "quá hạn" until then.
 */

export type CardState = 'ok' | 'soon' | 'late';

/** Late once the last day has passed; "soon" in the last 15 days. */
export function urgencyOf(daysLeft: number): CardState {
  if (daysLeft < 0) return 'late';
  if (daysLeft <= 15) return 'soon';
  return 'ok';
}

/** The plan duty's card: `plan` is the department's plan (null before "Tạo kế hoạch"). */
export function planCard(
  plan: { status: DocumentStatus } | null,
  due: IsoDate | null,
  today: IsoDate,
): { state: CardState; text: string } {
  if (plan?.status === 'issued') return { state: 'ok', text: 'Đã ban hành' };
  const where = plan ? `Chưa gửi (${documentStatusLabels[plan.status].toLowerCase()})` : 'Chưa tạo';
  if (due === null) return { state: plan ? 'soon' : 'ok', text: plan ? where : 'Chưa tạo kế hoạch' };
  const days = daysBetween(today, due);
  return { state: urgencyOf(days), text: `${where} – ${describeDaysLeft(days)}` };
}

/** "Báo cáo năm 2026"; an ad hoc report's own title already says "Báo cáo …". */
const reportTitle = (p: ReportPeriod) => (p.kind === 'adhoc' ? p.title : `Báo cáo ${p.title}`);

export interface ListedReport {
  period: ReportPeriod;
  status: { timeliness: Timeliness; daysLeft: number };
}

export interface OverdueReport {
  /** "Báo cáo năm 2026" */
  title: string;
  kind: ReportPeriod['kind'];
  daysLate: number;
  /** Created but not issued yet, or not even created. */
  created: boolean;
}

/**
 * The reports whose day has passed unsent, for the card of their duty: the ones created and not
 * issued ('reports.list') and the ones never created ('reports.propose'), oldest first. The
 * statuses are the services' own (timelinessOf), so a period the department does not owe is never
 * here.
 */
export function overdueReports(
  listed: readonly ListedReport[],
  proposed: readonly ListedReport[],
): OverdueReport[] {
  const late = (r: ListedReport, created: boolean): OverdueReport[] =>
    r.status.timeliness === 'late'
      ? [{ title: reportTitle(r.period), kind: r.period.kind, daysLate: -r.status.daysLeft, created }]
      : [];
  return [...listed.flatMap((r) => late(r, true)), ...proposed.flatMap((r) => late(r, false))].sort(
    (a, b) => b.daysLate - a.daysLate,
  );
}

/** "Báo cáo năm 2026: chưa tạo, đã quá hạn 5 ngày" */
export function overdueText(r: OverdueReport): string {
  return `${r.title}: ${r.created ? 'chưa gửi' : 'chưa tạo'}, ${describeDaysLeft(-r.daysLate)}`;
}
