import type { CatalogIndicator } from '../../../shared/domain/catalog/schema.ts';
import { normalizeLabel } from './workbookData.ts';

/**
 * The columns of the report's two sheets, shared by the export, the import template and the
 * import: one list, so what goes out is exactly what comes back in.
 */

export const INDICATOR_SHEET = 'Chỉ tiêu';
export const TASK_SHEET = 'Nhiệm vụ';

export type IndicatorField =
  | 'no'
  | 'code'
  | 'text'
  | 'measure'
  | 'target'
  | 'numerator'
  | 'denominator'
  | 'rate'
  | 'count'
  | 'done'
  | 'evidence'
  | 'achievement'
  | 'note';

export type TaskField = 'no' | 'code' | 'text' | 'status' | 'result' | 'figures' | 'evidence';

export interface ColumnSpec<F extends string> {
  field: F;
  header: string;
  width: number;
  /** Other headers a person's own sheet may use for this column. */
  aliases?: string[];
  /** Read by the import. */
  input?: boolean;
}

export const indicatorColumns: ColumnSpec<IndicatorField>[] = [
  { field: 'no', header: 'STT', width: 6 },
  { field: 'code', header: 'Mã', width: 10, aliases: ['Mã chỉ tiêu'], input: true },
  { field: 'text', header: 'Chỉ tiêu', width: 48 },
  { field: 'measure', header: 'Đại lượng đo', width: 34 },
  { field: 'target', header: 'Chỉ tiêu năm', width: 12 },
  { field: 'numerator', header: 'Số đạt được', width: 13, aliases: ['Tử số'], input: true },
  { field: 'denominator', header: 'Tổng số', width: 13, aliases: ['Mẫu số'], input: true },
  { field: 'rate', header: 'Tỷ lệ', width: 10, aliases: ['Tỉ lệ', 'Tỷ lệ (%)', 'Tỉ lệ (%)'], input: true },
  { field: 'count', header: 'Số lượng', width: 12, input: true },
  { field: 'done', header: 'Đã thực hiện', width: 13, input: true },
  { field: 'evidence', header: 'Minh chứng', width: 36, aliases: ['Đường dẫn minh chứng'], input: true },
  { field: 'achievement', header: 'Đánh giá', width: 16 },
  { field: 'note', header: 'Ghi chú', width: 30, input: true },
];

export const taskColumns: ColumnSpec<TaskField>[] = [
  { field: 'no', header: 'STT', width: 6 },
  { field: 'code', header: 'Mã', width: 12, aliases: ['Mã nhiệm vụ'], input: true },
  { field: 'text', header: 'Nhiệm vụ', width: 60 },
  { field: 'status', header: 'Trạng thái', width: 18, input: true },
  { field: 'result', header: 'Kết quả', width: 50, aliases: ['Kết quả thực hiện'], input: true },
  { field: 'figures', header: 'Số liệu', width: 30, input: true },
  { field: 'evidence', header: 'Minh chứng', width: 36, input: true },
];

/** 1-based column of a field in its sheet. */
export function columnOf<F extends string>(columns: ColumnSpec<F>[], field: F): number {
  return columns.findIndex((c) => c.field === field) + 1;
}

/** Normalized header text → field, for every header and alias (a Map: cell text never becomes a key). */
export function headerLookup<F extends string>(columns: ColumnSpec<F>[]): Map<string, F> {
  const m = new Map<string, F>();
  for (const c of columns)
    for (const h of [c.header, ...(c.aliases ?? [])]) m.set(normalizeLabel(h), c.field);
  return m;
}

/** "CT02" for a one-measure indicator, "CT05-2" for the second measure of CT05. */
export function measureRowCode(indicator: CatalogIndicator, measureIndex: number): string {
  return indicator.measures.length === 1 ? indicator.code : `${indicator.code}-${measureIndex + 1}`;
}

/** "CT02", "ct 2", "CT05-2", "CT05.2" → { code: 'CT05', measure: 2 | null }; null when not a code. */
export function parseRowCode(raw: string): { code: string; measure: number | null } | null {
  const m = /^CT(\d{1,2})(?:[-.](\d{1,2}))?$/.exec(raw.normalize('NFC').replace(/\s+/g, '').toUpperCase());
  if (!m) return null;
  return { code: `CT${m[1]!.padStart(2, '0')}`, measure: m[2] === undefined ? null : Number(m[2]) };
}

/** "Chỉ tiêu 2", "Chỉ tiêu 5.2": how a change or a problem names an indicator row. */
export function measureRowLabel(indicator: CatalogIndicator, measureIndex: number): string {
  return indicator.measures.length === 1
    ? `Chỉ tiêu ${indicator.no}`
    : `Chỉ tiêu ${indicator.no}.${measureIndex + 1}`;
}

/** The answers of the "Đã thực hiện" column. */
export const YES = 'Có';
export const NO = 'Không';
