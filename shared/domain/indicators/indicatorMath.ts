import type { CatalogIndicator } from '../catalog/schema.ts';
import type { MeasureValue } from '../reports/reportContent.ts';

/** đạt / chưa đạt / vượt / chưa có chỉ tiêu, plus "not entered yet". Derived, never typed. */
export type Achievement = 'dat' | 'chua_dat' | 'vuot' | 'chua_co_chi_tieu' | 'chua_nhap';

export const achievementLabels: Record<Achievement, string> = {
  dat: 'Đạt',
  chua_dat: 'Chưa đạt',
  vuot: 'Vượt',
  chua_co_chi_tieu: 'Chưa có chỉ tiêu',
  chua_nhap: 'Chưa nhập',
};

export interface MeasureResult {
  measure: string;
  /** Percentage for ratios (numerator / denominator × 100), the count otherwise, 1/0 for yes/no. */
  value: number | null;
  /** The year's target for this measure, null where the plan sets none for that year. */
  target: number | null;
  achievement: Achievement;
}

export interface IndicatorResult {
  code: string;
  year: number;
  measures: MeasureResult[];
  /** The indicator as a whole: the weakest of its measures. */
  achievement: Achievement;
  /** The catalog's words for the year's target, e.g. "100%" or "50; 150", "" where blank. */
  targetText: string;
}

/** Value of one measure: a ratio as a percentage, rounded to two decimals for display only. */
export function measureValue(kind: CatalogIndicator['measures'][number]['kind'], v: MeasureValue): number | null {
  throw new Error('not implemented');
}

/** Compares each measure with the target of the report's year. */
export function evaluateIndicator(indicator: CatalogIndicator, values: readonly MeasureValue[], year: number): IndicatorResult {
  throw new Error('not implemented');
}
