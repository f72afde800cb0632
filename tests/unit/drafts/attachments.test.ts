import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { Services } from '../../../electron/services/index.ts';
import { dumpTables, expectError, expectOk, expectVietnamese } from '../helpers/setup.ts';
import {
  b64,
  clerkOf,
  editSession,
  realCatalog,
  sampleFiles,
  semiannual2026,
  setUpDrafting,
  setUpOnDisk,
  tempDir,
  type ReportDocument,
} from '../helpers/drafts.ts';

type Attachment = MethodOutput<'attachments.add'>;
type Opened = MethodOutput<'attachments.get'>;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

async function onDisk() {
  const dataDir = tempDir();
  const services: Services = await setUpOnDisk(dataDir);
  cleanup.push(() => {
    services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const clerk = await clerkOf(services);
  const report = expectOk<ReportDocument>(await clerk('reports.create', semiannual2026));
  expect(services.attachmentsDir).toBe(path.join(dataDir, 'attachments'));
  return { dataDir, services, clerk, report, attachmentsDir: services.attachmentsDir };
}

describe('attachments', () => {
  it('a PDF is stored under its SHA-256 in the data folder and opens with the same bytes', async () => {
    const { clerk, report, attachmentsDir } = await onDisk();
    const att = expectOk<Attachment>(
      await clerk('attachments.add', {
        documentId: report.meta.id,
        name: 'Kế hoạch tập huấn.pdf',
        dataBase64: b64(sampleFiles.pdf),
      }),
    );
    const hash = sha(sampleFiles.pdf);
    expect(att).toMatchObject({
      sha256: hash,
      name: 'Kế hoạch tập huấn.pdf',
      size: sampleFiles.pdf.length,
      mime: 'application/pdf',
    });
    const file = path.join(attachmentsDir, hash.slice(0, 2), hash);
    expect(fs.readFileSync(file)).toEqual(sampleFiles.pdf);
    expect(filesUnder(attachmentsDir)).toEqual([hash]); // no temporary file left behind

    const opened = expectOk<Opened>(
      await clerk('attachments.get', { documentId: report.meta.id, sha256: hash }),
    );
    expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(sampleFiles.pdf);
  });

  it('the same bytes attached twice, to two reports, are stored once', async () => {
    const { services, clerk, report, attachmentsDir } = await onDisk();
    const other = expectOk<ReportDocument>(
      await clerk('reports.create', { kind: 'annual', year: 2026, month: null, fromPrevious: false }),
    );
    for (const [documentId, name] of [
      [report.meta.id, 'minh-chung.pdf'],
      [report.meta.id, 'minh-chung (1).pdf'],
      [other.meta.id, 'bản sao.pdf'],
    ]) {
      expectOk(await clerk('attachments.add', { documentId, name, dataBase64: b64(sampleFiles.pdf) }));
    }
    expect(filesUnder(attachmentsDir)).toHaveLength(1);
    expect(services.db.prepare('SELECT COUNT(*) AS n FROM attachments').get()).toEqual({ n: 1 });
    const listed = expectOk<ReportDocument>(await clerk('reports.get', { id: report.meta.id })).attachments;
    // The same content again under a new name: the new name is the one listed.
    expect(listed.map((a) => a.name)).toEqual(['minh-chung (1).pdf']);

    // Removing it from one report keeps the file the other still lists.
    expectOk(await clerk('attachments.remove', { documentId: report.meta.id, sha256: sha(sampleFiles.pdf) }));
    expect(filesUnder(attachmentsDir)).toHaveLength(1);
    expectOk(await clerk('attachments.remove', { documentId: other.meta.id, sha256: sha(sampleFiles.pdf) }));
    expect(filesUnder(attachmentsDir)).toHaveLength(0);
    expect(services.db.prepare('SELECT COUNT(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });

  it('refuses an .exe, a .pdf that is not a PDF, 11 MiB and bad base64, leaving no trace', async () => {
    const { services, clerk, report, attachmentsDir } = await onDisk();
    const before = dumpTables(services.db);
    const add = (name: string, dataBase64: string) =>
      clerk('attachments.add', { documentId: report.meta.id, name, dataBase64 });

    const exe = expectError(await add('caidat.exe', b64(sampleFiles.exe)), 'VALIDATION');
    expect(exe.message).toContain('caidat.exe');
    expect(exe.message).toMatch(/\.pdf.*\.docx.*\.png/);
    expectVietnamese(exe.message);

    const fake = expectError(await add('bao-cao.pdf', b64(sampleFiles.exe)), 'VALIDATION');
    expect(fake.message).toContain('bao-cao.pdf');
    expect(fake.message).toMatch(/PDF/);

    const big = Buffer.concat([sampleFiles.pdf, Buffer.alloc(11 * 1024 * 1024)]);
    const tooBig = expectError(await add('x.pdf', b64(big)), 'VALIDATION');
    expect(tooBig.message).toBe('Tệp "x.pdf" quá lớn: 11,0 MB; giới hạn 10 MB');

    expectError(await add('a.txt', 'không phải base64!'), 'VALIDATION');
    expectError(await add('nhi-phan.txt', b64(Buffer.from([0x41, 0, 0x42]))), 'VALIDATION');

    expect(dumpTables(services.db)).toEqual(before);
    expect(filesUnder(attachmentsDir)).toEqual([]);
  });

  it('when the row cannot be written, the file written for it is taken away again', async () => {
    const { services, clerk, report, attachmentsDir } = await onDisk();
    services.db.exec(`CREATE TRIGGER refuse_links BEFORE INSERT ON document_attachments
      BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const before = dumpTables(services.db);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await clerk('attachments.add', {
      documentId: report.meta.id,
      name: 'a.pdf',
      dataBase64: b64(sampleFiles.pdf),
    });
    quiet.mockRestore();
    expectVietnamese(expectError(r, 'INTERNAL').message);
    expect(dumpTables(services.db)).toEqual(before);
    expect(filesUnder(attachmentsDir)).toEqual([]);
  });

  it('accepts the other allowed types and lists them in Vietnamese name order', async () => {
    const d = await setUpDrafting();
    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const add = (name: string, bytes: Buffer) =>
      d.clerk('attachments.add', { documentId: r.meta.id, name, dataBase64: b64(bytes) });
    expectOk(await add('Ảnh hội nghị.png', sampleFiles.png));
    expectOk(await add('Danh sách.txt', sampleFiles.txt));
    expectOk(await add('Biên bản.docx', sampleFiles.docx));
    expectOk(await add('C:\\fakepath\\An toàn thông tin.pdf', sampleFiles.pdf));
    const listed = expectOk<ReportDocument>(await d.clerk('reports.get', { id: r.meta.id })).attachments;
    expect(listed.map((a) => a.name)).toEqual([
      'An toàn thông tin.pdf',
      'Ảnh hội nghị.png',
      'Biên bản.docx',
      'Danh sách.txt',
    ]);
    expect(listed.find((a) => a.name === 'Danh sách.txt')?.mime).toBe('text/plain');
    d.services.close();
  });

  it('only reports still being drafted take attachments; plans never do', async () => {
    const d = await setUpDrafting();
    const plan = expectOk<{ meta: { id: string } }>(await d.clerk('plans.create', {}));
    expectError(
      await d.clerk('attachments.add', {
        documentId: plan.meta.id,
        name: 'a.pdf',
        dataBase64: b64(sampleFiles.pdf),
      }),
      'NOT_FOUND',
    );

    const r = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const full = structuredClone(r.content);
    const catalog = realCatalog();
    for (const ind of full.indicators) {
      const kind = catalog.indicators.find((i) => i.code === ind.code)!.measures;
      ind.values.forEach((v, i) => {
        if (kind[i]!.kind === 'ratio') Object.assign(v, { numerator: 1, denominator: 1 });
        else if (kind[i]!.kind === 'yes_no')
          Object.assign(v, { done: true, evidenceUrl: 'https://skhcn.gov.vn' });
        else v.count = 1;
      });
    }
    for (const t of full.tasks) Object.assign(t, { status: 'dang_thuc_hien', result: 'Đang làm' });
    for (const s of Object.values(full.sections)) s.text = 'Có nội dung';
    const saved = expectOk<{ revision: number }>(
      await d.clerk('reports.save', {
        id: r.meta.id,
        baseRevision: 1,
        editSession: editSession('a'),
        content: full,
      }),
    );
    expectOk(
      await d.clerk('attachments.add', {
        documentId: r.meta.id,
        name: 'a.pdf',
        dataBase64: b64(sampleFiles.pdf),
      }),
    );
    expect(
      expectOk<{ submitted: boolean }>(
        await d.clerk('workflow.submit', { id: r.meta.id, baseRevision: saved.revision }),
      ).submitted,
    ).toBe(true);
    const locked = expectError(
      await d.clerk('attachments.add', {
        documentId: r.meta.id,
        name: 'b.png',
        dataBase64: b64(sampleFiles.png),
      }),
      'CONFLICT',
    );
    expectVietnamese(locked.message);
    expectError(
      await d.clerk('attachments.remove', { documentId: r.meta.id, sha256: sha(sampleFiles.pdf) }),
      'CONFLICT',
    );
    d.services.close();
  });
});
