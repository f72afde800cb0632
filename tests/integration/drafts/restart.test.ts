import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, defaultResourcesDir } from '../../../electron/services/index.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import type { Version } from '../../../shared/domain/documents/documentMeta.ts';
import { expectError, expectOk } from '../../unit/helpers/setup.ts';
import {
  b64,
  clerkOf,
  editSession,
  sampleFiles,
  semiannual2026,
  setUpOnDisk,
  tempDir,
  type PlanDocument,
  type ReportDocument,
  type SaveResult,
} from '../../unit/helpers/drafts.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('drafts survive a clean restart', () => {
  it('plan, report, versions and attachments are all there after closing and reopening the data folder', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await setUpOnDisk(dataDir);
    const clerk = await clerkOf(first);

    const plan = expectOk<PlanDocument>(await clerk('plans.create', {}));
    const planContent = structuredClone(plan.content);
    planContent.tasks[0]!.activities.push({
      id: 'hd-1',
      content: 'Xây dựng chuyên mục chuyển đổi số trên cổng thông tin điện tử của Sở',
      unitInCharge: 'Trung tâm Thông tin',
      partners: '',
      timeline: { kind: 'recurring' },
      expectedOutput: 'Chuyên mục hoạt động',
      budgetSource: 'Ngân sách nhà nước',
    });
    expectOk(
      await clerk('plans.save', {
        id: plan.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: planContent,
      }),
    );

    const report = expectOk<ReportDocument>(await clerk('reports.create', semiannual2026));
    const reportContent = structuredClone(report.content);
    reportContent.sections.direction.text = 'Ban Giám đốc Sở đã chỉ đạo quyết liệt';
    const saved = expectOk<SaveResult>(
      await clerk('reports.save', {
        id: report.meta.id,
        baseRevision: 1,
        editSession: editSession('b'),
        content: reportContent,
      }),
    );
    const att = expectOk<MethodOutput<'attachments.add'>>(
      await clerk('attachments.add', {
        documentId: report.meta.id,
        name: 'Minh chứng.pdf',
        dataBase64: b64(sampleFiles.pdf),
      }),
    );
    const reportBefore = expectOk<ReportDocument>(await clerk('reports.get', { id: report.meta.id }));
    first.close();

    const second = createServices({ dataDir, resourcesDir: defaultResourcesDir() });
    try {
      const again = await clerkOf(second);
      const planAfter = expectOk<PlanDocument>(await again('plans.get', {}));
      expect(planAfter.content).toEqual(planContent);
      expect(planAfter.meta.revision).toBe(2);

      const reportAfter = expectOk<ReportDocument>(await again('reports.get', { id: report.meta.id }));
      expect(reportAfter).toEqual(reportBefore);
      expect(reportAfter.meta.revision).toBe(saved.revision);
      expect(reportAfter.attachments).toEqual([att]);
      const opened = expectOk<MethodOutput<'attachments.get'>>(
        await again('attachments.get', { documentId: report.meta.id, sha256: att.sha256 }),
      );
      expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(sampleFiles.pdf);

      expect(
        expectOk<Version[]>(await again('documents.versions', { id: report.meta.id })).map(
          (v) => v.versionNo,
        ),
      ).toEqual([2, 1]);
      // The editor that was open before the restart still holds the right revision and keeps saving.
      reportContent.sections.results.text = 'Sau khi khởi động lại';
      expectOk(
        await again('reports.save', {
          id: report.meta.id,
          baseRevision: saved.revision,
          editSession: editSession('b'),
          content: reportContent,
        }),
      );
      expectError(await again('plans.create', {}), 'CONFLICT');
    } finally {
      second.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'attachments', att.sha256.slice(0, 2), att.sha256))).toBe(true);
  });

  it('an in-memory store keeps its attachments in a folder of its own and removes it on close', async () => {
    const a = createServices({ resourcesDir: defaultResourcesDir() });
    const b = createServices({ resourcesDir: defaultResourcesDir() });
    expect(a.attachmentsDir).not.toBe(b.attachmentsDir);
    expect(fs.existsSync(a.attachmentsDir)).toBe(true);
    a.close();
    expect(fs.existsSync(a.attachmentsDir)).toBe(false);
    expect(fs.existsSync(b.attachmentsDir)).toBe(true);
    b.close();
  });
});
