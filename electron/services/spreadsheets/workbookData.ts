/**
 * A workbook as an import sees it: plain data that crosses from the parsing worker to the main
 * thread (structured clone), with nothing left of the file's XML. Limits and messages of the reader
 * live here too, so the worker and the main thread say the same thing.
 */

export const LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxUncompressed: 50 * 1024 * 1024,
  maxEntries: 1_000,
  /** deflate cannot exceed ~1,032:1; our own templates compress about 10:1. */
  maxRatio: 500,
  maxRows: 20_000,
  maxColumns: 50,
  /** Cells holding something, over all sheets: a report's template has a few thousand. */
  maxCells: 200_000,
  /** Entries of the shared-strings table (a 134 KB file can declare millions of empty ones). */
  maxSharedStrings: 100_000,
};

const mb = (n: number) => n / 1024 / 1024;
const vi = (n: number) => n.toLocaleString('vi-VN');

export const MESSAGES = {
  notXlsx: 'Tệp không phải bảng tính Excel (.xlsx)',
  encrypted: 'Tệp được đặt mật khẩu; hãy bỏ mật khẩu rồi nhập lại',
  oleUnknown:
    'Tệp được đặt mật khẩu hoặc là tệp Excel 97–2003 (.xls); hãy bỏ mật khẩu và lưu lại dưới dạng .xlsx rồi nhập lại',
  xls: 'Định dạng Excel 97–2003 (.xls) chưa được hỗ trợ; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx (Excel Workbook) rồi nhập lại',
  xlsb: 'Định dạng bảng tính nhị phân (.xlsb) không được hỗ trợ; hãy lưu lại dưới dạng .xlsx rồi nhập lại',
  macros:
    'Tệp có macro (.xlsm) không được nhận vì lý do an toàn; hãy lưu lại dưới dạng .xlsx (Excel Workbook) rồi nhập lại',
  tooBig: `Tệp lớn hơn ${mb(LIMITS.maxBytes)} MB; hãy chỉ giữ lại các trang tính cần nhập`,
  empty: 'Tệp rỗng',
  damaged: 'Tệp bảng tính bị hỏng hoặc có cấu trúc không hợp lệ, không đọc được',
  zipBomb: `Tệp khi giải nén lớn hơn ${mb(LIMITS.maxUncompressed)} MB hoặc nén bất thường; không nhận để tránh treo máy`,
  tooManyCells: `Tệp có hơn ${vi(LIMITS.maxCells)} ô có dữ liệu; hãy chỉ giữ lại các trang tính cần nhập`,
  tooManyStrings: `Tệp có hơn ${vi(LIMITS.maxSharedStrings)} chuỗi chữ; hãy chỉ giữ lại các trang tính cần nhập`,
  tooSlow:
    'Tệp quá nặng nên không đọc xong trong thời gian cho phép; hãy chỉ giữ lại các trang tính cần nhập rồi thử lại',
  tooMuchMemory: 'Tệp cần quá nhiều bộ nhớ để đọc; hãy chỉ giữ lại các trang tính cần nhập rồi thử lại',
  busy: 'Đang đọc nhiều tệp Excel cùng lúc; vui lòng thử lại sau ít phút',
  rows: (sheet: string, row: number) =>
    `Trang tính "${sheet}" có dữ liệu ở dòng ${vi(row)}, quá giới hạn ${vi(LIMITS.maxRows)} dòng`,
  columns: (sheet: string, column: number) =>
    `Trang tính "${sheet}" có ${column} cột, quá giới hạn ${LIMITS.maxColumns} cột`,
};

/** What a cell holds, reduced to what an import needs. */
export type CellScalar =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'text'; text: string; url?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; reason: string };

export interface SheetData {
  name: string;
  /** The last row and column that hold anything (1-based), as Excel's used range. */
  rowCount: number;
  columnCount: number;
  /** row → column → cell; empty cells are absent. */
  rows: Map<number, Map<number, CellScalar>>;
}

export interface WorkbookData {
  sheets: SheetData[];
}

const EMPTY: CellScalar = { kind: 'empty' };

export function cellAt(sheet: SheetData, row: number, column: number): CellScalar {
  return sheet.rows.get(row)?.get(column) ?? EMPTY;
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
