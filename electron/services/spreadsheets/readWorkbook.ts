import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors.ts';

/**
 * Opens a spreadsheet a person uploaded, which may be anything: a PDF renamed .xlsx, an encrypted
 * workbook, a zip bomb, a sheet of a million rows, a workbook with macros. Everything is checked on
 * the raw bytes before exceljs parses a single XML part:
 *   1. size ≤ 10 MB; .xls / .xlsm / .xlsb refused by name;
 *   2. an OLE2 compound file (D0 CF 11 E0 …) is an encrypted .xlsx (or an old .xls): refused;
 *   3. the zip's central directory is read here: every entry must inflate to exactly the size it
 *      declares, the total stays ≤ 100 MB, no encrypted entries, no vbaProject.bin (macros are
 *      refused, not ignored), no DOCTYPE in any XML part (no entity expansion);
 *   4. each worksheet's rows and columns are counted from its XML (≤ 20,000 rows, ≤ 50 columns).
 * Only then does exceljs load the workbook. Nothing here evaluates a formula.
 */

export const LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxUncompressed: 100 * 1024 * 1024,
  maxEntries: 2_000,
  maxRows: 20_000,
  maxColumns: 50,
};

export const MESSAGES = {
  notXlsx: 'Tệp không phải bảng tính Excel (.xlsx)',
  encrypted: 'Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nhập lại',
  oleUnknown:
    'Tệp được đặt mật khẩu hoặc là tệp Excel 97–2003 (.xls); hãy bỏ mật khẩu và lưu lại dưới dạng .xlsx rồi nhập lại',
  xls: 'Định dạng Excel 97–2003 (.xls) chưa được hỗ trợ; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx (Excel Workbook) rồi nhập lại',
  xlsb: 'Định dạng bảng tính nhị phân (.xlsb) không được hỗ trợ; hãy lưu lại dưới dạng .xlsx rồi nhập lại',
  macros:
    'Tệp có macro (.xlsm) không được nhận vì lý do an toàn; hãy lưu lại dưới dạng .xlsx (Excel Workbook) rồi nhập lại',
  tooBig: `Tệp lớn hơn ${LIMITS.maxBytes / 1024 / 1024} MB; hãy chỉ giữ lại các trang tính cần nhập`,
  empty: 'Tệp rỗng',
  damaged: 'Tệp bảng tính bị hỏng hoặc có cấu trúc không hợp lệ, không đọc được',
  zipBomb: `Tệp khi giải nén lớn hơn ${LIMITS.maxUncompressed / 1024 / 1024} MB; không nhận để tránh treo máy`,
};

const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function readCentralDirectory(bytes: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) refuse(MESSAGES.notXlsx);
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) refuse(MESSAGES.damaged); // zip64: never for ≤ 10 MB
  if (count > LIMITS.maxEntries) refuse(MESSAGES.damaged);
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== ZIP_CENTRAL) refuse(MESSAGES.damaged);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's bytes, inflated to at most the size it declares: a lying header fails here. */
function inflateEntry(bytes: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== ZIP_LOCAL) refuse(MESSAGES.damaged);
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  if (start + e.compressedSize > bytes.length) refuse(MESSAGES.damaged);
  const data = bytes.subarray(start, start + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      return refuse(MESSAGES.damaged);
    }
  } else return refuse(MESSAGES.damaged);
  if (out.length !== e.size) refuse(MESSAGES.damaged);
  return out;
}

const COLUMN_LETTERS = /^[A-Z]{1,3}$/;
export function columnNumber(letters: string): number {
  if (!COLUMN_LETTERS.test(letters)) return 0;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Rows and columns a worksheet part really uses, from its XML, before anything parses it. */
function checkSheetSize(xml: string, sheetPath: string) {
  let maxRow = 0;
  let rowTags = 0;
  for (const m of xml.matchAll(/<row\b([^>]*)>/g)) {
    rowTags++;
    const r = /\br="(\d+)"/.exec(m[1]!);
    if (r) maxRow = Math.max(maxRow, Number(r[1]));
  }
  let maxColumn = 0;
  for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z]+)\d+"/g))
    maxColumn = Math.max(maxColumn, columnNumber(m[1]!));
  const rows = Math.max(maxRow, rowTags);
  const name = sheetPath.replace(/^xl\/worksheets\//, '');
  if (rows > LIMITS.maxRows) {
    refuse(
      `Trang tính (${name}) có ${rows.toLocaleString('vi-VN')} dòng, quá giới hạn ${LIMITS.maxRows.toLocaleString('vi-VN')} dòng`,
    );
  }
  if (maxColumn > LIMITS.maxColumns) {
    refuse(`Trang tính (${name}) có ${maxColumn} cột, quá giới hạn ${LIMITS.maxColumns} cột`);
  }
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/** Every check on the raw bytes; throws a Vietnamese VALIDATION error for the first that fails. */
export function checkSpreadsheetBytes(fileName: string, bytes: Buffer): void {
  const ext = extensionOf(fileName);
  if (ext === 'xls') refuse(MESSAGES.xls);
  if (ext === 'xlsm') refuse(MESSAGES.macros);
  if (ext === 'xlsb') refuse(MESSAGES.xlsb);
  if (ext !== 'xlsx') refuse(MESSAGES.notXlsx);
  if (bytes.length === 0) refuse(MESSAGES.empty);
  if (bytes.length > LIMITS.maxBytes) refuse(MESSAGES.tooBig);
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    // An encrypted .xlsx is an OLE2 compound file holding EncryptionInfo and EncryptedPackage.
    const encrypted =
      bytes.includes(Buffer.from('EncryptionInfo', 'utf16le')) ||
      bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    refuse(encrypted ? MESSAGES.encrypted : MESSAGES.oleUnknown);
  }
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== ZIP_LOCAL) refuse(MESSAGES.notXlsx);

  const entries = readCentralDirectory(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) refuse(MESSAGES.notXlsx);
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) refuse(MESSAGES.macros);
  if (entries.some((e) => e.flags & 1)) refuse(MESSAGES.encrypted);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > LIMITS.maxUncompressed) refuse(MESSAGES.zipBomb);
  }
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = inflateEntry(bytes, e);
    if (!/\.(xml|rels|vml)$/i.test(e.name)) continue;
    const xml = data.toString('utf8');
    // No document type declarations: nothing for an XML parser to expand.
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) refuse(MESSAGES.damaged);
    if (e.name === '[Content_Types].xml' && /macroEnabled/i.test(xml)) refuse(MESSAGES.macros);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) checkSheetSize(xml, e.name);
  }
}

/** The files of a zip that passed the checks above, for tests and tools: name → bytes. */
export function unzipChecked(bytes: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readCentralDirectory(bytes))
    if (!e.name.endsWith('/')) files.set(e.name, inflateEntry(bytes, e));
  return files;
}

/** A checked workbook, loaded by exceljs; formulas keep their cached results and are never run. */
export async function readWorkbook(fileName: string, bytes: Buffer): Promise<ExcelJS.Workbook> {
  checkSpreadsheetBytes(fileName, bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    refuse(MESSAGES.damaged);
  }
  for (const ws of workbook.worksheets) {
    if (ws.rowCount > LIMITS.maxRows || ws.columnCount > LIMITS.maxColumns) {
      refuse(`Trang tính "${ws.name}" quá lớn (${ws.rowCount} dòng, ${ws.columnCount} cột)`);
    }
  }
  return workbook;
}

/** What a cell holds, reduced to what an import needs. */
export type CellScalar =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'text'; text: string; url?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; reason: string };

function richTextOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return ((v as { richText: { text?: unknown }[] }).richText ?? [])
      .map((r) => (typeof r.text === 'string' ? r.text : ''))
      .join('');
  }
  return null;
}

function scalarOf(v: unknown, percentFormat: boolean, depth = 0): CellScalar {
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? { kind: 'number', value: v, percentFormat }
      : { kind: 'error', reason: 'Giá trị số không hợp lệ' };
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) return { kind: 'date', value: v };
  if (typeof v !== 'object' || depth > 1) return { kind: 'error', reason: 'Không đọc được giá trị của ô' };
  const o = v as Record<string, unknown>;
  if (
    Object.prototype.hasOwnProperty.call(o, 'formula') ||
    Object.prototype.hasOwnProperty.call(o, 'sharedFormula')
  ) {
    const result = o.result;
    if (result === undefined || result === null) {
      return {
        kind: 'error',
        reason: 'Ô có công thức nhưng chưa có giá trị đã tính; hãy mở tệp bằng Excel, lưu lại rồi nhập lại',
      };
    }
    return scalarOf(result, percentFormat, depth + 1);
  }
  if (typeof o.error === 'string') return { kind: 'error', reason: `Ô có lỗi ${o.error}` };
  if (typeof o.hyperlink === 'string') {
    const text = richTextOf(o.text) ?? '';
    return { kind: 'text', text: text.trim() ? text : o.hyperlink, url: o.hyperlink };
  }
  const rich = richTextOf(o);
  if (rich !== null) return rich.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: rich };
  return { kind: 'error', reason: 'Không đọc được giá trị của ô' };
}

export function cellScalar(cell: ExcelJS.Cell): CellScalar {
  const fmt = typeof cell.numFmt === 'string' ? cell.numFmt : '';
  return scalarOf(cell.value, fmt.includes('%'));
}

/** A cell as text, for headers and text columns: rich text joined, numbers as typed. */
export function scalarText(s: CellScalar): string {
  switch (s.kind) {
    case 'empty':
    case 'error':
      return '';
    case 'number':
      return String(s.value);
    case 'text':
      return s.text;
    case 'boolean':
      return s.value ? 'TRUE' : 'FALSE';
    case 'date':
      return `${s.value.getUTCDate()}/${s.value.getUTCMonth() + 1}/${s.value.getUTCFullYear()}`;
  }
}

/** "Chỉ Tiêu " → "chi tieu": headers and labels compared without case, diacritics or extra spaces. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('đ', 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
