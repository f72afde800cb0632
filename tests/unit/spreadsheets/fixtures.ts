import ExcelJS from 'exceljs';
import { openStrictZip } from '../../../electron/services/zip/strictZip.ts';
import { LIMITS } from '../../../electron/services/spreadsheets/workbookData.ts';
import { expectOk, type Caller } from '../helpers/setup.ts';
import { b64, semiannual2026, setUpDrafting, type Drafting, type ReportDocument } from '../helpers/drafts.ts';

export { makeZip, type ZipFile } from '../helpers/zip.ts';
import type { ZipFile } from '../helpers/zip.ts';

/** The files of an .xlsx, to change one and zip them again. */
export function zipFiles(xlsx: Buffer): ZipFile[] {
  const zip = openStrictZip(xlsx, LIMITS);
  return zip.entries.map((e) => ({ name: e.name, data: zip.read(e.name) }));
}

export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** An encrypted .xlsx as Excel writes one: an OLE2 compound file naming EncryptionInfo. */
export function encryptedXlsxLike(): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const dir = Buffer.alloc(512);
  Buffer.from('EncryptionInfo', 'utf16le').copy(dir, 128);
  Buffer.from('EncryptedPackage', 'utf16le').copy(dir, 256);
  return Buffer.concat([header, dir, Buffer.alloc(1024, 0x5a)]);
}

/** A department on the real plan with one semiannual 2026 report and a clerk to work on it. */
export async function reportFixture(): Promise<Drafting & { report: ReportDocument }> {
  const d = await setUpDrafting();
  const report = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
  return { ...d, report };
}

export async function getReport(call: Caller, id: string): Promise<ReportDocument> {
  return expectOk<ReportDocument>(await call('reports.get', { id }));
}

/** Exports `what` of document `id` and returns its bytes. */
export async function exportBytes(call: Caller, id: string, what: 'document' | 'template') {
  const file = expectOk<{ fileName: string; mime: string; dataBase64: string }>(
    await call('spreadsheets.export', { id, what }),
  );
  return { ...file, bytes: Buffer.from(file.dataBase64, 'base64') };
}

export const importInput = (id: string, bytes: Buffer, fileName = 'bao-cao.xlsx') => ({
  id,
  fileName,
  dataBase64: b64(bytes),
});

/** Row number of the row whose column B (Mã) reads `code`. */
export function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(2).value ?? '') === code) return r;
  throw new Error(`no row with code ${code} in ${ws.name}`);
}

/** exceljs keeps a sheet's protection on the worksheet without declaring it in its types. */
export const protectionOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { sheetProtection?: Record<string, unknown> | null }).sheetProtection ?? null;
