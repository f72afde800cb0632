import type ExcelJS from 'exceljs';
import type { ProvinceTable } from '../../../shared/domain/reports/provinceTableSchema.ts';
import { PRESS_HEADING } from '../../../shared/domain/sokhcn/provinceTable.ts';
import type { ColumnSpec } from './reportColumns.ts';
import { FONT, addTableSheet, fitRowHeight, styleBodyCell } from './sheetStyle.ts';

/**
 * "Toàn tỉnh": the sheet of Sở KH&CN's consolidated report that carries the province's table of
 * every indicator, as its document's appendix prints it (issue 12).
 */

type Field =
  | 'code'
  | 'text'
  | 'figure'
  | 'target'
  | 'status'
  | 'contributed'
  | 'expected'
  | 'missing'
  | 'accepted'
  | 'received'
  | 'method'
  | 'note';

const columns: ColumnSpec<Field>[] = [
  { field: 'code', header: 'Mã', width: 7 },
  { field: 'text', header: 'Chỉ tiêu', width: 40 },
  { field: 'figure', header: 'Kết quả toàn tỉnh', width: 28 },
  { field: 'target', header: 'Chỉ tiêu năm', width: 14 },
  { field: 'status', header: 'Đánh giá', width: 12 },
  { field: 'contributed', header: 'Đơn vị có số liệu', width: 11 },
  { field: 'expected', header: 'Đơn vị phải báo cáo', width: 11 },
  { field: 'missing', header: 'Đơn vị chưa có số liệu', width: 40 },
  { field: 'accepted', header: 'Báo cáo đã tiếp nhận', width: 11 },
  { field: 'received', header: 'Báo cáo đã nhận, chưa tiếp nhận', width: 13 },
  { field: 'method', header: 'Cách tổng hợp', width: 22 },
  { field: 'note', header: 'Lưu ý', width: 30 },
];

const NUMERIC = new Set<Field>(['contributed', 'expected', 'accepted', 'received']);

export function writeProvinceSheet(wb: ExcelJS.Workbook, titles: string[], table: ProvinceTable) {
  const { ws } = addTableSheet(
    wb,
    'Toàn tỉnh',
    [...titles, `Kết quả thực hiện các chỉ tiêu toàn tỉnh năm ${table.year}`],
    columns,
  );
  for (const r of table.rows) {
    const row = ws.addRow({ ...r, missing: r.missing.join('; ') });
    columns.forEach((c, i) => styleBodyCell(row.getCell(i + 1), NUMERIC.has(c.field)));
    fitRowHeight(row, columns);
  }
  // As under the appendix's table: which monthly reports of each press agency went in.
  if (table.press.length) {
    ws.addRow([]);
    for (const [i, line] of [PRESS_HEADING, ...table.press.map((l) => `- ${l}`)].entries()) {
      const row = ws.addRow([line]);
      ws.mergeCells(row.number, 1, row.number, columns.length);
      const cell = row.getCell(1);
      cell.font = i === 0 ? { ...PRESS_FONT, bold: true } : PRESS_FONT;
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    }
  }
}

const PRESS_FONT: Partial<ExcelJS.Font> = { name: FONT, size: 12 };
