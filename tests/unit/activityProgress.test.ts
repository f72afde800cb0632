import { describe, expect, it } from 'vitest';
import { activityOverdue, timelineDue } from '../../shared/domain/reports/activityProgress.ts';
import type { ReportActivity } from '../../shared/domain/reports/reportContent.ts';

const activity = (
  timeline: ReportActivity['timeline'],
  status: ReportActivity['status'],
): ReportActivity => ({
  activityId: 'a1',
  taskId: 'III.1.a.1',
  content: 'Tập huấn chuyển đổi số',
  unitInCharge: 'Văn phòng Sở',
  timeline,
  expectedOutput: '',
  status,
  result: '',
});

describe('an activity of the plan against its timeline', () => {
  it('is due at the end of its month, its quarter, or on its date; never when recurring or in words', () => {
    expect(timelineDue({ kind: 'month', month: 2, year: 2028 })).toBe('2028-02-29');
    expect(timelineDue({ kind: 'month', month: 2, year: 2026 })).toBe('2026-02-28');
    expect(timelineDue({ kind: 'quarter', quarter: 2, year: 2026 })).toBe('2026-06-30');
    expect(timelineDue({ kind: 'quarter', quarter: 4, year: 2026 })).toBe('2026-12-31');
    expect(timelineDue({ kind: 'date', date: '2026-02-05' })).toBe('2026-02-05');
    expect(timelineDue({ kind: 'recurring' })).toBeNull();
    expect(timelineDue({ kind: 'text', text: 'Trước ngày 30/9 hằng năm' })).toBeNull();
  });

  it('is overdue when its timeline ended before the period did and it is not done', () => {
    const period = { to: '2026-06-14' };
    const q1 = { kind: 'quarter', quarter: 1, year: 2026 } as const;
    expect(activityOverdue(activity(q1, null), period)).toBe(true);
    expect(activityOverdue(activity(q1, 'dang_thuc_hien'), period)).toBe(true);
    expect(activityOverdue(activity(q1, 'chua_thuc_hien'), period)).toBe(true);
    expect(activityOverdue(activity(q1, 'hoan_thanh'), period)).toBe(false);
    expect(activityOverdue(activity(q1, 'khong_ap_dung'), period)).toBe(false);
    // Quarter II ends on 30/6, after this half-year's data end: not overdue yet.
    expect(activityOverdue(activity({ kind: 'quarter', quarter: 2, year: 2026 }, null), period)).toBe(false);
    expect(activityOverdue(activity({ kind: 'recurring' }, null), period)).toBe(false);
  });
});
