import { daysBetween, isoDate, type IsoDate } from '../calendarDate.ts';
import { cadencesOf } from '../catalog/cadence.ts';
import type { Cadence, CatalogTask } from '../catalog/schema.ts';
import { formatShortDate } from '../vietnameseDate.ts';
import { lastOnTimeDay } from './deadlineRule.ts';
import type { ReportPeriod } from './reportPeriods.ts';

/**
 * Where a task stands in a report's period, from its cadences (catalog/taskSchema.ts):
 * - ongoing      done all along ("Nhiệm vụ thường xuyên", "hằng năm", no time given);
 * - not_started  "bắt đầu từ năm 2026" and the period ends before 2026: nothing to report, no
 *                status needed;
 * - upcoming     a completion task ("Hoàn thành năm 2026") whose last day comes after the period;
 * - due          its last day falls in the period, or in the year the year report closes;
 * - overdue      its last day passed before the period ended: flagged unless reported done.
 */
export type TaskTiming =
  | { state: 'ongoing' }
  | { state: 'not_started'; fromYear: number; cadence: string }
  | { state: 'upcoming' | 'due' | 'overdue'; lastDay: IsoDate; cadence: string };

const ONGOING: ReadonlySet<Cadence['kind']> = new Set([
  'recurring',
  'annual',
  'twice_yearly',
  'monthly',
  'unspecified',
]);

/** The last day a completion cadence allows: 31/12 of "Hoàn thành năm Y", the rule of "trước ngày". */
export function completionDay(c: Cadence): IsoDate | null {
  if (c.kind === 'year' && c.year) return isoDate(c.year, 12, 31);
  if (c.kind === 'deadline' && c.dueDate) return lastOnTimeDay(c.dueDate, c.text);
  return null;
}

export function taskTiming(
  task: Pick<CatalogTask, 'cadence' | 'extraCadences'>,
  period: Pick<ReportPeriod, 'kind' | 'year' | 'from' | 'to'>,
): TaskTiming {
  const cadences = cadencesOf(task);
  const start = cadences.find((c) => c.kind === 'from_year');
  if (start?.year && daysBetween(period.to, isoDate(start.year, 1, 1)) > 0) {
    return { state: 'not_started', fromYear: start.year, cadence: start.text };
  }
  const completion = cadences.find((c) => completionDay(c) !== null);
  // An item that also goes on ("…hoàn thành trong năm 2025. … thường xuyên…") is never overdue:
  // after its first part is due, what is reported is the part that goes on.
  const goesOn = cadences.some((c) => ONGOING.has(c.kind) || c.kind === 'from_year');
  if (!completion) return { state: 'ongoing' };
  const lastDay = completionDay(completion)!;
  const cadence = completion.text;
  if (daysBetween(lastDay, period.to) > 0)
    return goesOn ? { state: 'ongoing' } : { state: 'overdue', lastDay, cadence };
  const closesYear = period.kind === 'annual' && Number(lastDay.slice(0, 4)) === period.year;
  if (daysBetween(period.from, lastDay) >= 0 && (daysBetween(lastDay, period.to) >= 0 || closesYear))
    return { state: 'due', lastDay, cadence };
  return { state: 'upcoming', lastDay, cadence };
}

/** Whether the clerk must choose a status for the task in this period. */
export const needsStatus = (timing: TaskTiming) => timing.state !== 'not_started';

/**
 * The words the report shows beside a task, or null: "Chưa đến thời gian thực hiện: nhiệm vụ
 * thường xuyên, bắt đầu từ năm 2026", "Quá hạn hoàn thành, hạn 31/12/2025" unless reported done,
 * "Đến hạn hoàn thành trong kỳ, hạn …", "Hạn hoàn thành: …".
 */
export function timingNote(timing: TaskTiming, done: boolean): string | null {
  switch (timing.state) {
    case 'ongoing':
      return null;
    case 'not_started':
      return `Chưa đến thời gian thực hiện: ${timing.cadence.charAt(0).toLocaleLowerCase('vi')}${timing.cadence.slice(1)}`;
    case 'overdue':
      return done ? null : `Quá hạn hoàn thành, hạn ${formatShortDate(timing.lastDay)}`;
    case 'due':
      return done ? null : `Đến hạn hoàn thành trong kỳ, hạn ${formatShortDate(timing.lastDay)}`;
    case 'upcoming':
      return `Hạn hoàn thành: ${formatShortDate(timing.lastDay)}`;
  }
}
