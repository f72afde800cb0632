import type ExcelJS from 'exceljs';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import { activityOverdue } from '../../../shared/domain/reports/activityProgress.ts';
import {
  reportActivities,
  taskStatusLabels,
  type ReportContent,
} from '../../../shared/domain/reports/reportContent.ts';
import type { ColumnSpec } from './reportColumns.ts';
import { addTableSheet, fitRowHeight, styleBodyCell } from './sheetStyle.ts';

export const ACTIVITY_SHEET = 'Hoạt động';

type ActivityField =
  'no' | 'task' | 'content' | 'unit' | 'timeline' | 'output' | 'status' | 'overdue' | 'result';

const activityColumns: ColumnSpec<ActivityField>[] = [
  { field: 'no', header: 'STT', width: 6 },
  { field: 'task', header: 'Nhiệm vụ', width: 12 },
  { field: 'content', header: 'Hoạt động', width: 50 },
  { field: 'unit', header: 'Đơn vị chủ trì', width: 22 },
  { field: 'timeline', header: 'Thời gian', width: 18 },
  { field: 'output', header: 'Sản phẩm dự kiến', width: 30 },
  { field: 'status', header: 'Trạng thái', width: 18 },
  { field: 'overdue', header: 'Tiến độ', width: 14 },
  { field: 'result', header: 'Kết quả', width: 50 },
];

/**
 * The activities of the department's issued plan with their status and result, the overdue
 * ones marked "Quá hạn" against their timeline. Written only when the report has activities.
 */
export function writeActivitiesSheet(wb: ExcelJS.Workbook, titles: string[], content: ReportContent) {
  const activities = reportActivities(content);
  if (!activities.length) return;
  const sheet = addTableSheet(wb, ACTIVITY_SHEET, titles, activityColumns);
  activities.forEach((a, i) => {
    const cells: Record<ActivityField, ExcelJS.CellValue> = {
      no: i + 1,
      task: a.taskId,
      content: a.content,
      unit: a.unitInCharge || null,
      timeline: formatTimeline(a.timeline),
      output: a.expectedOutput || null,
      status: a.status ? taskStatusLabels[a.status] : 'Chưa cập nhật',
      overdue: activityOverdue(a, content.period) ? 'Quá hạn' : null,
      result: a.result || null,
    };
    const row = sheet.ws.getRow(sheet.headerRow + 1 + i);
    activityColumns.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      cell.value = cells[c.field];
      styleBodyCell(cell, c.field === 'no' || c.field === 'task');
    });
    fitRowHeight(row, activityColumns);
  });
}
