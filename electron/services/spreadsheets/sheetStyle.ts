import ExcelJS from 'exceljs';
import type { ColumnSpec } from './reportColumns.ts';

/** Times New Roman throughout, as in the official documents (Nghị định 30/2020). */
export const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
export const PERCENT_FORMAT = '0.0%';

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BaoCao';
  // Fixed dates: the same document exports to the same bytes apart from the zip's own clock.
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = wb.created;
  return wb;
}

/**
 * A sheet with title lines above its table: the lines are merged across the table's width, the
 * header row is bold, grey and frozen, and every column has its width.
 * Returns the header row number.
 */
export function addTableSheet<F extends string>(
  wb: ExcelJS.Workbook,
  name: string,
  titles: string[],
  columns: ColumnSpec<F>[],
): { ws: ExcelJS.Worksheet; headerRow: number } {
  const headerRow = titles.length + 2;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ key: c.field, width: c.width }));
  titles.forEach((t, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = t;
    row.getCell(1).font = { name: FONT, size: i === 0 ? 13 : 12, bold: i < 2 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, columns.length);
    row.height = i === 1 ? 36 : 20;
  });
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = GREY;
  });
  header.height = 32;
  return { ws, headerRow };
}

/** Text a spreadsheet would take for a formula once a person edits the cell (F2, Enter). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Body cell style: font, border, wrapping; numbers centred. Text that starts like a formula
 * ("=HYPERLINK(…)", "+84…", "- Đã tổ chức…", "@…") is stored as text already; the Text number
 * format keeps it text when someone edits the cell in Excel or LibreOffice, so it never runs.
 */
export function styleBodyCell(cell: ExcelJS.Cell, numeric: boolean) {
  if (typeof cell.value === 'string' && FORMULA_START.test(cell.value)) cell.numFmt = '@';
  cell.font = { name: FONT, size: 12 };
  cell.border = BORDER;
  cell.alignment = numeric
    ? { horizontal: 'center', vertical: 'top', wrapText: true }
    : { horizontal: 'left', vertical: 'top', wrapText: true };
}

/** A row tall enough for its longest wrapped text (Excel does not grow rows on open). */
export function fitRowHeight<F extends string>(row: ExcelJS.Row, columns: ColumnSpec<F>[]) {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = row.getCell(i + 1).value;
    const text = typeof v === 'string' ? v : '';
    const perLine = Math.max(1, Math.floor(c.width * 1.1));
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  });
  row.height = Math.min(400, 16 * lines + 4);
}

export async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString('base64');
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
