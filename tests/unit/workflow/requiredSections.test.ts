import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import {
  editSession,
  fillCompletely,
  realCatalog,
  semiannual2026,
  setUpDrafting,
  type ReportDocument,
} from '../helpers/drafts.ts';
import { expectOk } from '../helpers/setup.ts';

type Submitted = MethodOutput<'workflow.submit'>;

/**
 * "Gửi duyệt" refuses a document whose required sections are empty — a report without its
 * sections, a plan without any activity — and lists what is missing; nothing changes until it is
 * filled in.
 */
describe('Gửi duyệt with an empty required section', () => {
  it('refuses a report and lists each empty section, then accepts it once they are filled', async () => {
    const d = await setUpDrafting();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const content = fillCompletely(r.content, realCatalog());
    content.sections.shortcomings.text = '';
    content.sections.nextTasks.text = '   ';
    const saved = expectOk<{ revision: number }>(
      await d.clerk('reports.save', {
        id: r.meta.id,
        baseRevision: r.meta.revision,
        editSession: editSession('trong'),
        content,
      }),
    );
    const refused = expectOk<Submitted>(
      await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: saved.revision }),
    );
    expect(refused.submitted).toBe(false);
    expect(refused.meta.status).toBe('draft');
    expect(refused.issues.map((i) => i.message)).toEqual([
      'Mục "II. Tồn tại, hạn chế và nguyên nhân" chưa có nội dung',
      'Mục "III. Phương hướng, nhiệm vụ kỳ tới" chưa có nội dung',
    ]);

    const filled = fillCompletely(r.content, realCatalog());
    const again = expectOk<{ revision: number }>(
      await d.clerk('reports.save', {
        id: r.meta.id,
        baseRevision: saved.revision,
        editSession: editSession('du'),
        content: filled,
      }),
    );
    const accepted = expectOk<Submitted>(
      await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: again.revision }),
    );
    expect(accepted).toMatchObject({ submitted: true, issues: [] });
    d.services.close();
  });

  it('refuses a plan with no activity under any task', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<{ meta: { id: string; revision: number }; content: PlanContent }>(
      await d.clerk('plans.create', {}),
    );
    const refused = expectOk<Submitted>(
      await d.clerk('workflow.submit', { id: plan.meta.id, baseRevision: plan.meta.revision }),
    );
    expect(refused.submitted).toBe(false);
    expect(refused.issues.map((i) => i.message)).toContain(
      'Mục "II. Nhiệm vụ và giải pháp" chưa có hoạt động nào',
    );
    d.services.close();
  });
});
