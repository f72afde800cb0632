import { describe, expect, it } from 'vitest';
import { indicatorsFor, tasksFor } from '../../../shared/domain/catalog/applicability.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { dumpTables, expectError, expectOk, expectVietnamese, manualClock } from '../helpers/setup.ts';
import {
  editSession,
  fillCompletely,
  realCatalog,
  semiannual2026,
  setUpDrafting,
  type Drafting,
  type PlanDocument,
  type ReportDocument,
  type SaveResult,
} from '../helpers/drafts.ts';

type Submit = MethodOutput<'workflow.submit'>;
type Listed = MethodOutput<'reports.list'>;
type Proposed = MethodOutput<'reports.propose'>;

/** Every value, task and required section filled, ratios within their denominators. */
const firstRatio = (content: ReportContent, catalog: Catalog) => {
  const ind = content.indicators.find(
    (i) => catalog.indicators.find((c) => c.code === i.code)!.measures[0]!.kind === 'ratio',
  )!;
  return { ind, no: catalog.indicators.find((c) => c.code === ind.code)!.no };
};

async function save(d: Drafting, doc: ReportDocument, content: ReportContent, session = 'a') {
  return d.clerk('reports.save', {
    id: doc.meta.id,
    baseRevision: doc.meta.revision,
    editSession: editSession(session),
    content,
  });
}

describe('reports: create', () => {
  it('a 6-month report for 2026 has the agency type’s indicators and tasks and the right period', async () => {
    const d = await setUpDrafting();
    const catalog = realCatalog();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    expect(r.meta).toMatchObject({
      kind: 'report',
      status: 'draft',
      revision: 1,
      title: 'Báo cáo kết quả thực hiện Kế hoạch số 34/KH-UBND 6 tháng đầu năm 2026',
    });
    expect(r.content.period).toMatchObject({
      kind: 'semiannual',
      year: 2026,
      month: null,
      from: '2025-12-15',
      to: '2026-06-14',
      deadline: '2026-06-15',
    });
    expect(r.content.indicators.map((i) => i.code)).toEqual(
      indicatorsFor(catalog, 'so_khcn').map((i) => i.code),
    );
    expect(r.content.indicators.length).toBeGreaterThan(5);
    expect(r.content.tasks.map((t) => t.taskId)).toEqual(tasksFor(catalog, 'so_khcn').map((t) => t.id));
    expect(r.attachments).toEqual([]);
    expect(expectOk<ReportDocument>(await d.clerk('reports.get', { id: r.meta.id }))).toEqual(r);
    d.services.close();
  });

  it('follows the department’s plan: a task marked không áp dụng starts with that status', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const content = structuredClone(plan.content);
    Object.assign(content.tasks[1]!, {
      notApplicable: true,
      notApplicableReason: 'Không thuộc chức năng của Sở',
    });
    expectOk(
      await d.clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('p'),
        content,
      }),
    );
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    expect(r.content.tasks[1]).toMatchObject({ taskId: content.tasks[1]!.taskId, status: 'khong_ap_dung' });
    d.services.close();
  });

  it('refuses a second report for the same period and keeps the store as it was', async () => {
    const d = await setUpDrafting();
    expectOk(await d.clerk('reports.create', semiannual2026));
    const before = dumpTables(d.services.db);
    const err = expectError(await d.clerk('reports.create', semiannual2026), 'CONFLICT');
    expect(err.message).toBe('Đã có báo cáo 6 tháng đầu năm 2026');
    expect(dumpTables(d.services.db)).toEqual(before);
    d.services.close();
  });

  it('monthly reports only for press agencies, with a month; other kinds without one', async () => {
    const d = await setUpDrafting();
    const monthly = { kind: 'monthly', year: 2026, month: 3, fromPrevious: false };
    const refused = expectError(await d.clerk('reports.create', monthly), 'VALIDATION');
    expectVietnamese(refused.message);
    expect(refused.message).toMatch(/báo cáo tháng/);
    const withMonth = expectError(
      await d.clerk('reports.create', { ...semiannual2026, month: 6 }),
      'VALIDATION',
    );
    expect(withMonth.message).toMatch(/^Tháng:/);
    expect(d.services.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
    d.services.close();

    const press = await setUpDrafting({ agencyType: 'co_quan_bao_chi' });
    const r = expectOk<ReportDocument>(await press.clerk('reports.create', monthly));
    expect(r.content.period).toMatchObject({ kind: 'monthly', month: 3, deadline: '2026-03-20' });
    expect(r.meta.title).toBe('Báo cáo kết quả thực hiện Kế hoạch số 34/KH-UBND tháng 3 năm 2026');
    const noMonth = expectError(
      await press.clerk('reports.create', { ...monthly, month: null }),
      'VALIDATION',
    );
    expect(noMonth.message).toMatch(/^Tháng:/);
    press.services.close();
  });

  it('ad hoc reports get a key of their own; a window that ends before it starts is refused', async () => {
    const d = await setUpDrafting();
    const adhoc = {
      kind: 'adhoc',
      title: 'Báo cáo nhanh phục vụ đoàn kiểm tra của Bộ',
      deadline: '2026-04-10',
      from: '2026-01-01',
      to: '2026-03-31',
      fromPrevious: false,
    };
    const a = expectOk<ReportDocument>(await d.clerk('reports.create', adhoc));
    const b = expectOk<ReportDocument>(await d.clerk('reports.create', adhoc));
    expect(a.meta.id).not.toBe(b.meta.id);
    expect(a.content.period).toMatchObject({ kind: 'adhoc', year: 2026, deadline: '2026-04-10' });
    const bad = expectError(
      await d.clerk('reports.create', { ...adhoc, from: '2026-04-01', to: '2026-03-01' }),
      'VALIDATION',
    );
    expectVietnamese(bad.message);
    expect(
      expectError(await d.clerk('reports.create', { ...adhoc, to: '2026-02-30' }), 'VALIDATION').message,
    ).toMatch(/không tồn tại/);
    d.services.close();
  });

  it('"Tạo từ kỳ trước" copies values and texts and marks them carried over', async () => {
    const d = await setUpDrafting();
    const catalog = realCatalog();
    const none = expectError(
      await d.clerk('reports.create', { ...semiannual2026, fromPrevious: true }),
      'VALIDATION',
    );
    expect(none.message).toBe('Chưa có báo cáo kỳ trước để sao chép');

    const first = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const filled = fillCompletely(first.content, catalog);
    expectOk(await save(d, first, filled));

    const next = expectOk<ReportDocument>(
      await d.clerk('reports.create', { kind: 'annual', year: 2026, month: null, fromPrevious: true }),
    );
    expect(next.content.period).toMatchObject({ kind: 'annual', to: '2026-12-14' });
    const { ind } = firstRatio(next.content, catalog);
    expect(ind.values[0]).toMatchObject({ numerator: 95, denominator: 100 });
    expect(ind.carriedOver).toBe(true);
    expect(next.content.tasks[0]).toMatchObject({ status: 'hoan_thanh', carriedOver: true });
    expect(next.content.sections.results).toEqual({ text: 'Nội dung đã được tổng hợp', carriedOver: true });
    d.services.close();
  });
});

describe('reports: save', () => {
  it('numerator above denominator is refused naming the indicator; nothing is stored', async () => {
    const d = await setUpDrafting();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const before = dumpTables(d.services.db);
    const content = structuredClone(r.content);
    const { ind, no } = firstRatio(content, realCatalog());
    Object.assign(ind.values[0]!, { numerator: 120, denominator: 100 });
    const err = expectError(await save(d, r, content), 'VALIDATION');
    expect(err.message).toContain(`Chỉ tiêu ${no}`);
    expect(err.message).toMatch(/120/);
    expectVietnamese(err.message);
    expect(dumpTables(d.services.db)).toEqual(before);
    d.services.close();
  });

  it('an incomplete report saves; a save cannot move it to another period, add rows or drop them', async () => {
    const d = await setUpDrafting();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const partial = structuredClone(r.content);
    partial.sections.direction.text = 'Lãnh đạo Sở đã quán triệt Kế hoạch';
    const saved = expectOk<SaveResult>(await save(d, r, partial));
    expect(saved.revision).toBe(2);
    const current = expectOk<ReportDocument>(await d.clerk('reports.get', { id: r.meta.id }));
    const before = dumpTables(d.services.db);

    const moved = structuredClone(current.content);
    moved.period = { ...moved.period, year: 2027, title: '6 tháng đầu năm 2027' };
    expect(expectError(await save(d, current, moved), 'VALIDATION').message).toMatch(/^Kỳ báo cáo:/);

    const injected = structuredClone(current.content);
    injected.indicators.push({ ...injected.indicators[0]!, code: 'CT99' });
    expect(expectError(await save(d, current, injected), 'VALIDATION').message).toContain('CT99');

    // Dropping an indicator would also let it escape the checks before approval.
    const dropped = structuredClone(current.content);
    const [gone] = dropped.indicators.splice(1, 1);
    const droppedErr = expectError(await save(d, current, dropped), 'VALIDATION');
    expect(droppedErr.message).toContain(gone!.code);
    expect(droppedErr.message).toMatch(/thiếu/);

    const task = structuredClone(current.content);
    task.tasks.push({ ...task.tasks[0]!, taskId: 'III.9.z.9' });
    expect(expectError(await save(d, current, task), 'VALIDATION').message).toContain('III.9.z.9');

    expect(expectError(await save(d, r, partial), 'CONFLICT').message).toMatch(
      /Nguyễn Văn A lúc \d\d:\d\d:\d\d/,
    );
    expect(dumpTables(d.services.db)).toEqual(before);
    d.services.close();
  });

  it('handlers refuse a document of the other kind', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    expectVietnamese(expectError(await d.clerk('reports.get', { id: plan.meta.id }), 'NOT_FOUND').message);
    expectError(
      await d.clerk('plans.save', {
        id: r.meta.id,
        baseRevision: 1,
        editSession: editSession('x'),
        content: plan.content,
      }),
      'NOT_FOUND',
    );
    d.services.close();
  });
});

describe('reports: submit, list, propose', () => {
  it('missing data keeps the report a draft and lists every problem; a complete one goes for approval', async () => {
    const d = await setUpDrafting();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const before = dumpTables(d.services.db);
    const refused = expectOk<Submit>(await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: 1 }));
    expect(refused.submitted).toBe(false);
    expect(refused.meta.status).toBe('draft');
    expect(refused.issues.length).toBeGreaterThan(3);
    for (const i of refused.issues) expectVietnamese(i.message);
    expect(dumpTables(d.services.db)).toEqual(before);

    const saved = expectOk<SaveResult>(await save(d, r, fillCompletely(r.content, realCatalog())));
    expectError(await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: 1 }), 'CONFLICT');
    const ok = expectOk<Submit>(
      await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: saved.revision }),
    );
    expect(ok).toMatchObject({ submitted: true, issues: [], meta: { status: 'submitted' } });

    const current = expectOk<ReportDocument>(await d.clerk('reports.get', { id: r.meta.id }));
    const late = expectError(await save(d, current, current.content), 'CONFLICT');
    expect(late.message).toBe(
      'Văn bản đang chờ lãnh đạo duyệt, không sửa được. Muốn sửa, hãy "Rút lại" trước.',
    );
    d.services.close();
  });

  it('proposes the open period with its timeliness, and lists created reports newest first', async () => {
    const time = manualClock('2026-06-10T03:00:00Z');
    const d = await setUpDrafting({ clock: time.clock });
    const proposed = expectOk<Proposed>(await d.clerk('reports.propose', {}));
    const open = proposed.find((p) => p.period.kind === 'semiannual' && p.period.year === 2026);
    expect(open?.status).toEqual({ timeliness: 'due_soon', daysLeft: 4 });

    expectOk(
      await d.clerk('reports.create', { kind: 'annual', year: 2025, month: null, fromPrevious: false }),
    );
    expectOk(await d.clerk('reports.create', semiannual2026));
    const after = expectOk<Proposed>(await d.clerk('reports.propose', {}));
    expect(after.some((p) => p.period.kind === 'semiannual' && p.period.year === 2026)).toBe(false);

    const list = expectOk<Listed>(await d.clerk('reports.list', {}));
    expect(list.map((l) => `${l.period.kind}-${l.period.year}`)).toEqual(['semiannual-2026', 'annual-2025']);
    expect(list[0]!.status).toEqual({ timeliness: 'due_soon', daysLeft: 4 });
    expect(list[1]!.status.timeliness).toBe('late');
    d.services.close();
  });
});
