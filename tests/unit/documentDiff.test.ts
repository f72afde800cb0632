import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { catalogSchema } from '../../shared/domain/catalog/schema.ts';
import {
  diffPlans,
  diffReports,
  diffText,
  type TextPiece,
} from '../../shared/domain/documents/documentDiff.ts';
import { periodFor } from '../../shared/domain/periods/reportPeriods.ts';
import { newPlanContent } from '../../shared/domain/plans/newPlan.ts';
import type { Activity } from '../../shared/domain/plans/planContent.ts';
import { newReportContent } from '../../shared/domain/reports/newReport.ts';

const catalog = catalogSchema.parse(
  JSON.parse(fs.readFileSync(new URL('../../resources/plans/34-KH-UBND-2025.json', import.meta.url), 'utf8')),
);
const rules = { periodicDeadlines: catalog.reporting.periodicDeadlines, monthlyDay: 20 };

const side = (pieces: TextPiece[], keep: 'removed' | 'added') =>
  pieces
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');
const noRepeats = (pieces: TextPiece[]) => pieces.every((p, i) => i === 0 || p.op !== pieces[i - 1]!.op);

describe('word-level text diff', () => {
  it('shows what was reworded, word by word', () => {
    const before = 'Tổ chức 3 hội nghị tuyên truyền tại trụ sở.';
    const after = 'Tổ chức 4 hội nghị tuyên truyền trực tuyến tại trụ sở.';
    expect(diffText(before, after)).toEqual([
      { op: 'same', text: 'Tổ chức ' },
      { op: 'removed', text: '3' },
      { op: 'added', text: '4' },
      { op: 'same', text: ' hội nghị tuyên truyền' },
      { op: 'added', text: ' trực tuyến' },
      { op: 'same', text: ' tại trụ sở.' },
    ]);
  });

  it('reads a replaced phrase as one replacement, not word by word around the spaces', () => {
    expect(diffText('ban hành kế hoạch', 'xây dựng chuyên mục')).toEqual([
      { op: 'removed', text: 'ban hành kế hoạch' },
      { op: 'added', text: 'xây dựng chuyên mục' },
    ]);
  });

  it('handles empty and equal texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', 'Mới')).toEqual([{ op: 'added', text: 'Mới' }]);
    expect(diffText('Cũ', '')).toEqual([{ op: 'removed', text: 'Cũ' }]);
    expect(diffText('Giữ nguyên', 'Giữ nguyên')).toEqual([{ op: 'same', text: 'Giữ nguyên' }]);
  });

  it('5,000-word texts are diffed in well under a second and still rebuild both sides', () => {
    const vocab = [
      'truyền',
      'thông',
      'khoa',
      'học',
      'công',
      'nghệ',
      'đổi',
      'mới',
      'sáng',
      'tạo',
      'số',
      'hóa',
    ];
    const words = Array.from({ length: 5000 }, (_, i) => vocab[(i * 7 + (i >> 3)) % vocab.length]!);
    const lines = (w: string[]) => w.map((x, i) => (i % 12 === 11 ? `${x}\n` : `${x} `)).join('');
    const before = lines(words);
    const edited = [...words];
    for (let i = 0; i < 5000; i += 97) edited[i] = `sửa${i}`; // scattered edits: no long common head or tail
    const after = lines(edited);
    const start = performance.now();
    const pieces = diffText(before, after);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(500);
    expect(side(pieces, 'removed')).toBe(before);
    expect(side(pieces, 'added')).toBe(after);
    expect(noRepeats(pieces)).toBe(true);
    expect(
      pieces
        .filter((p) => p.op === 'added')
        .map((p) => p.text)
        .join(''),
    ).toContain('sửa97');
    // Most of the text is unchanged and shown so.
    const same = pieces.filter((p) => p.op === 'same').reduce((n, p) => n + p.text.length, 0);
    expect(same).toBeGreaterThan(before.length / 2);
  });
});

describe('changes between two versions of a report', () => {
  const base = () => newReportContent(catalog, 'so_khcn', periodFor('semiannual', 2026, null, rules), null);

  it('two equal versions have no changes', () => {
    expect(diffReports(base(), base(), catalog)).toEqual([]);
  });

  it('lists exactly the changed fields: values, notes, task status and texts, sections', () => {
    const before = base();
    const after = base();
    const ct02 = after.indicators.find((i) => i.code === 'CT02')!;
    Object.assign(ct02.values[0]!, { numerator: 95, denominator: 100 });
    after.indicators.find((i) => i.code === 'CT04')!.note = 'Theo thống kê của Sở';
    const [t0, t1] = after.tasks;
    t0!.status = 'hoan_thanh';
    t1!.result =
      'Đã tổ chức 02 hội nghị phổ biến Nghị quyết số 57-NQ/TW cho toàn thể cán bộ, công chức, viên chức và người lao động.';
    before.sections.results.text = 'Kết quả bước đầu.';
    after.sections.results.text = 'Kết quả bước đầu khả quan.';
    const changes = diffReports(before, after, catalog);
    const label02 = `Chỉ tiêu 2 – ${catalog.indicators[1]!.measures[0]!.label}`;
    expect(changes.map((c) => [c.area, c.label, c.before, c.after])).toEqual([
      ['indicator', `${label02} – Tử số`, '', '95'],
      ['indicator', `${label02} – Mẫu số`, '', '100'],
      ['indicator', 'Chỉ tiêu 4 – Ghi chú', '', 'Theo thống kê của Sở'],
      ['task', `Nhiệm vụ ${t0!.taskId} – Trạng thái`, '', 'Hoàn thành'],
      ['task', `Nhiệm vụ ${t1!.taskId} – Kết quả thực hiện`, '', t1!.result],
      ['section', 'I. Kết quả thực hiện – Kết quả chung', 'Kết quả bước đầu.', 'Kết quả bước đầu khả quan.'],
    ]);
    // Long texts and sections carry word pieces; short values do not.
    expect(changes[0]!.pieces).toBeUndefined();
    expect(changes[4]!.pieces).toEqual([{ op: 'added', text: t1!.result }]);
    expect(changes[5]!.pieces).toEqual([
      { op: 'same', text: 'Kết quả bước ' },
      { op: 'removed', text: 'đầu.' },
      { op: 'added', text: 'đầu khả quan.' },
    ]);
  });

  it('a status change shows both labels, and the period title is compared', () => {
    const before = base();
    const after = base();
    before.tasks[2]!.status = 'dang_thuc_hien';
    after.tasks[2]!.status = 'khong_ap_dung';
    after.period = periodFor('annual', 2026, null, rules);
    const changes = diffReports(before, after, catalog);
    expect(changes.map((c) => [c.area, c.label, c.before, c.after])).toEqual([
      ['period', 'Kỳ báo cáo', '6 tháng đầu năm 2026', 'năm 2026'],
      ['period', 'Kỳ báo cáo – Đến ngày', '14/06/2026', '14/12/2026'],
      ['period', 'Kỳ báo cáo – Hạn gửi', '15/06/2026', '15/12/2026'],
      ['task', `Nhiệm vụ ${after.tasks[2]!.taskId} – Trạng thái`, 'Đang thực hiện', 'Không áp dụng'],
    ]);
  });
});

describe('changes between two versions of a plan', () => {
  const activity = (id: string, content: string): Activity => ({
    id,
    content,
    unitInCharge: 'Văn phòng Sở',
    partners: '',
    timeline: { kind: 'recurring' },
    expectedOutput: '',
    budgetSource: '',
  });
  const base = () => {
    const p = newPlanContent(catalog, 'so_khcn', 'Sở Khoa học và Công nghệ');
    p.tasks[0]!.activities.push(
      activity(
        'a1',
        'Xây dựng chuyên mục Nghị quyết 57 trên cổng thông tin điện tử của Sở Khoa học và Công nghệ',
      ),
      activity('a2', 'Tổ chức hội nghị phổ biến'),
    );
    return p;
  };

  it('lists activities added, removed and changed, sections and không áp dụng', () => {
    const before = base();
    const after = base();
    const task = after.tasks[0]!;
    const id = task.taskId;
    task.activities[0]!.timeline = { kind: 'quarter', quarter: 3, year: 2026 };
    task.activities.splice(1, 1);
    task.activities.push(activity('a3', 'Phát hành tờ gấp'));
    Object.assign(after.tasks[1]!, {
      notApplicable: true,
      notApplicableReason: 'Không thuộc chức năng của Sở',
    });
    after.sections.budget = 'Ngân sách nhà nước.';
    const changes = diffPlans(before, after, catalog);
    const a1 = `Nhiệm vụ ${id} – Hoạt động: Xây dựng chuyên mục Nghị quyết 57 trên cổng thông tin điện t…`;
    expect(changes.map((c) => [c.area, c.label, c.before, c.after])).toEqual([
      ['section', 'III. Kinh phí thực hiện', before.sections.budget, 'Ngân sách nhà nước.'],
      [
        'activity',
        `Nhiệm vụ ${id} – Hoạt động: Tổ chức hội nghị phổ biến – Đã xóa`,
        'Tổ chức hội nghị phổ biến; Đơn vị chủ trì: Văn phòng Sở; Thời gian: Thường xuyên',
        '',
      ],
      ['activity', `${a1} – Thời gian thực hiện`, 'Thường xuyên', 'Quý III/2026'],
      [
        'activity',
        `Nhiệm vụ ${id} – Hoạt động: Phát hành tờ gấp – Thêm mới`,
        '',
        'Phát hành tờ gấp; Đơn vị chủ trì: Văn phòng Sở; Thời gian: Thường xuyên',
      ],
      ['task', `Nhiệm vụ ${after.tasks[1]!.taskId} – Không áp dụng`, 'Không', 'Có'],
      [
        'task',
        `Nhiệm vụ ${after.tasks[1]!.taskId} – Lý do không áp dụng`,
        '',
        'Không thuộc chức năng của Sở',
      ],
    ]);
    expect(changes[0]!.pieces?.some((p) => p.op === 'removed')).toBe(true);
  });

  it('notices reordered activities and nothing else', () => {
    const after = base();
    after.tasks[0]!.activities.reverse();
    const changes = diffPlans(base(), after, catalog);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      area: 'activity',
      label: `Nhiệm vụ ${after.tasks[0]!.taskId} – Thứ tự hoạt động`,
    });
    expect(changes[0]!.after.startsWith('1. Tổ chức hội nghị phổ biến')).toBe(true);
    expect(diffPlans(base(), base(), catalog)).toEqual([]);
  });
});
