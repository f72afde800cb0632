import { describe, expect, it } from 'vitest';
import { periodFor, type PeriodRules } from '../../shared/domain/periods/reportPeriods.ts';
import { needsStatus, taskTiming, timingNote } from '../../shared/domain/periods/taskSchedule.ts';
import { catalog, task } from './helpers/planText.ts';

/** Cadences are rules: where each task of Kế hoạch 34 stands in a report's period. */
const rules: PeriodRules = { periodicDeadlines: catalog.reporting.periodicDeadlines, monthlyDay: 20 };
const annual = (y: number) => periodFor('annual', y, null, rules);
const half = (y: number) => periodFor('semiannual', y, null, rules);
const month = (y: number, m: number) => periodFor('monthly', y, m, rules);
const state = (id: string, p: ReturnType<typeof annual>) => taskTiming(task(id), p).state;

describe("task timing from the plan's cadences", () => {
  it('"Nhiệm vụ thường xuyên, bắt đầu từ năm 2026" (III.1.b.3): not started in 2025, no status needed', () => {
    expect(task('III.1.b.3').cadence.text).toBe('Nhiệm vụ thường xuyên, bắt đầu từ năm 2026');
    const timing = taskTiming(task('III.1.b.3'), annual(2025));
    expect(timing).toEqual({
      state: 'not_started',
      fromYear: 2026,
      cadence: 'Nhiệm vụ thường xuyên, bắt đầu từ năm 2026',
    });
    expect(needsStatus(timing)).toBe(false);
    expect(timingNote(timing, false)).toBe(
      'Chưa đến thời gian thực hiện: nhiệm vụ thường xuyên, bắt đầu từ năm 2026',
    );
    // The half-year report of 2026 (15/12/2025–14/6/2026) reaches into 2026: started.
    expect(state('III.1.b.3', half(2026))).toBe('ongoing');
  });

  it('"Hoàn thành năm 2026" (III.1.b.4): upcoming in the first half, due in the year report, overdue after', () => {
    expect(taskTiming(task('III.1.b.4'), half(2026))).toEqual({
      state: 'upcoming',
      lastDay: '2026-12-31',
      cadence: 'Hoàn thành năm 2026',
    });
    expect(state('III.1.b.4', annual(2026))).toBe('due');
    const late = taskTiming(task('III.1.b.4'), half(2027));
    expect(late.state).toBe('overdue');
    expect(timingNote(late, false)).toBe('Quá hạn hoàn thành, hạn 31/12/2026');
    // Reported done: nothing to flag.
    expect(timingNote(late, true)).toBeNull();
    expect(state('III.1.b.4', month(2027, 1))).toBe('overdue');
  });

  it('"Hoàn thành trước ngày 10/9/2025" (III.2.a) ends on 9/9/2025, inside the first year report', () => {
    const t = taskTiming(task('III.2.a'), annual(2025));
    expect(t).toMatchObject({ state: 'overdue', lastDay: '2025-09-09' });
    expect(timingNote(t, false)).toBe('Quá hạn hoàn thành, hạn 9/9/2025');
  });

  it('"Hoàn thành trong năm 2025" (III.1.a.6) is due in the year report of 2025, overdue from 2026', () => {
    expect(state('III.1.a.6', annual(2025))).toBe('due');
    expect(state('III.1.a.6', half(2026))).toBe('overdue');
  });

  it('an item that also goes on (V.7.b "…hoàn thành trong năm 2025. … thường xuyên…") is never overdue', () => {
    expect(state('V.7.b', month(2026, 3))).toBe('ongoing');
    expect(state('V.7.b', annual(2025))).toBe('due');
  });

  it('"Nhiệm vụ thường xuyên", "hằng năm", twice a year, monthly, or no time: always ongoing', () => {
    for (const id of ['III.1.a.1', 'V.2.b', 'V.8.dd', 'V.7.dd', 'V.8.b'])
      for (const p of [annual(2025), half(2027), month(2028, 5)]) expect(state(id, p), id).toBe('ongoing');
  });
});
