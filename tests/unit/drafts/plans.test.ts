import { describe, expect, it } from 'vitest';
import { tasksFor } from '../../../shared/domain/catalog/applicability.ts';
import type { Activity } from '../../../shared/domain/plans/planContent.ts';
import type { Version } from '../../../shared/domain/documents/documentMeta.ts';
import type { Change } from '../../../shared/domain/documents/documentDiff.ts';
import { dumpTables, expectError, expectOk, expectVietnamese, manualClock } from '../helpers/setup.ts';
import {
  editSession,
  realCatalog,
  secondClerk,
  setUpDrafting,
  type PlanDocument,
  type SaveResult,
} from '../helpers/drafts.ts';

const activity = (id: string, content: string): Activity => ({
  id,
  content,
  unitInCharge: 'Văn phòng Sở',
  partners: 'Các phòng chuyên môn',
  timeline: { kind: 'quarter', quarter: 2, year: 2026 },
  expectedOutput: 'Báo cáo kết quả',
  budgetSource: 'Ngân sách nhà nước',
});

describe('plans: create, get, save', () => {
  it('creates the plan from the catalog, saves an edit and reads it back', async () => {
    const d = await setUpDrafting();
    expect(expectOk(await d.clerk('plans.get', {}))).toBeNull();

    const created = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    expect(created.meta).toMatchObject({
      kind: 'plan',
      catalogId: '34-KH-UBND-2025',
      title: 'Kế hoạch triển khai thực hiện Kế hoạch số 34/KH-UBND',
      status: 'draft',
      revision: 1,
      updatedBy: 'Nguyễn Văn A',
    });
    const expectedTasks = tasksFor(realCatalog(), 'so_khcn').map((t) => t.id);
    expect(created.content.tasks.map((t) => t.taskId)).toEqual(expectedTasks);
    expect(created.content.sections.purpose).toMatch(/Mục đích/);

    const edited = structuredClone(created.content);
    edited.tasks[0]!.activities.push(activity('hd-1', 'Tổ chức hội nghị quán triệt Kế hoạch'));
    edited.sections.budget = 'Kinh phí chi thường xuyên năm 2026 của Sở.';
    const saved = expectOk<SaveResult>(
      await d.clerk('plans.save', {
        id: created.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: edited,
      }),
    );
    expect(saved.revision).toBe(2);

    const again = expectOk<PlanDocument>(await d.clerk('plans.get', {}));
    expect(again.meta.revision).toBe(2);
    expect(again.meta.updatedAt).toBe(saved.savedAt);
    expect(again.content).toEqual(edited);
    d.services.close();
  });

  it('refuses a second plan for the same catalog and keeps the first', async () => {
    const d = await setUpDrafting();
    const first = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const err = expectError(await d.clerk('plans.create', {}), 'CONFLICT');
    expect(err.message).toBe('Cơ quan đã có kế hoạch triển khai');
    const rows = d.services.db.prepare('SELECT id FROM documents').all();
    expect(rows).toEqual([{ id: first.meta.id }]);
    d.services.close();
  });

  it('an administrator without the chuyên viên role may read but not create a plan', async () => {
    const d = await setUpDrafting();
    expect(expectOk(await d.dept.call('plans.get', {}))).toBeNull();
    const err = expectError(await d.dept.call('plans.create', {}), 'FORBIDDEN');
    expectVietnamese(err.message);
    expect(d.services.db.prepare('SELECT COUNT(*) AS n FROM documents').get()).toEqual({ n: 0 });
    d.services.close();
  });

  it('refuses a task the plan does not have, and content with an error, storing nothing', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const before = dumpTables(d.services.db);

    const injected = structuredClone(plan.content);
    injected.tasks.push({
      taskId: 'III.9.z.9',
      notApplicable: false,
      notApplicableReason: '',
      activities: [],
    });
    const e1 = expectError(
      await d.clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: injected,
      }),
      'VALIDATION',
    );
    expect(e1.message).toContain('III.9.z.9');
    expectVietnamese(e1.message);

    const badDate = structuredClone(plan.content);
    badDate.tasks[0]!.activities.push({
      ...activity('hd-1', 'Tập huấn'),
      timeline: { kind: 'date', date: '2026-02-30' },
    });
    const e2 = expectError(
      await d.clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: badDate,
      }),
      'VALIDATION',
    );
    expect(e2.message).toMatch(/Hoạt động 1/);
    expect(e2.message).toContain('2026-02-30');
    expect(dumpTables(d.services.db)).toEqual(before);
    d.services.close();
  });
});

describe('plans: two editors', () => {
  it('the second save from the same base revision gets CONFLICT naming who saved and when', async () => {
    const time = manualClock('2026-03-02T07:05:12Z'); // 14:05:12 in Việt Nam
    const d = await setUpDrafting({ clock: time.clock });
    const b = await secondClerk(d);
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const loadedByB = expectOk<PlanDocument>(await b.call('plans.get', {}));

    const mine = structuredClone(plan.content);
    mine.sections.purpose = 'Nội dung của cửa sổ thứ nhất';
    expectOk(
      await d.clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: mine,
      }),
    );
    const afterFirst = dumpTables(d.services.db);

    time.advance(30_000);
    const theirs = structuredClone(loadedByB.content);
    theirs.sections.purpose = 'Nội dung của cửa sổ thứ hai';
    const err = expectError(
      await b.call('plans.save', {
        id: plan.meta.id,
        baseRevision: loadedByB.meta.revision,
        editSession: editSession('b'),
        content: theirs,
      }),
      'CONFLICT',
    );
    expect(err.message).toBe(
      'Kế hoạch đã được sửa ở cửa sổ khác (Nguyễn Văn A lúc 14:05:12). Thay đổi của bạn chưa được lưu: hãy so với bản mới nhất và chọn giữ bản nào cho từng mục.',
    );
    expect(dumpTables(d.services.db)).toEqual(afterFirst);
    const now = expectOk<PlanDocument>(await b.call('plans.get', {}));
    expect(now.content.sections.purpose).toBe('Nội dung của cửa sổ thứ nhất');
    d.services.close();
  });
});

describe('plans: versions and diff', () => {
  it('one version per editing session; saves within a session update it; diff names the changed fields', async () => {
    const time = manualClock('2026-03-02T02:00:00Z');
    const d = await setUpDrafting({ clock: time.clock });
    const plan = expectOk<PlanDocument>(await d.clerk('plans.create', {}));
    const id = plan.meta.id;
    let rev = 1;
    const save = async (session: string, change: (c: PlanDocument['content']) => void) => {
      const current = expectOk<PlanDocument>(await d.clerk('plans.get', {}));
      const content = structuredClone(current.content);
      change(content);
      time.advance(1_000);
      const r = expectOk<SaveResult>(
        await d.clerk('plans.save', { id, baseRevision: rev, editSession: editSession(session), content }),
      );
      rev = r.revision;
    };

    await save('sang', (c) =>
      c.tasks[0]!.activities.push(activity('hd-1', 'Tuyên truyền trên cổng thông tin')),
    );
    await save('sang', (c) => (c.tasks[0]!.activities[0]!.unitInCharge = 'Phòng Quản lý công nghệ'));
    let versions = expectOk<Version[]>(await d.clerk('documents.versions', { id }));
    expect(versions.map((v) => [v.versionNo, v.revision])).toEqual([
      [2, 3],
      [1, 1],
    ]);
    expect(versions[0]!.userName).toBe('Nguyễn Văn A');
    expect(versions[0]!.updatedAt > versions[0]!.createdAt).toBe(true);

    await save('chieu', (c) => (c.sections.budget = 'Kinh phí: nguồn sự nghiệp khoa học năm 2026'));
    // The morning window saves again after the afternoon one: its session has ended, so a new version.
    await save('sang', (c) => (c.sections.organization = 'Văn phòng Sở theo dõi, tổng hợp'));
    versions = expectOk<Version[]>(await d.clerk('documents.versions', { id }));
    expect(versions.map((v) => [v.versionNo, v.revision])).toEqual([
      [4, 5],
      [3, 4],
      [2, 3],
      [1, 1],
    ]);

    const diff = expectOk<Change[]>(await d.clerk('documents.diff', { id, from: 2, to: 3 }));
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ area: 'section', after: 'Kinh phí: nguồn sự nghiệp khoa học năm 2026' });
    expect(diff[0]!.label).toMatch(/Kinh phí/);

    const sinceCreate = expectOk<Change[]>(await d.clerk('documents.diff', { id, from: 1, to: null }));
    expect(sinceCreate.some((c) => c.area === 'activity')).toBe(true);
    expect(sinceCreate.map((c) => c.label).join('\n')).toMatch(/Tổ chức thực hiện/);

    const missing = expectError(await d.clerk('documents.diff', { id, from: 9, to: null }), 'NOT_FOUND');
    expectVietnamese(missing.message);
    expect(missing.message).toContain('9');
    d.services.close();
  });
});
