import {
  taskStatusLabels,
  type ReportContent,
  type TaskStatus,
} from '../../../shared/domain/reports/reportContent.ts';
import { headerOf, readStatus, readText, shownValue, type HeaderMatch } from './importCells.ts';
import { formatNumberVi } from './parseNumbers.ts';
import { cellAt, columnLetter, type CellScalar, type SheetData } from './workbookData.ts';
import { NO, YES, taskColumns, type ColumnSpec, type TaskField } from './reportColumns.ts';

/** What the row readers of an import share: where problems and changes go, and how a row is read. */

export interface ImportProblem {
  row: number | null;
  column: string;
  value: string;
  reason: string;
}
export interface ImportChange {
  row: number;
  label: string;
  before: string;
  after: string;
}
export interface ImportPlan {
  sheet: string;
  rowsRead: number;
  changes: ImportChange[];
  problems: ImportProblem[];
  content: ReportContent;
}

export const shown = (v: string | number | boolean | null): string => {
  if (v === null || v === '') return '(trống)';
  if (typeof v === 'number') return formatNumberVi(v);
  if (typeof v === 'boolean') return v ? YES : NO;
  return v.length > 200 ? `${v.slice(0, 199)}…` : v;
};

export interface SheetRef<F extends string> {
  ws: SheetData;
  header: HeaderMatch<F>;
}

export class Collector {
  readonly problems: ImportProblem[] = [];
  readonly changes: ImportChange[] = [];
  rowsRead = 0;

  cellProblem<F extends string>(
    sheet: string,
    columns: ColumnSpec<F>[],
    ref: HeaderMatch<F>,
    row: number,
    field: F,
    value: string,
    reason: string,
  ) {
    const col = ref.columns.get(field) ?? 0;
    this.problems.push({
      row,
      column: `${columnLetter(col)} – ${headerOf(columns, field)} (trang ${sheet})`,
      value,
      reason,
    });
  }

  change(
    row: number,
    label: string,
    before: string | number | boolean | null,
    after: string | number | boolean | null,
  ) {
    if (before === after || (before === null && after === '') || (before === '' && after === null)) return;
    this.changes.push({ row, label, before: shown(before), after: shown(after) });
  }

  /**
   * A row with a problem is listed under problems only: none of its cells is taken, so none is
   * shown as a change. Called once a sheet is read, with where its changes and problems began
   * (row numbers are per sheet).
   */
  dropChangesOfProblemRows(changesFrom: number, problemsFrom: number) {
    const bad = new Set(this.problems.slice(problemsFrom).map((p) => p.row));
    const kept = this.changes.slice(changesFrom).filter((c) => !bad.has(c.row));
    this.changes.splice(changesFrom, this.changes.length - changesFrom, ...kept);
  }
}

export function readCells<F extends string>(
  ws: SheetData,
  ref: HeaderMatch<F>,
  r: number,
): Map<F, CellScalar> {
  const cells = new Map<F, CellScalar>();
  for (const [field, col] of ref.columns) cells.set(field, cellAt(ws, r, col));
  return cells;
}

export function isBlank(cells: Map<string, CellScalar>): boolean {
  for (const s of cells.values()) if (s.kind !== 'empty') return false;
  return true;
}

const TASK_TEXTS: [TaskField, 'result' | 'figures' | 'evidence', number][] = [
  ['result', 'result', 10_000],
  ['figures', 'figures', 2_000],
  ['evidence', 'evidence', 2_000],
];
const EMPTY_CELL: CellScalar = { kind: 'empty' };
const statusName = (s: TaskStatus | null) => (s ? taskStatusLabels[s] : null);

/**
 * The "Nhiệm vụ" sheet: status and texts of each task, matched by its id. Runs once per row of
 * sheets with thousands of rows, so nothing in the loop builds a function of its own.
 */
export function importTasks(ref: SheetRef<TaskField>, next: ReportContent, out: Collector) {
  const sheet = ref.ws.name;
  const inReport = new Map(next.tasks.map((t) => [t.taskId, t]));
  const seen = new Map<string, number>();
  const [changesFrom, problemsFrom] = [out.changes.length, out.problems.length];
  const problem = (row: number, field: TaskField, s: CellScalar, reason: string) =>
    out.cellProblem(sheet, taskColumns, ref.header, row, field, shownValue(s), reason);
  const headers = new Map(taskColumns.map((c) => [c.field, headerOf(taskColumns, c.field)]));
  const label = (taskId: string, f: TaskField) => `Nhiệm vụ ${taskId} – ${headers.get(f) ?? f}`;

  for (let r = ref.header.row + 1; r <= ref.ws.rowCount; r++) {
    const cells = readCells(ref.ws, ref.header, r);
    if (isBlank(cells)) continue;
    out.rowsRead++;
    const code = cells.get('code') ?? EMPTY_CELL;
    const id = readText(code, 40);
    if (!id.ok || id.value === null) {
      problem(r, 'code', code, id.ok ? 'Thiếu mã nhiệm vụ' : id.reason);
      continue;
    }
    const taskId = id.value.replace(/\s+/g, '');
    const task = inReport.get(taskId);
    if (!task) {
      problem(r, 'code', code, `Nhiệm vụ ${taskId} không có trong báo cáo này`);
      continue;
    }
    const first = seen.get(taskId);
    if (first !== undefined) {
      problem(r, 'code', code, `Trùng với dòng ${first}: cùng mã nhiệm vụ ${taskId}`);
      continue;
    }
    seen.set(taskId, r);
    let edited = false;

    const statusCell = cells.get('status') ?? EMPTY_CELL;
    const status = readStatus(statusCell);
    if (!status.ok) problem(r, 'status', statusCell, `Trạng thái ${status.reason}`);
    else if (status.value !== null && status.value !== task.status) {
      out.change(r, label(taskId, 'status'), statusName(task.status), statusName(status.value));
      task.status = status.value;
      edited = true;
    }
    for (const [f, k, max] of TASK_TEXTS) {
      const cell = cells.get(f) ?? EMPTY_CELL;
      const read = readText(cell, max, f === 'evidence');
      if (!read.ok) problem(r, f, cell, read.reason);
      else if (read.value !== null && read.value !== task[k]) {
        out.change(r, label(taskId, f), task[k], read.value);
        task[k] = read.value;
        edited = true;
      }
    }
    if (edited) task.carriedOver = false;
  }
  out.dropChangesOfProblemRows(changesFrom, problemsFrom);
}
