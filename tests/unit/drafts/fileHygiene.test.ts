import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../electron/services/drafts/attachmentStore.ts';
import { createServices } from '../../../electron/services/index.ts';
import { minimalDocx, makeZip } from '../helpers/zip.ts';
import {
  b64,
  clerkOf,
  sampleFiles,
  semiannual2026,
  setUpDrafting,
  setUpOnDisk,
  tempDir,
  type ReportDocument,
} from '../helpers/drafts.ts';
import { defaultResourcesDir } from '../../../electron/services/index.ts';
import { dumpTables, expectError, expectOk, expectVietnamese } from '../helpers/setup.ts';

describe('files left by a write killed midway are cleaned at start', () => {
  it('temporary files and files no row refers to go; listed files stay', async () => {
    const dataDir = tempDir('baocao-files-');
    let services = await setUpOnDisk(dataDir);
    const clerk = await clerkOf(services);
    const report = expectOk<ReportDocument>(await clerk('reports.create', semiannual2026));
    expectOk(
      await clerk('attachments.add', {
        documentId: report.meta.id,
        name: 'a.pdf',
        dataBase64: b64(sampleFiles.pdf),
      }),
    );
    const dir = services.attachmentsDir;
    services.close();

    const kept = sha256Hex(sampleFiles.pdf);
    const orphanBytes = Buffer.from('tệp không còn dòng nào trỏ tới');
    const orphan = sha256Hex(orphanBytes);
    fs.mkdirSync(path.join(dir, orphan.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dir, orphan.slice(0, 2), orphan), orphanBytes);
    const tmpBlob = path.join(dir, kept.slice(0, 2), `.${kept}.${randomUUID()}.tmp`);
    fs.writeFileSync(tmpBlob, 'nửa tệp');
    const tmpAnchor = path.join(dataDir, `.audit-anchor.json.${randomUUID()}.tmp`);
    fs.writeFileSync(tmpAnchor, '{"head');
    const other = path.join(dataDir, 'ghi-chu-cua-nguoi-dung.txt');
    fs.writeFileSync(other, 'không phải của BaoCao');

    services = createServices({ dataDir, resourcesDir: defaultResourcesDir() });
    try {
      expect(fs.existsSync(path.join(dir, orphan.slice(0, 2), orphan))).toBe(false);
      expect(fs.existsSync(tmpBlob)).toBe(false);
      expect(fs.existsSync(tmpAnchor)).toBe(false);
      expect(fs.existsSync(path.join(dir, kept.slice(0, 2), kept))).toBe(true);
      expect(fs.existsSync(other)).toBe(true);
      const again = await clerkOf(services);
      const got = expectOk<{ dataBase64: string }>(
        await again('attachments.get', { documentId: report.meta.id, sha256: kept }),
      );
      expect(Buffer.from(got.dataBase64, 'base64')).toEqual(sampleFiles.pdf);
    } finally {
      services.close();
    }
  });
});

/** A tiny but well-formed JPEG header: SOI, APP0, a baseline frame header of 1×1, EOI. */
function minimalJpeg(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof0 = Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.from([0xff, 0xd9])]);
}

describe('attachment types are checked on their structure, not only their first bytes', () => {
  it('refuses look-alikes and accepts the real thing', async () => {
    const d = await setUpDrafting();
    const report = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const add = (name: string, bytes: Buffer) =>
      d.clerk('attachments.add', { documentId: report.meta.id, name, dataBase64: b64(bytes) });
    const before = dumpTables(d.services.db);
    const xlsxInside = makeZip([
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        ),
      },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    const fakes: [string, Buffer][] = [
      ['bien-ban.docx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096)])],
      ['bien-ban.docx', makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])],
      ['bien-ban.docx', xlsxInside],
      ['bang.xlsx', minimalDocx()],
      ['ho-so.pdf', Buffer.from('%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n')],
      ['ho-so.pdf', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n')],
      ['anh.png', sampleFiles.png.subarray(0, 16)],
      ['anh.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(512)])],
      ['cu.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)])],
    ];
    for (const [name, bytes] of fakes) {
      const e = expectError(await add(name, bytes), 'VALIDATION');
      expectVietnamese(e.message);
      expect(e.message, name).toContain(`Tệp "${name}": nội dung không phải`);
    }
    expect(dumpTables(d.services.db)).toEqual(before);
    for (const [name, bytes] of [
      ['bien-ban.docx', minimalDocx()],
      ['anh.png', sampleFiles.png],
      ['anh.jpg', minimalJpeg()],
      ['ho-so.pdf', sampleFiles.pdf],
    ] as const) {
      expectOk(await add(name, bytes));
    }
    d.services.close();
  });

  it('the same content under a new name keeps the new name, and says so in the audit log', async () => {
    const d = await setUpDrafting();
    const report = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
    const add = (name: string) =>
      d.clerk('attachments.add', { documentId: report.meta.id, name, dataBase64: b64(sampleFiles.pdf) });
    expectOk(await add('ban-nhap.pdf'));
    const renamed = expectOk<{ name: string }>(await add('Biên bản chính thức.pdf'));
    expect(renamed.name).toBe('Biên bản chính thức.pdf');
    const listed = expectOk<ReportDocument>(await d.clerk('reports.get', { id: report.meta.id })).attachments;
    expect(listed.map((a) => a.name)).toEqual(['Biên bản chính thức.pdf']);
    const last = d.services.db
      .prepare('SELECT action, detail_json FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as {
      action: string;
      detail_json: string;
    };
    expect(last.action).toBe('attachments.rename');
    expect(JSON.parse(last.detail_json)).toMatchObject({
      from: 'ban-nhap.pdf',
      name: 'Biên bản chính thức.pdf',
    });
    d.services.close();
  });
});
