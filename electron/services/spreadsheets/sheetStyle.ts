import ExcelJS from 'exceljs';
import { emToTwips, emWidth } from '../../../shared/domain/documents/textMetrics.ts';
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
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      // Printed, the header row repeats at the top of every page.
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  ws.columns = columns.map((c) => ({ key: c.field, width: c.width }));
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);
  titles.forEach((t, i) => {
    const row = ws.getRow(i + 1);
    const size = i === 0 ? 13 : 12;
    row.getCell(1).value = t;
    row.getCell(1).font = { name: FONT, size, bold: i < 2 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(i + 1, 1, i + 1, columns.length);
    row.height = Math.max(20, rowHeight(lineCount(t, tableWidth, size, i < 2), size));
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
  header.height = Math.max(32, ...columns.map((c) => rowHeight(lineCount(c.header, c.width, 12, true), 12)));
  return { ws, headerRow };
}

/** Points a column `width` characters wide leaves for text: ~7 px per character, 5 px of padding. */
const textPoints = (width: number) => Math.max(1, (7 * width - 5) * 0.75);

/**
 * How many lines `text` takes in a column `width` characters wide, wrapped by words with the
 * metrics of Times New Roman (the font the sheet is set in), as Excel and LibreOffice wrap it.
 */
export function lineCount(text: string, width: number, size = 12, bold = false): number {
  // Widths add up, so each word is measured once; 5 % slack for the renderer's rounding.
  const room = (textPoints(width) * 20) / 1.05;
  const space = emWidth(' ', bold);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let current = -1; // the line so far, in em; -1 before its first word
    for (const word of paragraph.split(/\s+/)) {
      if (!word) continue;
      const w = emWidth(word, bold);
      const next = current < 0 ? w : current + space + w;
      if (current >= 0 && emToTwips(next, size * 2) > room) {
        lines += 1 + Math.floor(emToTwips(w, size * 2) / room);
        current = w;
      } else current = next;
    }
  }
  return lines;
}

/** A row `lines` lines high: Times New Roman 12 pt sets a line every 15.75 pt in Excel. */
const rowHeight = (lines: number, size = 12) => Math.min(409, Math.ceil(lines * size * 1.3125 + 3));

/** Text a spreadsheet would take for a formula once a person edits the cell (F2, Enter). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Body cell style: font, border, wrapping; numbers centred. Text that starts like a formula
 * ("=HYPERLINK(…)", "+84…", "- Đã tổ chức…", "@…") is stored as text already; the Text number
 * format keeps it text when someone edits the cell in Excel or LibreOffice, so it never runs.
 */
export function styleBodyCell(cell: ExcelJS.Cell, numeric: boolean) {
  if (typeof cell.value === 'string' && FORMULA_START.test(cell.value)) cell.numFmt = '@';
  cell.font = BODY_FONT;
  cell.border = BORDER;
  cell.alignment = numeric ? CENTRED : LEFT;
}

// One object each for every body cell (see shareStyles); exceljs never changes a part in place.
const BODY_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 12 };
const CENTRED: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top', wrapText: true };
const LEFT: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'top', wrapText: true };

/** A row tall enough for its longest wrapped text (Excel does not grow rows on open). */
export function fitRowHeight<F extends string>(row: ExcelJS.Row, columns: ColumnSpec<F>[]) {
  let lines = 1;
  columns.forEach((c, i) => {
    const v = row.getCell(i + 1).value;
    const text = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
    lines = Math.max(lines, lineCount(text, c.width));
  });
  row.height = rowHeight(lines);
}

/**
 * Cells that look the same share one style object. exceljs remembers the style id of each style
 * object it has written, so shared objects are looked up once instead of matched cell by cell: the
 * export of a 5,000-row sheet writes about three times faster. Empty cells count too (the import
 * template's input cells are all empty), and so do rows: exceljs gives every row a style object of
 * its own and matches each one. Done last, when nothing changes a style any more (exceljs changes a
 * cell's style object in place).
 *
 * Styles are told apart by their parts' identity, not their text (JSON of 40,000 styles took longer
 * than writing them): body cells take their font, border, alignment, fill and protection from the
 * constants above, so a few keys cover the sheet. Two equal parts that are different objects only
 * make two keys — exceljs still writes one style for both.
 */
function shareStyles(wb: ExcelJS.Workbook) {
  type Style = Partial<ExcelJS.Style>;
  // numFmt → font → border → alignment → fill → protection → the shared style.
  const shared = new Map<unknown, Map<unknown, unknown>>();
  const share = (holder: { style: Style }) => {
    const s = holder.style;
    let known = 0;
    for (const k in s) if (PARTS.has(k)) known++;
    // A style with a part this does not know about is left as it is.
    if (known !== Object.keys(s).length) return;
    let level: Map<unknown, unknown> = shared;
    for (const k of STYLE_PARTS) {
      const part = s[k];
      let next = level.get(part) as Map<unknown, unknown> | undefined;
      if (!next) level.set(part, (next = new Map()));
      level = next;
    }
    const same = level.get(SHARED) as Style | undefined;
    if (same) holder.style = same;
    else level.set(SHARED, s);
  };
  wb.eachSheet((ws) =>
    ws.eachRow((row) => {
      // A row has its style object at runtime; exceljs' types do not declare it.
      share(row as unknown as { style: Style });
      row.eachCell({ includeEmpty: true }, share);
    }),
  );
}

const STYLE_PARTS = ['numFmt', 'font', 'border', 'alignment', 'fill', 'protection'] as const;
const PARTS: ReadonlySet<string> = new Set(STYLE_PARTS);
const SHARED = Symbol('shared style');

export async function toBase64(wb: ExcelJS.Workbook): Promise<string> {
  shareStyles(wb);
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString('base64');
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
