import { beforeAll, describe, expect, it } from 'vitest';
import { dumpTables, expectError, expectOk, expectVietnamese } from '../../unit/helpers/setup.ts';
import {
  exportBytes,
  importInput,
  makeZip,
  reportFixture,
  zipFiles,
  type ZipFile,
} from '../../unit/spreadsheets/fixtures.ts';
import { LIMITS, MESSAGES } from '../../../electron/services/spreadsheets/readWorkbook.ts';
import type { MethodOutput } from '../../../shared/api.ts';

type Fixture = Awaited<ReturnType<typeof reportFixture>>;

/** A sheet part of `rows` rows of one number each, under the template's "Chỉ tiêu" header. */
function sheetXml(rows: number, columns = 2): Buffer {
  const cells = (r: number) =>
    Array.from(
      { length: columns },
      (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c + 1}</v></c>`,
    ).join('');
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${cells(i + 1)}</row>`).join('');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  );
}

const replace = (files: ZipFile[], name: string, data: Buffer | ((old: string) => string)) =>
  files.map((f) =>
    f.name === name
      ? { ...f, data: Buffer.isBuffer(data) ? data : Buffer.from(data(f.data.toString('utf8'))) }
      : f,
  );

/**
 * The checks and the reader see the same zip: each case is a file crafted so that a reader that
 * trusts other parts of the zip than the checks did would load what was never checked.
 */
describe('the spreadsheet checks and the reader agree on what is in the zip', () => {
  let f: Fixture;
  let template: ZipFile[];
  beforeAll(async () => {
    f = await reportFixture();
    template = zipFiles((await exportBytes(f.clerk, f.report.meta.id, 'template')).bytes);
  });

  async function expectRefused(bytes: Buffer, message: string | RegExp) {
    const before = dumpTables(f.services.db);
    const error = expectError(
      await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, bytes)),
      'VALIDATION',
    );
    expectVietnamese(error.message);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(dumpTables(f.services.db)).toEqual(before);
  }

  it('a worksheet part not named .xml that the relationships point at is read, and so checked', async () => {
    const sheetPart = template.find((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t.name))!.name;
    const renamed = sheetPart.replace(/\.xml$/, '.dat');
    let files = template.map((t) =>
      t.name === sheetPart ? { ...t, name: renamed, data: sheetXml(25_000) } : t,
    );
    files = replace(files, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace(sheetPart.slice(3), renamed.slice(3)),
    );
    files = replace(files, '[Content_Types].xml', (x) => x.replace(`/${sheetPart}`, `/${renamed}`));
    await expectRefused(makeZip(files), /quá giới hạn 20\.000 dòng/);
  });

  it('an end record that counts fewer entries than the directory holds (a later duplicate wins)', async () => {
    const sheetPart = template.find((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t.name))!.name;
    const zip = makeZip([...template, { name: sheetPart, data: sheetXml(25_000) }]);
    const end = zip.length - 22;
    zip.writeUInt16LE(template.length, end + 8);
    zip.writeUInt16LE(template.length, end + 10);
    await expectRefused(zip, MESSAGES.damaged);
  });

  it('two entries with the same name, counted correctly', async () => {
    const sheetPart = template.find((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t.name))!.name;
    await expectRefused(
      makeZip([...template, { name: sheetPart.toUpperCase(), data: sheetXml(3) }]),
      MESSAGES.damaged,
    );
  });

  it('a DOCTYPE in a part whose name a filter on ".xml" would skip', async () => {
    let files = replace(template, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace('sharedStrings.xml', 'strings.txt'),
    );
    files = files.map((t) =>
      t.name === 'xl/sharedStrings.xml'
        ? {
            name: 'xl/strings.txt',
            data: Buffer.from(
              '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>',
            ),
          }
        : t,
    );
    expect(files.some((t) => t.name === 'xl/strings.txt')).toBe(true);
    await expectRefused(makeZip(files), MESSAGES.damaged);
  });

  it('bytes hidden between entries that no directory record lists', async () => {
    const zip = makeZip(template);
    // Insert a forged local entry before the central directory and shift the directory offset.
    const end = zip.length - 22;
    const cdOffset = zip.readUInt32LE(end + 16);
    const hidden = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(25_000) }]);
    const localOnly = hidden.subarray(0, hidden.readUInt32LE(hidden.length - 22 + 16));
    const forged = Buffer.concat([zip.subarray(0, cdOffset), localOnly, zip.subarray(cdOffset)]);
    forged.writeUInt32LE(cdOffset + localOnly.length, forged.length - 22 + 16);
    await expectRefused(forged, MESSAGES.damaged);
  });

  it('millions of empty shared strings in a small file', async () => {
    const sst = (n: number) =>
      Buffer.from(
        `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si/>'.repeat(n)}</sst>`,
      );
    const huge = makeZip(replace(template, 'xl/sharedStrings.xml', sst(3_000_000)));
    expect(huge.length).toBeLessThan(200_000);
    // Three million compress 1,000 to 1: refused before any string is read.
    await expectRefused(huge, MESSAGES.zipBomb);
    // Fewer, in a part too small for the ratio rule: the count stops the read.
    await expectRefused(
      makeZip(replace(template, 'xl/sharedStrings.xml', sst(LIMITS.maxSharedStrings + 1))),
      MESSAGES.tooManyStrings,
    );
  });

  it('more cells than the limit, within the row and column limits', async () => {
    const sheetPart = template.find((t) => /^xl\/worksheets\/sheet\d+\.xml$/.test(t.name))!.name;
    const rows = Math.ceil(LIMITS.maxCells / 12) + 10;
    expect(rows).toBeLessThan(LIMITS.maxRows);
    await expectRefused(makeZip(replace(template, sheetPart, sheetXml(rows, 12))), MESSAGES.tooManyCells);
  });

  it('the checks accept the template itself, untouched', async () => {
    const p = expectOk<MethodOutput<'spreadsheets.previewImport'>>(
      await f.clerk('spreadsheets.previewImport', importInput(f.report.meta.id, makeZip(template))),
    );
    expect(p.problems).toEqual([]);
  });
});
