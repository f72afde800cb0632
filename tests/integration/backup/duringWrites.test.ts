import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { ServiceHost } from '../../../electron/services/serviceHost.ts';
import { unpackAndCheck } from '../../../electron/services/backup/readBackup.ts';
import { migrations } from '../../../electron/services/store/migrations/index.ts';
import { expectOk } from '../../unit/helpers/setup.ts';
import { b64, editSession } from '../../unit/helpers/drafts.ts';
import { backupFolderOf, departmentOnDisk, tempDir } from './support.ts';

type Report = MethodOutput<'reports.get'>;
const hosts: ServiceHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

describe('a backup taken while the department is working', () => {
  it('is a consistent copy: every save and evidence file either wholly in it or not at all', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    let stop = false;
    let saves = 0;
    const writer = (async () => {
      let report = expectOk<Report>(await d.clerk('reports.get', { id: d.reportId }));
      while (!stop) {
        const n = saves + 1;
        const content = structuredClone(report.content);
        content.sections.results = {
          text: `Lần lưu số ${n}. ${'Nội dung dài. '.repeat(200)}`,
          carriedOver: false,
        };
        const saved = expectOk<{ revision: number }>(
          await d.clerk('reports.save', {
            id: d.reportId,
            baseRevision: report.meta.revision,
            editSession: editSession(`ghi-${n}`),
            content,
          }),
        );
        expectOk(
          await d.clerk('attachments.add', {
            documentId: d.reportId,
            name: `minh-chung-${n}.txt`,
            dataBase64: b64(Buffer.from(`Minh chứng số ${n}\n`, 'utf8')),
          }),
        );
        report = expectOk<Report>(await d.clerk('reports.get', { id: d.reportId }));
        expect(report.meta.revision).toBe(saved.revision);
        saves = n;
        // Faster than any clerk types (autosave is once a second), slow enough to leave the
        // backup's steps room to run between the writes.
        await new Promise((r) => setTimeout(r, 5));
      }
    })();

    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push(expectOk<MethodOutput<'backup.create'>>(await d.admin('backup.create', {})).fileName);
    }
    stop = true;
    await writer;
    expect(saves).toBeGreaterThan(3);

    let previous = -1;
    for (const fileName of made) {
      const dir = tempDir('baocao-check-');
      const checked = await unpackAndCheck(
        path.join(backupFolderOf(d.dataDir), fileName),
        dir,
        migrations.length,
      );
      const db = new Database(path.join(dir, 'baocao.sqlite'), { readonly: true });
      const row = db.prepare('SELECT content_json, revision FROM documents WHERE id = ?').get(d.reportId) as {
        content_json: string;
        revision: number;
      };
      const links = (db.prepare('SELECT COUNT(*) AS n FROM document_attachments').get() as { n: number }).n;
      db.close();
      // Each copy is later than the one before, and within itself agrees: the nth save's text with
      // the evidence files added up to then (two at setup, one per earlier round).
      expect(row.revision).toBeGreaterThanOrEqual(previous);
      previous = row.revision;
      const n = Number(/Lần lưu số (\d+)/.exec(row.content_json)?.[1] ?? 0);
      expect([2 + n - 1, 2 + n]).toContain(links);
      expect(checked.manifest.files.filter((f) => f.path.startsWith('attachments/'))).toHaveLength(links);
    }
  }, 120_000);

  it('finishes while another program writes to the database through its own connection', async () => {
    const d = await departmentOnDisk();
    hosts.push(d.host);
    const noisy = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./noisyWriter.ts', import.meta.url)),
        path.join(d.dataDir, 'baocao.sqlite'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => noisy.stdout.once('data', () => r()));
    const count = () =>
      (d.host.services.db.prepare('SELECT COUNT(*) AS n FROM noise').get() as { n: number }).n;
    try {
      await new Promise((r) => setTimeout(r, 300));
      const before = count();
      const fileName = expectOk<MethodOutput<'backup.create'>>(await d.admin('backup.create', {})).fileName;
      const after = count();
      expect(after).toBeGreaterThan(before); // the other program really was writing meanwhile
      const dir = tempDir('baocao-check-');
      const checked = await unpackAndCheck(
        path.join(backupFolderOf(d.dataDir), fileName),
        dir,
        migrations.length,
      );
      expect(checked.manifest.rowCounts.noise).toBeGreaterThanOrEqual(before);
      expect(checked.manifest.rowCounts.noise).toBeLessThanOrEqual(after);
      expect(fs.existsSync(path.join(dir, 'baocao.sqlite-wal'))).toBe(false);
    } finally {
      noisy.kill('SIGKILL');
    }
  }, 60_000);
});
