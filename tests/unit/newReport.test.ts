import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema } from '../../shared/domain/catalog/schema.ts';
import { periodFor } from '../../shared/domain/periods/reportPeriods.ts';
import { newPlanContent } from '../../shared/domain/plans/newPlan.ts';
import { planContentSchema } from '../../shared/domain/plans/planContent.ts';
import { carryOverReport, newReportContent } from '../../shared/domain/reports/newReport.ts';
import { reportContentSchema } from '../../shared/domain/reports/reportContent.ts';

const catalog = catalogSchema.parse(
  JSON.parse(fs.readFileSync(new URL('../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8')),
);
const rules = { periodicDeadlines: catalog.reporting.periodicDeadlines, monthlyDay: 20 };
const half2026 = periodFor('semiannual', 2026, null, rules);
const year2026 = periodFor('annual', 2026, null, rules);
const ORG = 'Sở Giáo dục và Đào tạo tỉnh Bắc Ninh';

describe('a new implementation plan', () => {
  const plan = newPlanContent(catalog, 'so_gddt', ORG);

  it('lists the tasks the provincial plan assigns to the agency type, in plan order, without activities', () => {
    const expected = catalog.tasks.filter((t) => t.appliesTo.includes('so_gddt')).map((t) => t.id);
    expect(expected.length).toBe(38);
    expect(plan.tasks.map((t) => t.taskId)).toEqual(expected);
    expect(
      plan.tasks.every((t) => !t.notApplicable && t.notApplicableReason === '' && t.activities.length === 0),
    ).toBe(true);
    expect(newPlanContent(catalog, 'tinh_doan', ORG).tasks).toHaveLength(2);
    expect(planContentSchema.parse(plan)).toEqual(plan);
  });

  it('fills the four sections with Vietnamese text naming the department and the provincial plan', () => {
    const ref = 'Kế hoạch số 34/KH-UBND ngày 20/8/2025 của UBND tỉnh Bắc Ninh';
    expect(plan.sections.purpose).toContain(ref);
    expect(plan.sections.purpose).toContain(ORG);
    expect(plan.sections.tasksIntro).toContain(ref);
    expect(plan.sections.tasksIntro).toContain(ORG);
    expect(plan.sections.budget).toContain(ORG);
    expect(plan.sections.organization).toContain('Sở Khoa học và Công nghệ');
    expect(plan.sections.organization).toContain('trước ngày 15/6 và trước ngày 15/12 hằng năm');
    for (const text of Object.values(plan.sections)) {
      expect(text).toBe(text.normalize('NFC'));
      expect(text.length).toBeGreaterThan(80);
    }
  });
});

describe('a new report', () => {
  it('has one empty value per measure of every indicator for the agency type, and every catalog task', () => {
    const r = newReportContent(catalog, 'so_khcn', half2026, null);
    expect(r.period).toEqual(half2026);
    expect(r.indicators.map((i) => i.code)).toEqual([
      'CT01',
      'CT02',
      'CT04',
      'CT05',
      'CT06',
      'CT07',
      'CT11',
      'CT12',
      'CT13',
    ]);
    expect(r.indicators.find((i) => i.code === 'CT04')!.values).toEqual([
      {
        measure: 'bai_bao_scopus_isi',
        numerator: null,
        denominator: null,
        count: null,
        done: null,
        evidenceUrl: '',
      },
      {
        measure: 'bai_bao_ung_dung',
        numerator: null,
        denominator: null,
        count: null,
        done: null,
        evidenceUrl: '',
      },
    ]);
    expect(r.tasks).toHaveLength(37);
    expect(r.tasks.every((t) => t.status === null && !t.carriedOver)).toBe(true);
    expect(Object.values(r.sections).every((s) => s.text === '' && !s.carriedOver)).toBe(true);
    expect(reportContentSchema.parse(r)).toEqual(r);
  });

  it("follows the department's plan: its tasks, and those marked không áp dụng start so, with the reason", () => {
    const plan = newPlanContent(catalog, 'so_khcn', 'Sở Khoa học và Công nghệ');
    plan.tasks = plan.tasks.slice(0, 3);
    Object.assign(plan.tasks[1]!, {
      notApplicable: true,
      notApplicableReason: 'Sở không quản lý cơ sở giáo dục.',
    });
    const r = newReportContent(catalog, 'so_khcn', half2026, plan);
    expect(r.tasks.map((t) => [t.taskId, t.status, t.result])).toEqual([
      [plan.tasks[0]!.taskId, null, ''],
      [plan.tasks[1]!.taskId, 'khong_ap_dung', 'Sở không quản lý cơ sở giáo dục.'],
      [plan.tasks[2]!.taskId, null, ''],
    ]);
  });
});

describe('"Tạo từ kỳ trước"', () => {
  const previous = () => {
    const r = newReportContent(catalog, 'so_khcn', half2026, null);
    Object.assign(r.indicators.find((i) => i.code === 'CT02')!.values[0]!, {
      numerator: 80,
      denominator: 100,
    });
    r.indicators.find((i) => i.code === 'CT04')!.values[0]!.count = 20;
    r.indicators.find((i) => i.code === 'CT05')!.note = 'Số liệu đến 14/6';
    Object.assign(r.tasks[0]!, {
      status: 'dang_thuc_hien',
      result: 'Đã đăng 12 tin bài',
      figures: '12 tin',
      evidence: '',
    });
    r.sections.shortcomings.text = 'Kinh phí còn hạn chế.';
    // An indicator the department no longer reports on.
    r.indicators.push({ code: 'CT03', values: [], note: 'cũ', carriedOver: false });
    return r;
  };

  it('copies values, notes, statuses and texts, marked as carried over only where something was copied', () => {
    const fresh = newReportContent(catalog, 'so_khcn', year2026, null);
    const r = carryOverReport(fresh, previous());
    expect(r.period).toEqual(year2026);
    const byCode = (c: string) => r.indicators.find((i) => i.code === c)!;
    expect(byCode('CT02')).toMatchObject({
      carriedOver: true,
      values: [{ numerator: 80, denominator: 100 }],
    });
    expect(byCode('CT04').values.map((v) => v.count)).toEqual([20, null]);
    expect(byCode('CT04').carriedOver).toBe(true);
    expect(byCode('CT05')).toMatchObject({ note: 'Số liệu đến 14/6', carriedOver: true });
    expect(byCode('CT06').carriedOver).toBe(false);
    expect(r.indicators.map((i) => i.code)).not.toContain('CT03');
    expect(r.tasks[0]).toMatchObject({
      status: 'dang_thuc_hien',
      result: 'Đã đăng 12 tin bài',
      figures: '12 tin',
      carriedOver: true,
    });
    expect(r.tasks[1]).toMatchObject({ status: null, result: '', carriedOver: false });
    expect(r.sections.shortcomings).toEqual({ text: 'Kinh phí còn hạn chế.', carriedOver: true });
    expect(r.sections.direction).toEqual({ text: '', carriedOver: false });
    expect(reportContentSchema.parse(r)).toEqual(r);
  });

  it('a task the new plan marks không áp dụng keeps that status', () => {
    const plan = newPlanContent(catalog, 'so_khcn', 'Sở Khoa học và Công nghệ');
    Object.assign(plan.tasks[0]!, { notApplicable: true, notApplicableReason: 'Không còn phù hợp.' });
    const r = carryOverReport(newReportContent(catalog, 'so_khcn', year2026, plan), previous());
    expect(r.tasks[0]).toMatchObject({
      status: 'khong_ap_dung',
      result: 'Không còn phù hợp.',
      carriedOver: false,
    });
  });
});
