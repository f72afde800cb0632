import type { Catalog, CatalogIndicator } from '../../../shared/domain/catalog/schema.ts';
import {
  reportContentSchema,
  type MeasureValue,
  type ReportContent,
} from '../../../shared/domain/reports/reportContent.ts';
import { validateReport } from '../../../shared/domain/reports/reportValidation.ts';
import { describePath } from '../../../shared/validation.ts';
import { periodMismatch } from './importPeriod.ts';
import {
  findHeaderRow,
  headerOf,
  readAmount,
  readDone,
  readRate,
  readText,
  shownValue,
  type Read,
} from './importCells.ts';
import {
  Collector,
  importTasks,
  isBlank,
  readCells,
  shown,
  type ImportPlan,
  type SheetRef,
} from './importRows.ts';
import { RATE_TOLERANCE_POINTS, formatNumberVi } from './parseNumbers.ts';
import {
  columnLetter,
  normalizeLabel,
  type CellScalar,
  type SheetData,
  type WorkbookData,
} from './workbookData.ts';
import {
  INDICATOR_SHEET,
  TASK_SHEET,
  headerLookup,
  indicatorColumns,
  measureRowLabel,
  parseRowCode,
  taskColumns,
  type ColumnSpec,
  type IndicatorField,
  type TaskField,
} from './reportColumns.ts';

export type { ImportChange, ImportPlan, ImportProblem } from './importRows.ts';

/**
 * The dry run of an import: reads the filled sheets against the report as it is now and returns,
 * row by row, what would change and every problem, plus the content the report would have. The
 * same function serves the preview and the apply (which parses the file again: nothing is kept
 * between the two calls). A blank cell leaves the value as it is.
 */

const kindWords: Record<CatalogIndicator['measures'][number]['kind'], string> = {
  ratio: 'tỷ lệ',
  count: 'số lượng',
  programmes: 'số chương trình',
  yes_no: 'có/không',
};
const FIELDS_BY_KIND: Record<CatalogIndicator['measures'][number]['kind'], IndicatorField[]> = {
  ratio: ['numerator', 'denominator', 'rate'],
  count: ['count'],
  programmes: ['count'],
  yes_no: ['done'],
};

function locate<F extends string>(
  wb: WorkbookData,
  name: string,
  columns: ColumnSpec<F>[],
  required: F[],
  anyOf: F[],
  taken: SheetData | null,
): { ref: SheetRef<F> | null; namedWithoutHeader: boolean } {
  const lookup = headerLookup(columns);
  const named = wb.sheets.find((ws) => normalizeLabel(ws.name) === normalizeLabel(name));
  if (named) {
    const header = findHeaderRow(named, lookup, required, anyOf);
    if (header) return { ref: { ws: named, header }, namedWithoutHeader: false };
  }
  for (const ws of wb.sheets) {
    if (ws === taken || ws === named) continue;
    const header = findHeaderRow(ws, lookup, required, anyOf);
    if (header) return { ref: { ws, header }, namedWithoutHeader: false };
  }
  return { ref: null, namedWithoutHeader: Boolean(named) };
}

function importIndicators(
  ref: SheetRef<IndicatorField>,
  next: ReportContent,
  catalog: Catalog,
  out: Collector,
) {
  const sheet = ref.ws.name;
  const byCode = new Map(catalog.indicators.map((i) => [i.code, i]));
  const inReport = new Map(next.indicators.map((ri) => [ri.code, ri]));
  const seen = new Map<string, number>();
  const notes = new Map<string, { row: number; text: string }>();
  const [changesFrom, problemsFrom] = [out.changes.length, out.problems.length];
  const problem = (row: number, field: IndicatorField, s: CellScalar | string, reason: string) =>
    out.cellProblem(
      sheet,
      indicatorColumns,
      ref.header,
      row,
      field,
      typeof s === 'string' ? s : shownValue(s),
      reason,
    );

  for (let r = ref.header.row + 1; r <= ref.ws.rowCount; r++) {
    const cells = readCells(ref.ws, ref.header, r);
    if (isBlank(cells)) continue;
    out.rowsRead++;
    const get = (f: IndicatorField): CellScalar => cells.get(f) ?? { kind: 'empty' };
    const codeCell = get('code');
    const codeText = readText(codeCell, 20);
    if (!codeText.ok || codeText.value === null) {
      problem(r, 'code', codeCell, codeText.ok ? 'Thiếu mã chỉ tiêu' : codeText.reason);
      continue;
    }
    const parsed = parseRowCode(codeText.value);
    const indicator = parsed ? byCode.get(parsed.code) : undefined;
    const reportIndicator = parsed ? inReport.get(parsed.code) : undefined;
    if (!parsed) {
      problem(
        r,
        'code',
        codeCell,
        'Mã chỉ tiêu không hợp lệ (dạng CT01, hoặc CT05-2 cho đại lượng đo thứ 2)',
      );
      continue;
    }
    if (!indicator || !reportIndicator) {
      problem(r, 'code', codeCell, `Chỉ tiêu ${parsed.code} không có trong báo cáo này`);
      continue;
    }
    const n = indicator.measures.length;
    if (parsed.measure === null && n > 1) {
      problem(
        r,
        'code',
        codeCell,
        `Chỉ tiêu ${parsed.code} có ${n} đại lượng đo; hãy ghi mã ${parsed.code}-1 … ${parsed.code}-${n}`,
      );
      continue;
    }
    const mi = (parsed.measure ?? 1) - 1;
    const measure = indicator.measures[mi];
    if (!measure) {
      problem(r, 'code', codeCell, `Chỉ tiêu ${parsed.code} không có đại lượng đo thứ ${mi + 1}`);
      continue;
    }
    const key = `${indicator.code}#${mi}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(r, 'code', codeCell, `Trùng với dòng ${first}: cùng mã ${codeText.value}`);
      continue;
    }
    seen.set(key, r);

    const label = measureRowLabel(indicator, mi);
    const value = reportIndicator.values.find((v) => v.measure === measure.code);
    if (!value) {
      problem(r, 'code', codeCell, `Đại lượng đo "${measure.label}" không có trong báo cáo này`);
      continue;
    }
    const allowed = FIELDS_BY_KIND[measure.kind];
    for (const f of ['numerator', 'denominator', 'rate', 'count', 'done'] as const) {
      if (!allowed.includes(f) && get(f).kind !== 'empty') {
        problem(
          r,
          f,
          get(f),
          `Cột này không dùng cho đại lượng đo dạng ${kindWords[measure.kind]}; hãy để trống`,
        );
      }
    }
    const take = <T>(f: IndicatorField, read: Read<T>): T | null => {
      if (!read.ok) {
        problem(r, f, get(f), read.reason);
        return null;
      }
      return read.value;
    };
    const changed: string[] = [];
    const set = <K extends 'numerator' | 'denominator' | 'count' | 'done' | 'evidenceUrl'>(
      k: K,
      f: IndicatorField,
      v: MeasureValue[K] | null,
    ) => {
      if (v === null) return;
      if (value[k] !== v) changed.push(f);
      out.change(r, `${label} – ${headerOf(indicatorColumns, f)}`, value[k], v);
      value[k] = v;
    };
    if (measure.kind === 'ratio') {
      set('numerator', 'numerator', take('numerator', readAmount(get('numerator'))));
      set('denominator', 'denominator', take('denominator', readAmount(get('denominator'))));
      const rate = take('rate', readRate(get('rate')));
      if (value.numerator !== null && value.denominator !== null && value.numerator > value.denominator) {
        const f = get('numerator').kind !== 'empty' ? 'numerator' : 'denominator';
        problem(
          r,
          f,
          get(f),
          `Số đạt được (${shown(value.numerator)}) lớn hơn Tổng số (${shown(value.denominator)})`,
        );
      } else if (rate !== null) {
        if (value.numerator === null || !value.denominator) {
          problem(r, 'rate', get('rate'), 'Tỷ lệ chỉ dùng để đối chiếu; hãy nhập Số đạt được và Tổng số');
        } else {
          const actual = (value.numerator / value.denominator) * 100;
          if (Math.abs(actual - rate) > RATE_TOLERANCE_POINTS) {
            problem(
              r,
              'rate',
              get('rate'),
              `Tỷ lệ ${formatNumberVi(rate)}% không khớp với Số đạt được / Tổng số (${formatNumberVi(actual)}%)`,
            );
          }
        }
      }
    } else if (measure.kind === 'yes_no') {
      set('done', 'done', take('done', readDone(get('done'))));
    } else {
      set('count', 'count', take('count', readAmount(get('count'))));
    }
    set('evidenceUrl', 'evidence', take('evidence', readText(get('evidence'), 2_000, true)));

    const note = take('note', readText(get('note'), 2_000));
    if (note !== null) {
      const earlier = notes.get(indicator.code);
      if (earlier && earlier.text !== note) {
        problem(r, 'note', get('note'), `Ghi chú khác với ghi chú của cùng chỉ tiêu ở dòng ${earlier.row}`);
      } else if (!earlier) {
        notes.set(indicator.code, { row: r, text: note });
        if (reportIndicator.note !== note) changed.push('note');
        out.change(r, `Chỉ tiêu ${indicator.no} – Ghi chú`, reportIndicator.note, note);
        reportIndicator.note = note;
      }
    }
    if (changed.length) reportIndicator.carriedOver = false;
  }
  out.dropChangesOfProblemRows(changesFrom, problemsFrom);
}

const INDICATOR_KEYS: IndicatorField[] = ['numerator', 'denominator', 'count', 'done', 'rate'];
const TASK_KEYS: TaskField[] = ['status', 'result', 'figures'];

export function planReportImport(wb: WorkbookData, current: ReportContent, catalog: Catalog): ImportPlan {
  const next = structuredClone(current);
  const out = new Collector();
  const ind = locate(wb, INDICATOR_SHEET, indicatorColumns, ['code'], INDICATOR_KEYS, null);
  const tsk = locate(wb, TASK_SHEET, taskColumns, ['code'], TASK_KEYS, ind.ref?.ws ?? null);
  for (const [found, name, cols] of [
    [ind, INDICATOR_SHEET, 'Mã, Số đạt được, Tổng số, Số lượng …'],
    [tsk, TASK_SHEET, 'Mã, Trạng thái, Kết quả …'],
  ] as const) {
    if (!found.ref && found.namedWithoutHeader) {
      out.problems.push({
        row: null,
        column: '',
        value: name,
        reason: `Trang tính '${name}' không có dòng tiêu đề như mẫu (${cols}) trong 10 dòng đầu`,
      });
    }
  }
  if (!ind.ref && !tsk.ref) {
    out.problems.push({
      row: null,
      column: '',
      value: wb.sheets.map((w) => w.name).join(', '),
      reason:
        "Không tìm thấy trang tính 'Chỉ tiêu' hoặc 'Nhiệm vụ' có các cột như mẫu nhập; hãy dùng mẫu nhập tải từ BaoCao",
    });
  }
  for (const ref of [ind.ref, tsk.ref]) {
    for (const rep of ref?.header.repeated ?? []) {
      out.problems.push({
        row: ref!.header.row,
        column: `${columnLetter(rep.column)} – ${rep.header} (trang ${ref!.ws.name})`,
        value: rep.header,
        reason: 'Cột bị lặp lại: tiêu đề này đã có ở một cột trước',
      });
    }
  }
  const located = [ind.ref, tsk.ref].flatMap((r) => (r ? [{ ws: r.ws, headerRow: r.header.row }] : []));
  const otherPeriod = periodMismatch(located, catalog, current.period);
  if (otherPeriod) {
    // Another report's file: nothing of it is read, so nothing is listed as a change.
    return {
      sheet: located.map((l) => l.ws.name).join(', '),
      rowsRead: 0,
      changes: [],
      problems: [otherPeriod],
      content: next,
    };
  }
  if (ind.ref) importIndicators(ind.ref, next, catalog, out);
  if (tsk.ref) importTasks(tsk.ref, next, out);

  // Last guards: the schema of the document, then the same rules the save applies.
  const parsed = reportContentSchema.safeParse(next);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      out.problems.push({ row: null, column: describePath(issue.path), value: '', reason: issue.message });
    }
  } else if (out.problems.length === 0) {
    for (const issue of safeValidate(next, catalog)) {
      out.problems.push({ row: null, column: '', value: '', reason: issue });
    }
  }
  return {
    sheet: [ind.ref?.ws.name, tsk.ref?.ws.name].filter(Boolean).join(', '),
    rowsRead: out.rowsRead,
    changes: out.changes,
    problems: out.problems,
    content: next,
  };
}

/** Errors validateReport finds; none while it is not available yet (the save checks again). */
function safeValidate(content: ReportContent, catalog: Catalog): string[] {
  try {
    return validateReport(content, catalog)
      .filter((i) => i.severity === 'error')
      .map((i) => i.message);
  } catch {
    return [];
  }
}
