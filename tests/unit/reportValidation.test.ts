import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema } from '../../shared/domain/catalog/schema.ts';
import { periodFor } from '../../shared/domain/periods/reportPeriods.ts';
import { newPlanContent } from '../../shared/domain/plans/newPlan.ts';
import type { PlanContent } from '../../shared/domain/plans/planContent.ts';
import { newReportContent } from '../../shared/domain/reports/newReport.ts';
import type { ReportContent } from '../../shared/domain/reports/reportContent.ts';
import {
  validatePlan,
  validateReport,
  type ValidationIssue,
} from '../../shared/domain/reports/reportValidation.ts';

const catalog = catalogSchema.parse(
  JSON.parse(fs.readFileSync(new URL('../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8')),
);
const rules = { periodicDeadlines: catalog.reporting.periodicDeadlines, monthlyDay: 20 };
const half2026 = periodFor('semiannual', 2026, null, rules);
const fresh = (): ReportContent => newReportContent(catalog, 'so_khcn', half2026, null);
const kindOf = (code: string, measure: string) =>
  catalog.indicators.find((i) => i.code === code)!.measures.find((m) => m.code === measure)!.kind;

/** A report of Sở KH&CN with everything the 6-month report of 2026 asks for. */
function complete(): ReportContent {
  const r = fresh();
  for (const ind of r.indicators) {
    for (const v of ind.values) {
      const kind = kindOf(ind.code, v.measure);
      if (kind === 'ratio') Object.assign(v, { numerator: 40, denominator: 40 });
      else if (kind === 'yes_no')
        Object.assign(v, { done: true, evidenceUrl: 'https://khcn.bacninh.gov.vn/nq57' });
      else v.count = 3;
    }
  }
  for (const t of r.tasks)
    Object.assign(t, { status: 'dang_thuc_hien', result: 'Đã triển khai trong toàn cơ quan.' });
  for (const s of Object.values(r.sections)) s.text = 'Nội dung đã soạn.';
  r.sections.proposals.text = '';
  return r;
}
const ind = (r: ReportContent, code: string) => r.indicators.find((i) => i.code === code)!;
const at = (issues: ValidationIssue[], ...path: (string | number)[]) =>
  issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(path));
const VIETNAMESE = /[ăâđêôơưáàảãạếềểễệóòỏõọớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ]/i;

describe('report validation', () => {
  it('a complete report has no issues (proposals may stay empty)', () => {
    expect(validateReport(complete(), catalog)).toEqual([]);
  });

  it('a blank report is incomplete, not wrong: it can be saved but not sent', () => {
    const issues = validateReport(fresh(), catalog);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === 'incomplete')).toBe(true);
    // CT02 has a 100% target in 2026; CT04 none that year; CT12 counts toward "03" by 2027.
    expect(at(issues, 'indicators', 'CT02', 'values', 0, 'numerator')).toHaveLength(1);
    expect(issues.some((i) => i.path[1] === 'CT04')).toBe(false);
    expect(at(issues, 'indicators', 'CT12', 'values', 0, 'count')[0]!.message).toMatch(
      /Chưa nhập số lượng \(chỉ tiêu năm 2026: 03 \(đến năm 2027\)\)$/,
    );
    // CT01's two requirements are each a yes/no to answer.
    expect(at(issues, 'indicators', 'CT01', 'values', 1, 'done')).toHaveLength(1);
    expect(at(issues, 'tasks', 'III.1.a.1', 'status')[0]!.message).toBe(
      'Nhiệm vụ III.1.a.1 – Chưa chọn trạng thái thực hiện',
    );
    expect(issues.filter((i) => i.path[0] === 'sections').map((i) => i.path[1])).toEqual([
      'direction',
      'results',
      'shortcomings',
      'nextTasks',
    ]);
    expect(at(issues, 'sections', 'shortcomings')[0]!.message).toBe(
      'Mục "II. Tồn tại, hạn chế và nguyên nhân" chưa có nội dung',
    );
  });

  it('the numerator may not exceed the denominator', () => {
    const r = complete();
    Object.assign(ind(r, 'CT02').values[0]!, { numerator: 120, denominator: 100 });
    const issues = validateReport(r, catalog);
    expect(issues).toEqual([
      {
        severity: 'error',
        path: ['indicators', 'CT02', 'values', 0, 'numerator'],
        message:
          'Chỉ tiêu 2 – Tỷ lệ lãnh đạo, cán bộ, công chức, viên chức được tuyên truyền, phổ biến Nghị quyết số 57-NQ/TW – Tử số (120) không được lớn hơn mẫu số (100)',
      },
    ]);
    Object.assign(ind(r, 'CT02').values[0]!, { numerator: 100, denominator: 100 });
    expect(validateReport(r, catalog)).toEqual([]);
  });

  it('a numerator over a zero denominator is wrong; only one of the two numbers is incomplete', () => {
    const r = complete();
    Object.assign(ind(r, 'CT05').values[0]!, { numerator: 3, denominator: 0 });
    Object.assign(ind(r, 'CT11').values[0]!, { numerator: null, denominator: 10 });
    Object.assign(ind(r, 'CT13').values[0]!, { numerator: 4, denominator: null });
    const issues = validateReport(r, catalog);
    expect(issues.map((i) => [i.severity, i.path.join('.')])).toEqual([
      ['error', 'indicators.CT05.values.0.denominator'],
      ['incomplete', 'indicators.CT11.values.0.numerator'],
      ['incomplete', 'indicators.CT13.values.0.denominator'],
    ]);
    expect(issues[0]!.message).toMatch(/^Chỉ tiêu 5 – .* – Mẫu số phải lớn hơn 0/);
    expect(issues[1]!.message).toMatch(/^Chỉ tiêu 11 – .* – Chưa nhập tử số \(mẫu số là 10\)$/);
  });

  it('evidence links must be http(s) URLs', () => {
    const r = complete();
    const v = ind(r, 'CT02').values[0]!;
    for (const bad of [
      'khcn.bacninh.gov.vn/nq57',
      'ftp://khcn.bacninh.gov.vn',
      'https://khcn bacninh',
      'javascript:alert(1)',
    ]) {
      v.evidenceUrl = bad;
      const issues = validateReport(r, catalog);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        severity: 'error',
        path: ['indicators', 'CT02', 'values', 0, 'evidenceUrl'],
      });
      expect(issues[0]!.message).toMatch(
        /^Chỉ tiêu 2 – .* – Đường dẫn minh chứng không hợp lệ: phải bắt đầu bằng http:\/\/ hoặc https:\/\//,
      );
    }
    for (const good of ['https://khcn.bacninh.gov.vn/nq57', 'http://bacninh.gov.vn/chuyen-muc?id=57', '']) {
      v.evidenceUrl = good;
      expect(validateReport(r, catalog)).toEqual([]);
    }
  });

  it('refuses indicators and measures the catalog does not have, and negative or fractional numbers', () => {
    const r = complete();
    r.indicators.push({ code: 'CT99', values: [], note: '', carriedOver: false });
    ind(r, 'CT04').values.push({
      measure: 'bai_bao_moi',
      numerator: null,
      denominator: null,
      count: 1,
      done: null,
      evidenceUrl: '',
    });
    ind(r, 'CT12').values[0]!.count = -2;
    ind(r, 'CT04').values[0]!.count = 2.5;
    const issues = validateReport(r, catalog);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(issues.map((i) => i.message)).toEqual([
      'Chỉ tiêu 4 – Bài báo khoa học (Scopus/ISI) mà địa chỉ tác giả tại tỉnh – Số lượng phải là số nguyên không âm (2.5)',
      'Chỉ tiêu 4 không có đại lượng đo "bai_bao_moi"',
      expect.stringMatching(/^Chỉ tiêu 12 – .* – Số lượng phải là số nguyên không âm \(-2\)$/),
      'Chỉ tiêu CT99 không có trong Kế hoạch số 34/KH-UBND',
    ]);
  });

  it('task statuses need their text: results when done or in progress, a reason when not applicable', () => {
    const r = complete();
    const [a, b, c, d] = r.tasks;
    Object.assign(a!, { status: 'hoan_thanh', result: '  ' });
    Object.assign(b!, { status: 'khong_ap_dung', result: '' });
    Object.assign(c!, { status: 'chua_thuc_hien', result: '' });
    Object.assign(d!, { status: null });
    const issues = validateReport(r, catalog);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['tasks', a!.taskId, 'result'], `Nhiệm vụ ${a!.taskId} – Chưa nhập kết quả thực hiện (Hoàn thành)`],
      [
        ['tasks', b!.taskId, 'result'],
        `Nhiệm vụ ${b!.taskId} – Chưa nêu lý do không áp dụng (ghi vào ô kết quả thực hiện)`,
      ],
      [['tasks', d!.taskId, 'status'], `Nhiệm vụ ${d!.taskId} – Chưa chọn trạng thái thực hiện`],
    ]);
  });

  it('a yes/no measure marked done needs its evidence link', () => {
    const r = complete();
    Object.assign(ind(r, 'CT01').values[0]!, { done: true, evidenceUrl: '' });
    expect(validateReport(r, catalog)).toEqual([
      {
        severity: 'incomplete',
        path: ['indicators', 'CT01', 'values', 0, 'evidenceUrl'],
        message:
          'Chỉ tiêu 1 – Đã xây dựng, ban hành kế hoạch truyền thông thực hiện Nghị quyết số 57-NQ/TW – Chưa nhập đường dẫn minh chứng',
      },
    ]);
    // "Chưa thực hiện" is an answer too: nothing more to enter.
    Object.assign(ind(r, 'CT01').values[0]!, { done: false });
    expect(validateReport(r, catalog)).toEqual([]);
  });

  it('a task "bắt đầu từ năm 2026" needs no status before 2026, and one from then on', () => {
    const annual2025 = periodFor('annual', 2025, null, rules);
    const early = newReportContent(catalog, 'so_khcn', annual2025, null);
    const later = fresh();
    const statusIssue = (r: ReportContent) => at(validateReport(r, catalog), 'tasks', 'III.1.b.3', 'status');
    expect(catalog.tasks.find((t) => t.id === 'III.1.b.3')!.cadence.text).toBe(
      'Nhiệm vụ thường xuyên, bắt đầu từ năm 2026',
    );
    expect(statusIssue(early)).toEqual([]);
    expect(at(validateReport(early, catalog), 'tasks', 'III.1.b.1', 'status')).toHaveLength(1);
    expect(statusIssue(later)).toHaveLength(1);
  });

  it('every message is Vietnamese and names its indicator, task or section', () => {
    const r = fresh();
    Object.assign(ind(r, 'CT02').values[0]!, { numerator: 5, denominator: 2, evidenceUrl: 'www.x' });
    const issues = validateReport(r, catalog);
    expect(issues.length).toBeGreaterThan(20);
    for (const i of issues) {
      expect(i.message).toMatch(VIETNAMESE);
      expect(i.message).toBe(i.message.normalize('NFC'));
      expect(i.message).toMatch(/^(Chỉ tiêu \d+ – |Nhiệm vụ [IVX]+\.|Mục ")/);
      expect(i.path.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('plan validation', () => {
  const plan = (): PlanContent => {
    const p = newPlanContent(catalog, 'so_khcn', 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
    p.tasks[0]!.activities.push({
      id: 'hd1',
      content: 'Xây dựng chuyên mục Nghị quyết 57 trên cổng thông tin điện tử của Sở',
      unitInCharge: 'Văn phòng Sở',
      partners: '',
      timeline: { kind: 'recurring' },
      expectedOutput: 'Chuyên mục hoạt động',
      budgetSource: 'Ngân sách nhà nước',
    });
    return p;
  };

  it('a new plan with its default text has no issues', () => {
    expect(validatePlan(plan(), catalog)).toEqual([]);
  });

  it('names the activity and the field that is missing or wrong', () => {
    const p = plan();
    const t = p.tasks[0]!;
    Object.assign(t.activities[0]!, {
      content: ' ',
      unitInCharge: '',
      timeline: { kind: 'date', date: '2026-02-30' },
    });
    Object.assign(p.tasks[1]!, { notApplicable: true, notApplicableReason: '' });
    p.sections.budget = '';
    const issues = validatePlan(p, catalog);
    expect(issues.map((i) => [i.severity, i.path, i.message])).toEqual([
      [
        'error',
        ['tasks', t.taskId, 'activities', 'hd1', 'timeline'],
        `Nhiệm vụ ${t.taskId} – Hoạt động 1 – Thời gian thực hiện: ngày "2026-02-30" không tồn tại`,
      ],
      [
        'incomplete',
        ['tasks', t.taskId, 'activities', 'hd1', 'content'],
        `Nhiệm vụ ${t.taskId} – Hoạt động 1 – Chưa nhập nội dung hoạt động`,
      ],
      [
        'incomplete',
        ['tasks', t.taskId, 'activities', 'hd1', 'unitInCharge'],
        `Nhiệm vụ ${t.taskId} – Hoạt động 1 – Chưa nhập đơn vị chủ trì`,
      ],
      [
        'incomplete',
        ['tasks', p.tasks[1]!.taskId, 'notApplicableReason'],
        `Nhiệm vụ ${p.tasks[1]!.taskId} – Chưa nêu lý do không áp dụng`,
      ],
      ['incomplete', ['sections', 'budget'], 'Mục "III. Kinh phí thực hiện" chưa có nội dung'],
    ]);
  });
});
