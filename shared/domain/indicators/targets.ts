import type { CatalogIndicator } from '../catalog/schema.ts';

/**
 * The target a report's year is compared with, and where it comes from:
 * - table     the appendix has a figure for that year;
 * - carried   the appendix has no column for the year (2028, 2029) and the indicator is worded
 *             "hằng năm" or "duy trì" (`carryForward`): the last earlier figure holds;
 * - upcoming  a running total since the plan began (`accumulation: 'plan'`, "ít nhất 03 … Hoàn
 *             thành năm 2027") before the year it must be reached: compared with that later figure;
 * - none      the plan sets no figure for the year; `note` says so, naming any later target.
 */
export interface ResolvedTarget {
  value: number | null;
  /** The year the figure belongs to (2027 for an upcoming one), null when none. */
  year: number | null;
  source: 'table' | 'carried' | 'upcoming' | 'none';
  /** Vietnamese, for the department: why this figure, or why none. "" for a plain table figure. */
  note: string;
}

const cellOf = (ind: CatalogIndicator, year: number) => ind.targets.find((t) => t.year === year);

export function resolveTarget(ind: CatalogIndicator, measureIndex: number, year: number): ResolvedTarget {
  const measure = ind.measures[measureIndex]!;
  const byYear = [...ind.targets].sort((a, b) => a.year - b.year);
  const valueIn = (t: (typeof byYear)[number]) => t.values[measureIndex] ?? null;
  const cell = cellOf(ind, year);
  if (cell && valueIn(cell) !== null) {
    const d = cell.discrepancy?.measure === measure.code ? cell.discrepancy : undefined;
    return { value: valueIn(cell), year, source: 'table', note: d ? d.note : '' };
  }
  const later = byYear.find((t) => t.year > year && valueIn(t) !== null);
  if (measure.accumulation === 'plan' && later) {
    return {
      value: valueIn(later),
      year: later.year,
      source: 'upcoming',
      note: `Chỉ tiêu lũy kế phải đạt đến năm ${later.year}: ${later.text}; so sánh với số lũy kế từ khi ban hành Kế hoạch.`,
    };
  }
  const earlier = [...byYear].reverse().find((t) => t.year < year && valueIn(t) !== null);
  if (!cell && ind.carryForward && earlier) {
    return {
      value: valueIn(earlier),
      year: earlier.year,
      source: 'carried',
      note: `Phụ lục không có cột năm ${year}; chỉ tiêu ghi “${ind.carryForward.quote}” nên giữ chỉ tiêu năm ${earlier.year} (${earlier.text}).`,
    };
  }
  const ahead = later ? ` (chỉ tiêu năm ${later.year}: ${later.text})` : '';
  return {
    value: null,
    year: null,
    source: 'none',
    note: cell
      ? `Kế hoạch không đặt chỉ tiêu năm ${year} cho chỉ tiêu này${ahead}.`
      : `Kế hoạch không đặt chỉ tiêu cho năm ${year}${ahead}.`,
  };
}

/** The words for the year's target of the whole indicator: "100%", "50; 100", "03 (đến năm 2027)", "". */
export function targetTextFor(ind: CatalogIndicator, year: number): string {
  const resolved = ind.measures.map((_, i) => resolveTarget(ind, i, year));
  if (resolved.every((r) => r.source === 'none')) return '';
  const cell = cellOf(ind, year);
  if (resolved.every((r) => r.source === 'table') && cell) {
    return cell.discrepancy ? cell.values.map((v) => (v === null ? '—' : String(v))).join('; ') : cell.text;
  }
  const source = resolved.find((r) => r.source !== 'none')!;
  const from = ind.targets.find((t) => t.year === source.year);
  const shown = from?.text ?? '';
  return source.source === 'upcoming' ? `${shown} (đến năm ${source.year})` : shown;
}

/** Every note about the indicator's target in `year`, without repeats. */
export function targetNotes(ind: CatalogIndicator, year: number): string[] {
  return [...new Set(ind.measures.map((_, i) => resolveTarget(ind, i, year).note).filter(Boolean))];
}
