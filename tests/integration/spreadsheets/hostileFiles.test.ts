import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dumpTables, expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import {
  encryptedXlsxLike,
  exportBytes,
  importInput,
  makeZip,
  reportFixture,
  xlsxBytes,
  zipFiles,
} from '../../unit/spreadsheets/fixtures.ts';
import { MESSAGES } from '../../../electron/services/spreadsheets/readWorkbook.ts';
import type { MethodOutput } from '../../../shared/api.ts';

type Fixture = Awaited<ReturnType<typeof reportFixture>>;

/**
 * Every class of hostile upload is refused with a Vietnamese message, by the preview and by the
 * apply, and the store is exactly as it was (nothing half-imported, no crash).
 */
describe('hostile spreadsheets are refused cleanly', () => {
  let f: Fixture;
  let template: Buffer;
  beforeAll(async () => {
    f = await reportFixture();
    template = (await exportBytes(f.clerk, f.report.meta.id, 'template')).bytes;
  });

  async function expectRefused(bytes: Buffer, message: string | RegExp, fileName = 'bao-cao.xlsx') {
    const before = dumpTables(f.services.db);
    const input = importInput(f.report.meta.id, bytes, fileName);
    for (const r of [
      await f.clerk('spreadsheets.previewImport', input),
      await f.clerk('spreadsheets.applyImport', { ...input, baseRevision: f.report.meta.revision }),
    ]) {
      const error = expectError(r, 'VALIDATION');
      expectVietnamese(error.message);
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    }
    expect(dumpTables(f.services.db)).toEqual(before);
  }

  it('a PDF renamed .xlsx', async () => {
    await expectRefused(
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      MESSAGES.notXlsx,
    );
  });

  it('random bytes', async () => {
    await expectRefused(crypto.randomBytes(4096), MESSAGES.notXlsx);
  });

  it('a Word document (a zip, but not a workbook) renamed .xlsx', async () => {
    const docx = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    await expectRefused(docx, MESSAGES.notXlsx);
  });

  it('a password-protected workbook (OLE2 compound file with EncryptionInfo)', async () => {
    await expectRefused(encryptedXlsxLike(), MESSAGES.encrypted);
  });

  it('a bare compound-file signature with padding', async () => {
    const bytes = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    await expectRefused(bytes, /^Tệp được đặt mật khẩu/);
  });

  it('.xls, .xlsm and .xlsb by name', async () => {
    await expectRefused(template, MESSAGES.xls, 'bao-cao.xls');
    await expectRefused(template, MESSAGES.macros, 'bao-cao.XLSM');
    await expectRefused(template, MESSAGES.xlsb, 'bao-cao.xlsb');
  });

  it('macros inside a file named .xlsx (vbaProject.bin)', async () => {
    const withMacros = makeZip([
      ...zipFiles(template),
      { name: 'xl/vbaProject.bin', data: crypto.randomBytes(256) },
    ]);
    await expectRefused(withMacros, MESSAGES.macros);
  });

  it('a file over 10 MB', async () => {
    await expectRefused(Buffer.concat([template, crypto.randomBytes(10 * 1024 * 1024)]), MESSAGES.tooBig);
  });

  it('a zip bomb: more than 100 MB once inflated', async () => {
    const files = zipFiles(template);
    const bomb = makeZip([...files, { name: 'xl/media/zeros.bin', data: Buffer.alloc(101 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(bomb, MESSAGES.zipBomb);
  });

  it('an entry that inflates to more than it declares', async () => {
    const files = zipFiles(template);
    const lying = makeZip([
      ...files,
      { name: 'xl/media/a.bin', data: Buffer.alloc(5_000_000), declaredSize: 1000 },
    ]);
    await expectRefused(lying, MESSAGES.damaged);
  });

  it('an XML part with a DOCTYPE (entity expansion)', async () => {
    const files = zipFiles(template).map((file) =>
      file.name === 'xl/workbook.xml'
        ? {
            ...file,
            data: Buffer.from(
              file.data
                .toString('utf8')
                .replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'),
            ),
          }
        : file,
    );
    await expectRefused(makeZip(files), MESSAGES.damaged);
  });

  it('more than 20,000 rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chỉ tiêu');
    ws.addRow(['Mã', 'Số lượng']);
    for (let i = 0; i < 20_001; i++) ws.addRow(['CT04-1', i]);
    await expectRefused(await xlsxBytes(wb), /dòng 20\.001, quá giới hạn 20\.000 dòng/);
  });

  it('a single cell far down (the row count comes from the sheet, not from the data)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Chỉ tiêu').getCell('B1000000').value = 1;
    await expectRefused(await xlsxBytes(wb), /quá giới hạn 20\.000 dòng/);
  });

  it('more than 50 columns', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Chỉ tiêu').getCell('BA1').value = 'x';
    await expectRefused(await xlsxBytes(wb), /53 cột, quá giới hạn 50 cột/);
  });

  it('cell text never becomes an object key (no prototype pollution)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chỉ tiêu');
    ws.addRow(['Mã', 'Số lượng', '__proto__', 'constructor']);
    ws.addRow(['__proto__', 1, '{"polluted": 1}', 'x']);
    ws.addRow(['constructor', 1]);
    const p = expectOk<MethodOutput<'spreadsheets.previewImport'>>(
      await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, await xlsxBytes(wb))),
    );
    expect(p.problems.map((x) => x.value)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
