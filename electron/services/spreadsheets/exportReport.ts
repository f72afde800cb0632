import { writeProvinceSheet } from './provinceSheet.ts';
import { taskTextFor } from '../../../shared/domain/catalog/applicability.ts';
import { agencyFileTag, fileName, reportFileStem } from '../../../shared/domain/documents/fileNames.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import type ExcelJS from 'exceljs';
import type { Catalog, CatalogIndicator, CatalogTask } from '../../../shared/domain/catalog/schema.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import {
  achievementLabels,
  compareWithTarget,
  displayPercent,
  measureTarget,
  measureValue,
} from '../../../shared/domain/indicators/indicatorMath.ts';
import { resolveTarget } from '../../../shared/domain/indicators/targets.ts';
import {
  taskStatusLabels,
  type MeasureValue,
  type ReportContent,
} from '../../../shared/domain/reports/reportContent.ts';
import { formatCitedDate } from '../../../shared/domain/vietnameseDate.ts';
import {
  INDICATOR_SHEET,
  NO,
  TASK_SHEET,
  YES,
  indicatorColumns,
  measureRowCode,
  taskColumns,
  type IndicatorField,
  type TaskField,
} from './reportColumns.ts';
import { writeActivitiesSheet } from './activitiesSheet.ts';
import { PERCENT_FORMAT, addTableSheet, fitRowHeight, newWorkbook, styleBodyCell } from './sheetStyle.ts';

export interface ReportExportInput {
  org: Organization;
  catalog: Catalog;
  content: ReportContent;
}

/** One row of the "Chỉ tiêu" sheet: a measure of an indicator of the report. */
export interface IndicatorRow {
  indicator: CatalogIndicator;
  measureIndex: number;
  value: MeasureValue | null;
  note: string;
  firstOfIndicator: boolean;
}

export interface TaskRow {
  taskId: string;
  task: CatalogTask | null;
}

export function indicatorRows(catalog: Catalog, content: ReportContent): IndicatorRow[] {
  const byCode = new Map(catalog.indicators.map((i) => [i.code, i]));
  return content.indicators.flatMap((ri) => {
    const indicator = byCode.get(ri.code);
    if (!indicator) return [];
    return indicator.measures.map((m, measureIndex) => ({
      indicator,
      measureIndex,
      value: ri.values.find((v) => v.measure === m.code) ?? null,
      note: ri.note,
      firstOfIndicator: measureIndex === 0,
    }));
  });
}

export function taskRows(catalog: Catalog, content: ReportContent): TaskRow[] {
  const byId = new Map(catalog.tasks.map((t) => [t.id, t]));
  return content.tasks.map((t) => ({ taskId: t.taskId, task: byId.get(t.taskId) ?? null }));
}

/** "Báo cáo kết quả thực hiện Kế hoạch số 34/KH-UBND 6 tháng đầu năm 2026" */
export function reportTitles(org: Organization, catalog: Catalog, period: ReportPeriod): string[] {
  return [runningName(org.name), ...periodTitles(catalog, period)];
}

/** The title lines that name the period; an import reads them back (importPeriod.ts). */
export function periodTitles(catalog: Catalog, period: ReportPeriod): [title: string, time: string] {
  const title =
    period.kind === 'adhoc'
      ? period.title
      : `Báo cáo kết quả thực hiện Kế hoạch số ${catalog.number} ${period.title}`;
  return [
    title,
    `Thời gian báo cáo: từ ngày ${formatCitedDate(period.from)} đến ngày ${formatCitedDate(period.to)}`,
  ];
}

/** "BC-6T-2026-SKHCN.xlsx", "MAU-NHAP-BC-6T-2026-SKHCN.xlsx", "BC-6T-2026-UBND-PHATTICH.xlsx" */
export function reportFileName(org: Organization, period: ReportPeriod, template: boolean): string {
  return fileName([...(template ? ['MAU-NHAP'] : []), reportFileStem(period), agencyFileTag(org)], 'xlsx');
}

const NUMERIC_INDICATOR: ReadonlySet<IndicatorField> = new Set([
  'no',
  'code',
  'target',
  'numerator',
  'denominator',
  'rate',
  'count',
  'done',
  'achievement',
]);

/**
 * The rate as the cell holds it (shown "0.0%"): exact, except where one decimal would round it
 * across the target (99,999 % beside "Chưa đạt" would read 100,0 %): then the figure shown on screen.
 */
function rateCell(percent: number, target: number | null): number {
  const shown = displayPercent(percent, target);
  return Math.abs(shown - Math.round(percent * 10) / 10) > 1e-9 ? shown / 100 : percent / 100;
}

export interface WrittenSheets {
  indicators: { ws: ExcelJS.Worksheet; headerRow: number; rows: IndicatorRow[] };
  tasks: { ws: ExcelJS.Worksheet; headerRow: number; rows: TaskRow[] };
}

/** Both sheets; `blank` leaves every input cell empty (the import template). */
export function writeReportSheets(
  wb: ExcelJS.Workbook,
  input: ReportExportInput,
  blank: boolean,
): WrittenSheets {
  const { org, catalog, content } = input;
  const titles = reportTitles(org, catalog, content.period);
  const year = content.period.year;

  const ind = addTableSheet(wb, INDICATOR_SHEET, titles, indicatorColumns);
  const rows = indicatorRows(catalog, content);
  rows.forEach((r, i) => {
    const measure = r.indicator.measures[r.measureIndex]!;
    const v = blank ? null : r.value;
    const target = measureTarget(r.indicator, r.measureIndex, year);
    const valueNow = v ? measureValue(measure.kind, v) : null;
    const cells: Partial<Record<IndicatorField, ExcelJS.CellValue>> = {
      no: r.firstOfIndicator ? r.indicator.no : null,
      code: measureRowCode(r.indicator, r.measureIndex),
      text: r.indicator.text,
      measure: `${measure.label} (${measure.unit})`,
      target: target === null ? null : measure.kind === 'ratio' ? target / 100 : target,
      numerator: measure.kind === 'ratio' ? (v?.numerator ?? null) : null,
      denominator: measure.kind === 'ratio' ? (v?.denominator ?? null) : null,
      rate: measure.kind === 'ratio' && valueNow !== null ? rateCell(valueNow, target) : null,
      count: measure.kind === 'count' || measure.kind === 'programmes' ? (v?.count ?? null) : null,
      done: measure.kind === 'yes_no' && v && v.done !== null ? (v.done ? YES : NO) : null,
      evidence: v?.evidenceUrl || null,
      achievement: blank
        ? null
        : achievementLabels[
            compareWithTarget(
              valueNow,
              target,
              resolveTarget(r.indicator, r.measureIndex, year).source === 'upcoming',
            )
          ],
      note: r.firstOfIndicator && !blank ? r.note || null : null,
    };
    const row = ind.ws.getRow(ind.headerRow + 1 + i);
    indicatorColumns.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      cell.value = cells[c.field] ?? null;
      styleBodyCell(cell, NUMERIC_INDICATOR.has(c.field));
    });
    row.getCell(indicatorColumns.findIndex((c) => c.field === 'rate') + 1).numFmt = PERCENT_FORMAT;
    if (measure.kind === 'ratio') {
      row.getCell(indicatorColumns.findIndex((c) => c.field === 'target') + 1).numFmt = '0%';
    }
    for (const f of ['numerator', 'denominator', 'count'] as const) {
      row.getCell(indicatorColumns.findIndex((c) => c.field === f) + 1).numFmt = '#,##0';
    }
    fitRowHeight(row, indicatorColumns);
  });

  const tsk = addTableSheet(wb, TASK_SHEET, titles, taskColumns);
  const byId = new Map(content.tasks.map((t) => [t.taskId, t]));
  const trows = taskRows(catalog, content);
  trows.forEach((r, i) => {
    const t = byId.get(r.taskId)!;
    const cells: Record<TaskField, ExcelJS.CellValue> = {
      no: i + 1,
      code: r.taskId,
      text: r.task ? taskTextFor(r.task, org.agencyType) : '',
      status: !blank && t.status ? taskStatusLabels[t.status] : null,
      result: blank ? null : t.result || null,
      figures: blank ? null : t.figures || null,
      evidence: blank ? null : t.evidence || null,
    };
    const row = tsk.ws.getRow(tsk.headerRow + 1 + i);
    taskColumns.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      cell.value = cells[c.field];
      styleBodyCell(cell, c.field === 'no' || c.field === 'code');
    });
    fitRowHeight(row, taskColumns);
  });

  return { indicators: { ...ind, rows }, tasks: { ...tsk, rows: trows } };
}

/** The report's indicator appendix and task table, formatted, as filled in now. */
export function buildReportWorkbook(input: ReportExportInput): ExcelJS.Workbook {
  const wb = newWorkbook();
  writeReportSheets(wb, input, false);
  writeActivitiesSheet(wb, reportTitles(input.org, input.catalog, input.content.period), input.content);
  if (input.content.province) {
    writeProvinceSheet(
      wb,
      reportTitles(input.org, input.catalog, input.content.period),
      input.content.province,
    );
  }
  return wb;
}
