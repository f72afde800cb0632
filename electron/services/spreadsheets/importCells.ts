import { taskStatusLabels, type TaskStatus } from '../../../shared/domain/reports/reportContent.ts';
import { asPercentage, formatNumberVi, parseNumberText } from './parseNumbers.ts';
import { cellAt, normalizeLabel, scalarText, type CellScalar, type SheetData } from './workbookData.ts';
import type { ColumnSpec } from './reportColumns.ts';

/** What one cell of an import says: nothing (leave as is), a value, or why it cannot be used. */
export type Read<T> = { ok: true; value: T | null } | { ok: false; reason: string };

const empty = <T>(): Read<T> => ({ ok: true, value: null });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });
const ok = <T>(value: T): Read<T> => ({ ok: true, value });

/** The value as the person sees it, for the problem table. */
export function shownValue(s: CellScalar): string {
  if (s.kind === 'text') return s.text.trim().slice(0, 200);
  if (s.kind === 'number') return s.percentFormat ? `${formatNumberVi(s.value * 100)}%` : String(s.value);
  return scalarText(s);
}

const MAX_AMOUNT = 1e9;

function readNumber(s: CellScalar): Read<{ value: number; percentTyped: boolean; percentFormat: boolean }> {
  switch (s.kind) {
    case 'empty':
      return empty();
    case 'error':
      return fail(s.reason);
    case 'number':
      return ok({ value: s.value, percentTyped: false, percentFormat: s.percentFormat });
    case 'text': {
      const p = parseNumberText(s.text);
      if (p.kind === 'empty') return empty();
      if (p.kind === 'invalid') return fail('không phải là số');
      return ok({ value: p.value, percentTyped: p.percent, percentFormat: false });
    }
    default:
      return fail('không phải là số');
  }
}

/** A whole, non-negative count (numerator, denominator, count). */
export function readAmount(s: CellScalar): Read<number> {
  const r = readNumber(s);
  if (!r.ok || r.value === null) return r as Read<number>;
  const { value, percentTyped, percentFormat } = r.value;
  if (percentTyped || percentFormat) return fail('phải là số lượng, không phải tỷ lệ phần trăm');
  if (value < 0) return fail('không được âm');
  const rounded = Math.round(value);
  // Computed cells may carry float noise (11.999999999998); anything else with decimals is refused.
  if (Math.abs(value - rounded) > 1e-9) return fail('phải là số nguyên');
  if (rounded > MAX_AMOUNT) return fail('quá lớn (tối đa 1.000.000.000)');
  return ok(rounded);
}

/** The Tỷ lệ column, as a percentage (80 for 80%, "80%", 0.8 or a 0.0% cell holding 0.8). */
export function readRate(s: CellScalar): Read<number> {
  const r = readNumber(s);
  if (!r.ok || r.value === null) return r as Read<number>;
  const pct = asPercentage(r.value.value, r.value.percentTyped, r.value.percentFormat);
  if (pct < 0) return fail('không được âm');
  return ok(pct);
}

const TRUE_WORDS = new Set(['co', 'x', 'da thuc hien', 'da', 'true', 'yes', '1']);
const FALSE_WORDS = new Set(['khong', 'chua', 'chua thuc hien', 'false', 'no', '0']);

/** "Có" / "Không" (also TRUE/FALSE, x, 1/0). */
export function readDone(s: CellScalar): Read<boolean> {
  if (s.kind === 'empty') return empty();
  if (s.kind === 'error') return fail(s.reason);
  if (s.kind === 'boolean') return ok(s.value);
  if (s.kind === 'number' && (s.value === 0 || s.value === 1)) return ok(s.value === 1);
  const word = normalizeLabel(scalarText(s));
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('phải là "Có" hoặc "Không"');
}

const STATUS_BY_WORD = new Map<string, TaskStatus>(
  (Object.entries(taskStatusLabels) as [TaskStatus, string][]).flatMap(([k, label]) => [
    [normalizeLabel(label), k],
    [k, k],
  ]),
);

/** The same statuses as typed: most cells hold a label exactly as the template's list gives it. */
const STATUS_AS_TYPED = new Map<string, TaskStatus>(
  [...STATUS_BY_WORD.keys()].flatMap((k) => {
    const status = STATUS_BY_WORD.get(k)!;
    return [[k, status] as const, [taskStatusLabels[status], status] as const];
  }),
);

export function readStatus(s: CellScalar): Read<TaskStatus> {
  if (s.kind === 'empty') return empty();
  if (s.kind === 'error') return fail(s.reason);
  const text = scalarText(s);
  // Normalising (NFD, diacritics off) costs more than the rest of the row; an exact label skips it.
  const found = STATUS_AS_TYPED.get(text) ?? STATUS_BY_WORD.get(normalizeLabel(text));
  if (found) return ok(found);
  return fail(`không có trong danh sách (${Object.values(taskStatusLabels).join('; ')})`);
}

/** Text as typed (NFC, trimmed); a hyperlink cell gives its address when `preferUrl`. */
export function readText(s: CellScalar, max: number, preferUrl = false): Read<string> {
  if (s.kind === 'empty') return empty();
  if (s.kind === 'error') return fail(s.reason);
  let text: string;
  if (s.kind === 'text') text = preferUrl && s.url ? s.url : s.text;
  else if (s.kind === 'number') text = formatNumberVi(s.value);
  else text = scalarText(s);
  text = text.normalize('NFC').trim();
  if (text === '') return empty();
  if (text.length > max) return fail(`dài quá ${max.toLocaleString('vi-VN')} ký tự`);
  return ok(text);
}

export interface HeaderMatch<F extends string> {
  row: number;
  /** field → 1-based column (a Map: header text never becomes an object key). */
  columns: Map<F, number>;
  /** Columns whose header repeats an earlier one. */
  repeated: { column: number; header: string }[];
}

export const HEADER_SEARCH_ROWS = 10;

/** The header row within the first ten rows: the one naming `required` and one of `anyOf`. */
export function findHeaderRow<F extends string>(
  ws: SheetData,
  lookup: Map<string, F>,
  required: F[],
  anyOf: F[],
): HeaderMatch<F> | null {
  const lastRow = Math.min(HEADER_SEARCH_ROWS, ws.rowCount);
  const lastColumn = Math.min(ws.columnCount, 50);
  for (let r = 1; r <= lastRow; r++) {
    const columns = new Map<F, number>();
    const repeated: { column: number; header: string }[] = [];
    for (let c = 1; c <= lastColumn; c++) {
      const text = scalarText(cellAt(ws, r, c));
      const field = lookup.get(normalizeLabel(text));
      if (field === undefined) continue;
      if (columns.has(field)) repeated.push({ column: c, header: text.trim() });
      else columns.set(field, c);
    }
    if (required.every((f) => columns.has(f)) && anyOf.some((f) => columns.has(f))) {
      return { row: r, columns, repeated };
    }
  }
  return null;
}

export function headerOf<F extends string>(columns: ColumnSpec<F>[], field: F): string {
  return columns.find((c) => c.field === field)?.header ?? field;
}
