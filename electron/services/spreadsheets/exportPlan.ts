import { taskTextFor } from '../../../shared/domain/catalog/applicability.ts';
import type ExcelJS from 'exceljs';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import { formatTimeline } from '../../../shared/domain/plans/activityTimeline.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import type { ColumnSpec } from './reportColumns.ts';
import { agencyFileTag, fileName } from '../../../shared/domain/documents/fileNames.ts';
import { runningName } from '../../../shared/domain/organization/agencyName.ts';
import { addTableSheet, fitRowHeight, newWorkbook, styleBodyCell } from './sheetStyle.ts';

export const ACTIVITY_SHEET = 'Hoạt động';

type ActivityField =
  'no' | 'taskId' | 'task' | 'content' | 'unitInCharge' | 'partners' | 'timeline' | 'output' | 'budget';

export const activityColumns: ColumnSpec<ActivityField>[] = [
  { field: 'no', header: 'STT', width: 6 },
  { field: 'taskId', header: 'Mã nhiệm vụ', width: 12 },
  { field: 'task', header: 'Nhiệm vụ', width: 44 },
  { field: 'content', header: 'Nội dung', width: 44 },
  { field: 'unitInCharge', header: 'Đơn vị chủ trì', width: 22 },
  { field: 'partners', header: 'Đơn vị phối hợp', width: 24 },
  { field: 'timeline', header: 'Thời gian', width: 18 },
  { field: 'output', header: 'Sản phẩm', width: 28 },
  { field: 'budget', header: 'Kinh phí', width: 20 },
];

/** "KH-34-KH-UBND-2025-SKHCN.xlsx", "KH-34-KH-UBND-2025-UBND-PHATTICH.xlsx" */
export function planFileName(org: Organization, catalog: Catalog): string {
  return fileName(['KH', catalog.id, agencyFileTag(org)], 'xlsx');
}

/**
 * The plan's activity table: one row per activity under its task, in plan order; a task with no
 * activity keeps one row so nothing the plan assigns disappears from the sheet.
 */
export function buildPlanWorkbook(
  org: Organization,
  catalog: Catalog,
  content: PlanContent,
): ExcelJS.Workbook {
  const wb = newWorkbook();
  const titles = [
    runningName(org.name),
    `Kế hoạch triển khai thực hiện Kế hoạch số ${catalog.number} của ${catalog.issuer}`,
    'Bảng hoạt động',
  ];
  const { ws, headerRow } = addTableSheet(wb, ACTIVITY_SHEET, titles, activityColumns);
  const byId = new Map(catalog.tasks.map((t) => [t.id, t]));
  let r = headerRow + 1;
  let no = 0;
  for (const pt of content.tasks) {
    const found = byId.get(pt.taskId);
    // Only the sentences of the item addressed to the department.
    const taskText = found ? taskTextFor(found, org.agencyType) : '';
    const lines: Record<ActivityField, ExcelJS.CellValue>[] = pt.activities.map((a) => ({
      no: ++no,
      taskId: pt.taskId,
      task: taskText,
      content: a.content,
      unitInCharge: a.unitInCharge,
      partners: a.partners,
      timeline: formatTimeline(a.timeline),
      output: a.expectedOutput,
      budget: a.budgetSource,
    }));
    if (lines.length === 0) {
      lines.push({
        no: ++no,
        taskId: pt.taskId,
        task: taskText,
        content: pt.notApplicable
          ? `Không áp dụng${pt.notApplicableReason ? `: ${pt.notApplicableReason}` : ''}`
          : '(chưa có hoạt động)',
        unitInCharge: null,
        partners: null,
        timeline: null,
        output: null,
        budget: null,
      });
    }
    for (const line of lines) {
      const row = ws.getRow(r++);
      activityColumns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.value = line[c.field] === '' ? null : line[c.field];
        styleBodyCell(cell, c.field === 'no' || c.field === 'taskId');
      });
      fitRowHeight(row, activityColumns);
    }
  }
  return wb;
}
