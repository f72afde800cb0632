import type ExcelJS from 'exceljs';
import { taskStatusLabels } from '../../../shared/domain/reports/reportContent.ts';
import { writeReportSheets, type ReportExportInput } from './exportReport.ts';
import { NO, YES, columnOf, indicatorColumns, taskColumns, type IndicatorField } from './reportColumns.ts';
import { GREY, INPUT_FILL, newWorkbook } from './sheetStyle.ts';
import { columnLetter } from './workbookData.ts';

/**
 * The blank import template of a report: the same two sheets as the export, with only the cells a
 * department fills unlocked (pale yellow) and the sheets protected without a password (protection
 * guides, it does not secure: anyone may lift it in Excel with Review › Unprotect Sheet). The Mã
 * column carries the indicator code ("CT02", "CT05-2" for the second measure of CT05) and the task
 * id ("III.1.a.1") so the import finds the row whatever else was moved or retyped.
 */

const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** Which input columns a measure of each kind takes. */
const INPUTS_BY_KIND: Record<string, IndicatorField[]> = {
  ratio: ['numerator', 'denominator', 'rate', 'evidence'],
  count: ['count', 'evidence'],
  programmes: ['count', 'evidence'],
  yes_no: ['done', 'evidence'],
};

const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

/** exceljs keeps a sheet's validation rules by address or range; its types do not declare them. */
const dataValidationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;

function unlock(cell: ExcelJS.Cell) {
  cell.protection = UNLOCKED;
  cell.fill = INPUT_FILL;
}

const listValidation = (values: string[], title: string): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${values.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: title,
  error: `Chọn một trong: ${values.join('; ')}`,
  showInputMessage: true,
  promptTitle: title,
  prompt: values.join('; '),
});

const wholeValidation: ExcelJS.DataValidation = {
  type: 'whole',
  operator: 'between',
  allowBlank: true,
  formulae: [0, 1_000_000_000],
  showErrorMessage: true,
  errorStyle: 'warning',
  errorTitle: 'Số không hợp lệ',
  error: 'Nhập số nguyên không âm',
};

export async function buildReportTemplate(input: ReportExportInput): Promise<ExcelJS.Workbook> {
  const wb = newWorkbook();
  const sheets = writeReportSheets(wb, input, true);

  const ind = sheets.indicators;
  const inputFields = indicatorColumns.filter((c) => c.input && c.field !== 'code').map((c) => c.field);
  ind.rows.forEach((r, i) => {
    const row = ind.ws.getRow(ind.headerRow + 1 + i);
    const kind = r.indicator.measures[r.measureIndex]!.kind;
    const open = new Set(INPUTS_BY_KIND[kind] ?? []);
    if (r.firstOfIndicator) open.add('note');
    for (const f of inputFields) {
      const cell = row.getCell(columnOf(indicatorColumns, f));
      if (!open.has(f)) {
        cell.fill = GREY;
        continue;
      }
      unlock(cell);
      if (f === 'numerator' || f === 'denominator' || f === 'count') cell.dataValidation = wholeValidation;
      if (f === 'done') cell.dataValidation = listValidation([YES, NO], 'Đã thực hiện');
    }
  });

  const tsk = sheets.tasks;
  const statuses = Object.values(taskStatusLabels);
  tsk.rows.forEach((_r, i) => {
    const row = tsk.ws.getRow(tsk.headerRow + 1 + i);
    for (const f of ['status', 'result', 'figures', 'evidence'] as const)
      unlock(row.getCell(columnOf(taskColumns, f)));
  });
  if (tsk.rows.length > 0) {
    // One rule for the whole column, as exceljs would write it after merging thousands of equal
    // per-cell rules (which it compares one by one).
    const status = columnLetter(columnOf(taskColumns, 'status'));
    const range = `${status}${tsk.headerRow + 1}:${status}${tsk.headerRow + tsk.rows.length}`;
    dataValidationsOf(tsk.ws).add(range, listValidation(statuses, 'Trạng thái'));
  }

  await ind.ws.protect('', PROTECTION);
  await tsk.ws.protect('', PROTECTION);
  return wb;
}
