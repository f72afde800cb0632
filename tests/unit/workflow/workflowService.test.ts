import { describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../../shared/domain/documents/documentMeta.ts';
import { hasPermission, type Role } from '../../../shared/domain/organization/roles.ts';
import {
  transitions,
  workflowActions,
  type WorkflowAction,
} from '../../../shared/domain/workflow/transitions.ts';
import { editSession, type ReportDocument } from '../helpers/drafts.ts';
import { dumpTables, expectError, expectOk, expectVietnamese, type Caller } from '../helpers/setup.ts';
import { approved, setUpChain, type Chain, type Meta, type WorkflowView } from '../helpers/workflow.ts';

type Doc = { id: string; revision: number };

/** A report driven to `status` by the people whose job each step is. */
async function inStatus(chain: Chain, status: DocumentStatus): Promise<Doc> {
  const doc = await chain.readyReport();
  const submit = () => chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision });
  if (status === 'draft') return doc;
  expectOk(await submit());
  if (status === 'submitted') return doc;
  if (status === 'returned') {
    expectOk(
      await chain.head.call('workflow.return', {
        id: doc.id,
        baseRevision: doc.revision,
        reason: 'Bổ sung số liệu',
        comments: [],
      }),
    );
    return doc;
  }
  expectOk(await chain.head.call('workflow.approve', { id: doc.id, baseRevision: doc.revision }));
  if (status === 'approved') return doc;
  expectOk(
    await chain.vanThu.call('workflow.issue', {
      id: doc.id,
      baseRevision: doc.revision,
      issuedOn: '2026-06-10',
      recipients: ['Lãnh đạo cơ quan'],
    }),
  );
  return doc;
}

function attempt(call: Caller, action: WorkflowAction, doc: Doc) {
  const base = { id: doc.id };
  switch (action) {
    case 'submit':
      return call('workflow.submit', { ...base, baseRevision: doc.revision });
    case 'withdraw':
      return call('workflow.withdraw', base);
    case 'return':
      return call('workflow.return', {
        ...base,
        baseRevision: doc.revision,
        reason: 'Chưa đạt yêu cầu',
        comments: [],
      });
    case 'approve':
      return call('workflow.approve', { ...base, baseRevision: doc.revision });
    case 'issue':
      return call('workflow.issue', {
        ...base,
        baseRevision: doc.revision,
        issuedOn: '2026-06-10',
        recipients: ['Lãnh đạo cơ quan'],
      });
    case 'amend':
      return call('workflow.amend', { ...base, reason: 'Sửa số liệu chỉ tiêu 2' });
  }
}

const statusOf = async (chain: Chain, id: string) =>
  expectOk<ReportDocument>(await chain.clerk('reports.get', { id })).meta.status;

// Issuing renders and freezes the PDF, the .docx and the Excel appendix: seconds on a busy CI.
describe('every step by every role from every state, through the services', { timeout: 120_000 }, () => {
  it('does what the table allows and refuses the rest with a Vietnamese reason, changing nothing', async () => {
    const chain = await setUpChain({ clock: () => new Date('2026-06-10T03:00:00Z') });
    const people: [string, Caller, Role[]][] = [
      ['chuyên viên', chain.clerk, ['chuyen_vien']],
      ['lãnh đạo', chain.director.call, ['lanh_dao']],
      ['văn thư', chain.vanThu.call, ['van_thu']],
      ['quản trị', chain.dept.call, ['quan_tri']],
    ];
    const statuses: DocumentStatus[] = ['draft', 'submitted', 'returned', 'approved', 'issued'];
    let allowedCount = 0;
    for (const status of statuses) {
      const shared = await inStatus(chain, status);
      for (const [who, call, roles] of people) {
        for (const action of workflowActions) {
          const rule = transitions[action];
          const may = rule.from.includes(status) && hasPermission(roles, rule.permission);
          if (may) {
            // A fresh document for each allowed step, so the shared one keeps its state.
            const fresh = await inStatus(chain, status);
            const r = await attempt(call, action, fresh);
            expect(r.ok, `${who} ${action} from ${status}: ${r.ok ? '' : r.error.message}`).toBe(true);
            expect(await statusOf(chain, fresh.id)).toBe(rule.to);
            allowedCount++;
          } else {
            const before = dumpTables(chain.services.db);
            const r = await attempt(call, action, shared);
            expect(r.ok, `${who} ${action} from ${status} should be refused`).toBe(false);
            if (!r.ok) {
              expect(['FORBIDDEN', 'CONFLICT']).toContain(r.error.code);
              expectVietnamese(r.error.message);
            }
            expect(
              dumpTables(chain.services.db),
              `${who} ${action} from ${status} changed something`,
            ).toEqual(before);
          }
        }
      }
    }
    expect(allowedCount).toBe(12);
    chain.services.close();
  }, 120_000);

  it('the database itself refuses a status change or an edit the workflow does not allow', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    const db = chain.services.db;
    expect(() => db.prepare("UPDATE documents SET status = 'issued' WHERE id = ?").run(doc.id)).toThrow(
      /not allowed/,
    );
    await approved(chain, doc);
    expect(() => db.prepare("UPDATE documents SET content_json = '{}' WHERE id = ?").run(doc.id)).toThrow(
      /only a draft/,
    );
    chain.services.close();
  });
});

// Issuing renders and freezes the PDF, the .docx and the Excel appendix: seconds on a busy CI.
describe('review: return with comments, fix, approve', { timeout: 120_000 }, () => {
  it('the head returns with a reason and comments; the clerk sees them, resolves one, resubmits; the head approves', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));

    const noReason = expectError(
      await chain.head.call('workflow.return', {
        id: doc.id,
        baseRevision: doc.revision,
        reason: '  ',
        comments: [],
      }),
      'VALIDATION',
    );
    expect(noReason.message).toMatch(/^Lý do/);
    const returned = expectOk<Meta>(
      await chain.head.call('workflow.return', {
        id: doc.id,
        baseRevision: doc.revision,
        reason: 'Cần bổ sung số liệu của quý II',
        comments: [
          { area: 'indicator', key: 'CT02', text: 'Mẫu số chưa khớp với số liệu của Văn phòng' },
          { area: 'section', key: 'shortcomings', text: 'Nêu rõ nguyên nhân chủ quan' },
        ],
      }),
    );
    expect(returned.status).toBe('returned');

    const seen = expectOk<WorkflowView>(await chain.clerk('workflow.get', { id: doc.id }));
    expect(seen.history.at(-1)).toMatchObject({
      action: 'return',
      userName: 'Lê Văn Phó',
      role: 'lanh_dao',
      reason: 'Cần bổ sung số liệu của quý II',
    });
    expect(seen.comments.map((c) => [c.area, c.key, c.text, c.authorName])).toEqual([
      ['indicator', 'CT02', 'Mẫu số chưa khớp với số liệu của Văn phòng', 'Lê Văn Phó'],
      ['section', 'shortcomings', 'Nêu rõ nguyên nhân chủ quan', 'Lê Văn Phó'],
    ]);
    expect(seen.allowed).toEqual(['submit']);
    expect(seen.reviewBase).toMatchObject({ action: 'return' });

    // The clerk fixes the report in a new editing session and marks the first comment resolved.
    const current = expectOk<ReportDocument>(await chain.clerk('reports.get', { id: doc.id }));
    const content = structuredClone(current.content);
    content.sections.shortcomings.text = 'Nguyên nhân chủ quan: chưa bố trí cán bộ chuyên trách.';
    const saved = expectOk<{ revision: number }>(
      await chain.clerk('reports.save', {
        id: doc.id,
        baseRevision: current.meta.revision,
        editSession: editSession('fix'),
        content,
      }),
    );
    expectOk(await chain.clerk('workflow.resolveComment', { id: seen.comments[0]!.id, resolved: true }));
    const afterFix = expectOk<WorkflowView>(await chain.clerk('workflow.get', { id: doc.id }));
    expect(afterFix.comments[0]).toMatchObject({ resolvedByName: 'Nguyễn Văn A' });
    expect(afterFix.comments[1]!.resolvedAt).toBeNull();

    // The head compares with what they returned: exactly the changed section shows.
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: saved.revision }));
    const review = expectOk<WorkflowView>(await chain.head.call('workflow.get', { id: doc.id }));
    const diff = expectOk<{ label: string }[]>(
      await chain.head.call('documents.diff', { id: doc.id, from: review.reviewBase!.versionNo, to: null }),
    );
    expect(diff.map((c) => c.label)).toEqual(['II. Tồn tại, hạn chế và nguyên nhân']);

    // Approving a revision other than the one reviewed is refused.
    expectError(
      await chain.head.call('workflow.approve', { id: doc.id, baseRevision: doc.revision }),
      'CONFLICT',
    );
    const ok = expectOk<Meta>(
      await chain.head.call('workflow.approve', { id: doc.id, baseRevision: saved.revision }),
    );
    expect(ok.status).toBe('approved');
    const signed = expectOk<WorkflowView>(await chain.vanThu.call('workflow.get', { id: doc.id }));
    expect(signed.signer).toEqual({ authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Lê Văn Phó' });
    chain.services.close();
  });

  it('an approved or issued document cannot be edited, its files changed or re-imported', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    await approved(chain, doc);
    const current = expectOk<ReportDocument>(await chain.clerk('reports.get', { id: doc.id }));
    const refused = expectError(
      await chain.clerk('reports.save', {
        id: doc.id,
        baseRevision: doc.revision,
        editSession: editSession('late'),
        content: current.content,
      }),
      'CONFLICT',
    );
    expect(refused.message).toContain('đã được lãnh đạo duyệt và ký');
    expectError(
      await chain.clerk('attachments.add', {
        documentId: doc.id,
        name: 'minh-chung.txt',
        dataBase64: Buffer.from('abc').toString('base64'),
      }),
      'CONFLICT',
    );
    chain.services.close();
  });

  it('a head may not approve a report they wrote, unless the department has a single head', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    // The Phó Giám đốc sends the clerk's report for approval himself: he is now one of its drafters.
    expectOk(await chain.head.call('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
    const view = expectOk<WorkflowView>(await chain.head.call('workflow.get', { id: doc.id }));
    expect(view.allowed).not.toContain('approve');
    expect(view.selfApproval).toMatch(/không tự duyệt/);
    const err = expectError(
      await chain.head.call('workflow.approve', { id: doc.id, baseRevision: doc.revision }),
      'FORBIDDEN',
    );
    expectVietnamese(err.message);

    const org = chain.services.organization.get()!;
    expectOk(await chain.dept.call('organization.update', { ...org, singleHead: true }));
    expectOk(await chain.head.call('workflow.approve', { id: doc.id, baseRevision: doc.revision }));
    chain.services.close();
  });

  it('the clerk can withdraw a submission before the head acts', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
    const meta = expectOk<Meta>(await chain.clerk('workflow.withdraw', { id: doc.id }));
    expect(meta.status).toBe('draft');
    chain.services.close();
  });

  it('each person sees what awaits them in their inbox', async () => {
    const chain = await setUpChain();
    const waiting = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: waiting.id, baseRevision: waiting.revision }));
    const toIssue = await chain.readyReport();
    await approved(chain, toIssue);
    const back = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: back.id, baseRevision: back.revision }));
    expectOk(
      await chain.director.call('workflow.return', {
        id: back.id,
        baseRevision: back.revision,
        reason: 'Thiếu minh chứng',
        comments: [],
      }),
    );

    type Inbox = { documentId: string; task: string; byName: string; reason: string }[];
    const headInbox = expectOk<Inbox>(await chain.head.call('workflow.inbox', {}));
    expect(headInbox.map((i) => [i.documentId, i.task])).toEqual([[waiting.id, 'review']]);
    const vanThuInbox = expectOk<Inbox>(await chain.vanThu.call('workflow.inbox', {}));
    expect(vanThuInbox).toMatchObject([{ documentId: toIssue.id, task: 'issue', byName: 'Lê Văn Phó' }]);
    const clerkInbox = expectOk<Inbox>(await chain.clerk('workflow.inbox', {}));
    expect(clerkInbox).toMatchObject([
      { documentId: back.id, task: 'fix', byName: 'Trần Văn Giám', reason: 'Thiếu minh chứng' },
    ]);
    chain.services.close();
  });
});

// Issuing renders and freezes the PDF, the .docx and the Excel appendix: seconds on a busy CI.
describe('the audit trail of the chain', { timeout: 120_000 }, () => {
  it('records every step with who, role, version and content hash; autosaves add one entry per editing session', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    const current = expectOk<ReportDocument>(await chain.clerk('reports.get', { id: doc.id }));
    let revision = doc.revision;
    for (let i = 0; i < 5; i++) {
      const content = structuredClone(current.content);
      content.sections.proposals.text = `Kiến nghị lần ${i}`;
      revision = expectOk<{ revision: number }>(
        await chain.clerk('reports.save', {
          id: doc.id,
          baseRevision: revision,
          editSession: editSession('five'),
          content,
        }),
      ).revision;
    }
    await approved(chain, { id: doc.id, revision });
    const entries = chain.services.db
      .prepare(
        "SELECT action, user_id, detail_json FROM audit_log WHERE action LIKE 'reports.save' OR action LIKE 'workflow.%' ORDER BY seq",
      )
      .all() as { action: string; user_id: string; detail_json: string }[];
    expect(entries.map((e) => e.action)).toEqual([
      'reports.save',
      'reports.save',
      'workflow.submit',
      'workflow.approve',
    ]);
    const approval = JSON.parse(entries.at(-1)!.detail_json);
    expect(approval).toMatchObject({
      id: doc.id,
      from: 'submitted',
      to: 'approved',
      role: 'lanh_dao',
      revision,
    });
    expect(approval.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(approval.versionNo).toBeGreaterThan(1);
    expect(entries.at(-1)!.user_id).toBe(chain.head.user.id);
    chain.services.close();
  });
});
