import { describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../shared/domain/documents/documentMeta.ts';
import { overdueReports, overdueText, planCard } from '../../shared/domain/periods/homeCards.ts';
import { periodFor, timelinessOf, type ReportPeriod } from '../../shared/domain/periods/reportPeriods.ts';

const rules = {
  periodicDeadlines: [
    { month: 6, day: 15 },
    { month: 12, day: 15 },
  ],
  periodicBefore: true,
  term: { from: '2025-08-20', lastYear: 2030 },
};
const half2026 = periodFor('semiannual', 2026, null, rules);
const year2026 = periodFor('annual', 2026, null, rules);
const listed = (period: ReportPeriod, today: string, issued = false) => ({
  period,
  status: timelinessOf(period, today, issued, { ...rules, periodic: true }),
});

describe('the plan card on the home screen', () => {
  const due = '2025-09-14';
  it.each<DocumentStatus>(['draft', 'submitted', 'returned', 'approved'])(
    'keeps "chưa gửi" and "quá hạn" on a plan that is %s, not issued',
    (status) => {
      const card = planCard({ status }, due, '2025-10-01');
      expect(card.state).toBe('late');
      expect(card.text).toMatch(/^Chưa gửi \(.+\) – đã quá hạn 17 ngày$/);
    },
  );
  it('is done once the plan is issued, whatever the date', () => {
    expect(planCard({ status: 'issued' }, due, '2025-10-01')).toEqual({ state: 'ok', text: 'Đã ban hành' });
  });
  it('counts the days left before the day, and says when no plan was created', () => {
    expect(planCard({ status: 'draft' }, due, '2025-09-10')).toEqual({
      state: 'soon',
      text: 'Chưa gửi (đang soạn) – còn 4 ngày',
    });
    expect(planCard(null, due, '2025-09-20')).toEqual({
      state: 'late',
      text: 'Chưa tạo – đã quá hạn 6 ngày',
    });
    expect(planCard(null, null, '2025-09-20').text).toBe('Chưa tạo kế hoạch');
  });
});

describe('overdue reports on the home screen', () => {
  it('lists created-but-unsent and never-created reports whose day passed, oldest first', () => {
    const today = '2026-12-20';
    const list = overdueReports(
      [listed(year2026, today), listed(half2026, today)],
      [listed(periodFor('semiannual', 2027, null, rules), today)],
    );
    expect(list.map(overdueText)).toEqual([
      'Báo cáo 6 tháng đầu năm 2026: chưa gửi, đã quá hạn 189 ngày',
      'Báo cáo năm 2026: chưa gửi, đã quá hạn 6 ngày',
    ]);
  });
  it('leaves out issued reports and those still open', () => {
    const today = '2026-12-20';
    expect(overdueReports([listed(half2026, today, true)], [])).toEqual([]);
    expect(overdueReports([listed(year2026, '2026-12-14')], [])).toEqual([]);
    // The day itself ("trước ngày 15/12": 14/12 is the last day) is not late yet.
    expect(overdueReports([listed(year2026, '2026-12-15')], []).map(overdueText)).toEqual([
      'Báo cáo năm 2026: chưa gửi, đã quá hạn 1 ngày',
    ]);
  });
  it('names a never-created report as such', () => {
    const today = '2026-06-20';
    expect(overdueReports([], [listed(half2026, today)]).map(overdueText)).toEqual([
      'Báo cáo 6 tháng đầu năm 2026: chưa tạo, đã quá hạn 6 ngày',
    ]);
  });
});
