import type { CatalogIndicator } from '../catalog/schema.ts';
import type { MeasureValue } from '../reports/reportContent.ts';
import { resolveTarget, targetNotes, targetTextFor, type ResolvedTarget } from './targets.ts';

/**
 * đạt / chưa đạt / vượt / chưa có chỉ tiêu, plus "not entered yet", and "chưa đến hạn" for a
 * running total still below a target it must reach in a later year. Derived, never typed.
 */
export type Achievement = 'dat' | 'chua_dat' | 'vuot' | 'chua_den_han' | 'chua_co_chi_tieu' | 'chua_nhap';

export const achievementLabels: Record<Achievement, string> = {
  dat: 'Đạt',
  chua_dat: 'Chưa đạt',
  vuot: 'Vượt',
  chua_den_han: 'Chưa đến hạn',
  chua_co_chi_tieu: 'Chưa có chỉ tiêu',
  chua_nhap: 'Chưa nhập',
};

export interface MeasureResult {
  measure: string;
  /** Percentage for ratios (numerator / denominator × 100), the count otherwise, 100/0 for yes/no. */
  value: number | null;
  /** The year's target for this measure (100 for a yes/no that must be done), null where none. */
  target: number | null;
  achievement: Achievement;
  /** Where the target comes from (targets.ts): the table, carried from an earlier year, upcoming… */
  targetSource: ResolvedTarget['source'];
}

export interface IndicatorResult {
  code: string;
  year: number;
  measures: MeasureResult[];
  /** The indicator as a whole: the weakest of its measures. */
  achievement: Achievement;
  /** The words for the year's target, e.g. "100%", "50; 100", "03 (đến năm 2027)", "" where none. */
  targetText: string;
  /** Why this target or why none ("Kế hoạch không đặt chỉ tiêu cho năm 2028"), a discrepancy… */
  targetNotes: string[];
}

type MeasureKind = CatalogIndicator['measures'][number]['kind'];

/** Percentages are compared with this tolerance, so 3/3 × 100 counts as exactly 100%. */
const EPSILON = 1e-9;

/**
 * Value of one measure: a ratio as a percentage (unrounded; round to two decimals for display
 * only), the count for counts and programmes, 100 / 0 for yes/no. Null until entered (and for a
 * ratio whose denominator is 0).
 */
export function measureValue(kind: MeasureKind, v: MeasureValue): number | null {
  switch (kind) {
    case 'ratio':
      if (v.numerator === null || v.denominator === null || v.denominator === 0) return null;
      // More reached than exist is a typing error (validation refuses it), not an overachievement.
      if (v.numerator > v.denominator) return null;
      return (v.numerator / v.denominator) * 100;
    case 'count':
    case 'programmes':
      return v.count;
    case 'yes_no':
      return v.done === null ? null : v.done ? 100 : 0;
  }
}

/**
 * Target of one measure for a year (targets.ts: the table's figure, one carried from an earlier
 * year, or an upcoming cumulative one); any yes/no target (1 or 100) means "must be done" (100).
 */
export function measureTarget(
  indicator: CatalogIndicator,
  measureIndex: number,
  year: number,
): number | null {
  const target = resolveTarget(indicator, measureIndex, year).value;
  if (target === null) return null;
  return indicator.measures[measureIndex]!.kind === 'yes_no' ? 100 : target;
}

/**
 * `upcoming`: the target is to be reached in a later year (a running total toward "đến năm
 * 2027"), so a figure below it is not yet late: chưa đến hạn.
 */
export function compareWithTarget(
  value: number | null,
  target: number | null,
  upcoming = false,
): Achievement {
  if (value === null) return 'chua_nhap';
  if (target === null) return 'chua_co_chi_tieu';
  if (Math.abs(value - target) <= EPSILON) return 'dat';
  if (value > target) return 'vuot';
  return upcoming ? 'chua_den_han' : 'chua_dat';
}

/** The indicator as a whole: the weakest of the measures that have a target this year. */
export function overallAchievement(measures: readonly MeasureResult[]): Achievement {
  const targeted = measures.filter((m) => m.target !== null).map((m) => m.achievement);
  if (targeted.length === 0) return 'chua_co_chi_tieu';
  if (targeted.includes('chua_nhap')) return 'chua_nhap';
  if (targeted.includes('chua_dat')) return 'chua_dat';
  if (targeted.includes('chua_den_han')) return 'chua_den_han';
  return targeted.every((a) => a === 'vuot') ? 'vuot' : 'dat';
}

/** Compares each measure with the target of the report's year. */
export function evaluateIndicator(
  indicator: CatalogIndicator,
  values: readonly MeasureValue[],
  year: number,
): IndicatorResult {
  const measures = indicator.measures.map((m, i): MeasureResult => {
    const entered = values.find((v) => v.measure === m.code);
    const value = entered ? measureValue(m.kind, entered) : null;
    const target = measureTarget(indicator, i, year);
    const source = resolveTarget(indicator, i, year).source;
    return {
      measure: m.code,
      value,
      target,
      achievement: compareWithTarget(value, target, source === 'upcoming'),
      targetSource: source,
    };
  });
  return {
    code: indicator.code,
    year,
    measures,
    achievement: overallAchievement(measures),
    targetText: targetTextFor(indicator, year),
    targetNotes: targetNotes(indicator, year),
  };
}

/**
 * A percentage for display with one decimal ("99,9"), never rounded across the target: 99.999
 * beside "Chưa đạt" shows 99,9, not 100; 100.04 beside "Vượt" would show 100,1, not 100.
 */
export function formatPercent(value: number, target: number | null = null): string {
  return displayPercent(value, target).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}

/** The percentage formatPercent prints, as a number (for a spreadsheet cell shown with one decimal). */
export function displayPercent(value: number, target: number | null = null): number {
  let shown = Math.round(value * 10) / 10;
  if (target !== null && Math.abs(value - target) > EPSILON) {
    if (value < target && shown >= target) shown = Math.floor(value * 10) / 10;
    if (value > target && shown <= target) shown = Math.ceil(value * 10) / 10;
  }
  return shown;
}
