import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import { createAuditLog } from '../../../electron/services/audit/auditLog.ts';
import { expectError, expectOk, expectVietnamese } from '../helpers/setup.ts';
import { secondClerk, semiannual2026, type ReportDocument } from '../helpers/drafts.ts';
import { setUpChain } from '../helpers/workflow.ts';

type Deletion = MethodOutput<'drafts.deletion'>;

describe('deleting a draft created by mistake', () => {
  it('removes a never-submitted report with its versions, and records who deleted which period', async () => {
    const chain = await setUpChain();
    const r = expectOk<ReportDocument>(await chain.clerk('reports.create', semiannual2026));
    expect(expectOk<Deletion>(await chain.clerk('drafts.deletion', { id: r.meta.id }))).toEqual({
      allowed: true,
      reason: null,
    });
    expectOk(await chain.clerk('drafts.delete', { id: r.meta.id }));

    // Gone from every list and read.
    expectError(await chain.clerk('reports.get', { id: r.meta.id }), 'NOT_FOUND');
    const listed = expectOk<{ id: string }[]>(await chain.clerk('reports.list', {}));
    expect(listed.map((x) => x.id)).not.toContain(r.meta.id);
    const db = chain.services.db;
    for (const table of ['documents', 'document_versions', 'document_attachments']) {
      const col = table === 'documents' ? 'id' : 'document_id';
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${col} = ?`).get(r.meta.id)).toEqual({
        n: 0,
      });
    }
    // …but the audit trail keeps it, and its chain still holds.
    const audit = createAuditLog(db, () => new Date());
    const entry = audit.entries().find((e) => e.action === 'drafts.delete')!;
    expect(entry.userId).toBe(chain.clerkUser.id);
    expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entry.detail).toMatchObject({
      id: r.meta.id,
      kind: 'report',
      title: r.meta.title,
      period: { title: '6 tháng đầu năm 2026' },
    });
    expect(audit.firstBrokenLink()).toBeNull();

    // The period may be created again (the mistake is undone, not the duty).
    expectOk(await chain.clerk('reports.create', semiannual2026));
    chain.services.close();
  });

  it('refuses, in Vietnamese and changing nothing, anything ever submitted — even withdrawn to draft', async () => {
    const chain = await setUpChain();
    const doc = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
    const whileSubmitted = expectError(await chain.clerk('drafts.delete', { id: doc.id }), 'CONFLICT');
    expectVietnamese(whileSubmitted.message);
    expect(whileSubmitted.message).toContain('đã từng được gửi duyệt');
    expectOk(await chain.clerk('workflow.withdraw', { id: doc.id }));
    const got = expectOk<ReportDocument>(await chain.clerk('reports.get', { id: doc.id }));
    expect(got.meta.status).toBe('draft');
    const deletion = expectOk<Deletion>(await chain.clerk('drafts.deletion', { id: doc.id }));
    expect(deletion.allowed).toBe(false);
    expect(deletion.reason).toContain('đã từng được gửi duyệt');
    const entriesBefore = createAuditLog(chain.services.db, () => new Date()).entries().length;
    expectError(await chain.clerk('drafts.delete', { id: doc.id }), 'CONFLICT');
    expectError(await chain.head.call('drafts.delete', { id: doc.id }), 'CONFLICT');
    expectOk(await chain.clerk('reports.get', { id: doc.id }));
    expect(createAuditLog(chain.services.db, () => new Date()).entries().length).toBe(entriesBefore);
    chain.services.close();
  });

  it('lets the author or a head delete it, not another clerk nor the văn thư', async () => {
    const chain = await setUpChain();
    const other = await secondClerk(chain);
    const plan = expectOk<{ meta: { id: string } }>(await chain.clerk('plans.create', {}));
    const id = plan.meta.id;
    const refused = expectError(await other.call('drafts.delete', { id }), 'CONFLICT');
    expect(refused.message).toContain('chỉ người tạo kế hoạch hoặc lãnh đạo');
    expect(expectOk<Deletion>(await other.call('drafts.deletion', { id })).allowed).toBe(false);
    expectError(await chain.vanThu.call('drafts.delete', { id }), 'FORBIDDEN');
    expectOk(await chain.clerk('plans.get', {}));
    expectOk(await chain.head.call('drafts.delete', { id }));
    expect(expectOk(await chain.clerk('plans.get', {}))).toBeNull();
    expectError(await chain.head.call('drafts.delete', { id }), 'NOT_FOUND');
    chain.services.close();
  });

  it('refuses an id that is not one', async () => {
    const chain = await setUpChain();
    const bad = await chain.clerk('drafts.delete', { id: '' });
    expect(bad.ok).toBe(false);
    chain.services.close();
  });
});
