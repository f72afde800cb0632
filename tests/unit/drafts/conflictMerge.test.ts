import { describe, expect, it } from 'vitest';
import {
  fieldConflicts,
  mergedSave,
  planMergeFields,
  reportMergeFields,
} from '../../../shared/domain/documents/fieldMerge.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { expectError, expectOk } from '../helpers/setup.ts';
import {
  editSession,
  realCatalog,
  semiannual2026,
  setUpDrafting,
  type PlanDocument,
  type ReportDocument,
  type SaveResult,
} from '../helpers/drafts.ts';

const catalog = realCatalog();

function edit(c: ReportContent, f: (d: ReportContent) => void): ReportContent {
  const d = structuredClone(c);
  f(d);
  return d;
}

describe('a save conflict resolved field by field', () => {
  it('lists only the fields the user changed differently, keeps the saved value elsewhere, and saves over the new revision', async () => {
    const d = await setUpDrafting();
    const doc = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const base = doc.content;
    const ratio = base.indicators.find((i) => i.code === 'CT02')!;
    const task = base.tasks[0]!.taskId;

    // Window A saves first: proposals, the first task's result, and a note on CT02.
    const theirs = edit(base, (c) => {
      c.sections.proposals = { text: 'Đề nghị tổ chức tập huấn.', carriedOver: false };
      c.tasks[0]!.result = 'Kết quả do cửa sổ A ghi.';
      c.indicators.find((i) => i.code === 'CT02')!.note = 'Ghi chú của cửa sổ A';
    });
    const savedA = expectOk<SaveResult>(
      await d.clerk('reports.save', {
        id: doc.meta.id,
        baseRevision: doc.meta.revision,
        editSession: editSession('a'),
        content: theirs,
      }),
    );

    // Window B, still on the old revision: proposals differently, CT02's numerator, same result.
    const mine = edit(base, (c) => {
      c.sections.proposals = { text: 'Nội dung của cửa sổ B.', carriedOver: false };
      c.indicators.find((i) => i.code === 'CT02')!.values[0]!.numerator = 7;
      c.tasks[0]!.result = 'Kết quả do cửa sổ A ghi.';
    });
    const stale = await d.clerk('reports.save', {
      id: doc.meta.id,
      baseRevision: doc.meta.revision,
      editSession: editSession('b'),
      content: mine,
    });
    expect(expectError(stale, 'CONFLICT').message).toContain('cửa sổ khác');

    const fields = reportMergeFields(mine, theirs, catalog);
    const conflicts = fieldConflicts(fields, base, mine, theirs);
    const no = catalog.indicators.find((i) => i.code === ratio.code)!.no;
    expect(conflicts.map((c) => c.label)).toEqual([`Chỉ tiêu ${no} – Tử số`, 'IV. Đề xuất, kiến nghị']);
    expect(conflicts.find((c) => c.label === 'IV. Đề xuất, kiến nghị')).toMatchObject({
      mine: 'Nội dung của cửa sổ B.',
      saved: 'Đề nghị tổ chức tập huấn.',
    });
    expect(conflicts[0]).toMatchObject({ mine: '7', saved: '(để trống)' });
    // Never an internal path.
    for (const f of fields)
      expect(f.label).not.toMatch(/\b(activities|indicators|sections|tasks|values|numerator|note|result)\b/);

    // Keep B's numerator, take A's proposals: A's note stays (B never touched it).
    const request = mergedSave(
      fields,
      mine,
      { content: theirs, revision: savedA.revision },
      new Set([conflicts[0]!.key]),
    );
    expect(request.baseRevision).toBe(savedA.revision);
    const merged = request.content;
    expect(merged.sections.proposals.text).toBe('Đề nghị tổ chức tập huấn.');
    const ct02 = merged.indicators.find((i) => i.code === 'CT02')!;
    expect(ct02.values[0]!.numerator).toBe(7);
    expect(ct02.note).toBe('Ghi chú của cửa sổ A');
    expect(merged.tasks.find((t) => t.taskId === task)!.result).toBe('Kết quả do cửa sổ A ghi.');

    // The store takes it over A's revision, as a new version; over the old one it would not.
    expectError(
      await d.clerk('reports.save', {
        ...request,
        id: doc.meta.id,
        baseRevision: doc.meta.revision,
        editSession: editSession('b'),
      }),
      'CONFLICT',
    );
    const savedMerge = expectOk<SaveResult>(
      await d.clerk('reports.save', { ...request, id: doc.meta.id, editSession: editSession('b') }),
    );
    expect(savedMerge.revision).toBe(savedA.revision + 1);
    const stored = expectOk<ReportDocument>(await d.clerk('reports.get', { id: doc.meta.id }));
    expect(stored.content.indicators.find((i) => i.code === 'CT02')!.values[0]!.numerator).toBe(7);
    expect(stored.content.sections.proposals.text).toBe('Đề nghị tổ chức tập huấn.');
    const versions = expectOk<{ versionNo: number }[]>(
      await d.clerk('documents.versions', { id: doc.meta.id }),
    );
    expect(versions.length).toBe(3);
    d.services.close();
  });

  it('in a plan: an activity one window deleted and the other edited is one choice, kept or not as a whole', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const base = structuredClone(plan.content);
    const t = base.tasks[0]!;
    t.activities.push({
      id: 'act-1',
      content: 'Tọa đàm về Nghị quyết 57',
      unitInCharge: 'Văn phòng Sở',
      partners: '',
      timeline: { kind: 'recurring' },
      expectedOutput: '',
      budgetSource: '',
    });
    const theirs = structuredClone(base);
    theirs.tasks[0]!.activities = [];
    theirs.sections.budget = 'Kinh phí do cửa sổ A ghi.';
    const mine = structuredClone(base);
    mine.tasks[0]!.activities[0]!.unitInCharge = 'Phòng Quản lý khoa học';
    const fields = planMergeFields(base, mine, theirs);
    const conflicts = fieldConflicts(fields, base, mine, theirs);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.label).toBe(`Nhiệm vụ ${t.taskId} – Hoạt động: Tọa đàm về Nghị quyết 57`);
    expect(conflicts[0]!.saved).toBe('(không có hoạt động này)');
    const kept = mergedSave(fields, mine, { content: theirs, revision: 9 }, new Set([conflicts[0]!.key]));
    expect(kept.baseRevision).toBe(9);
    expect(kept.content.tasks[0]!.activities.map((a) => a.unitInCharge)).toEqual(['Phòng Quản lý khoa học']);
    expect(kept.content.sections.budget).toBe('Kinh phí do cửa sổ A ghi.');
    const dropped = mergedSave(fields, mine, { content: theirs, revision: 9 }, new Set());
    expect(dropped.content.tasks[0]!.activities).toEqual([]);
    d.services.close();
  });
});
