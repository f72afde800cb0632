import type { CatalogIndicator } from '../catalog/schema.ts';
import type { ReportPeriod } from '../periods/reportPeriods.ts';
import { formatShortDate } from '../vietnameseDate.ts';
import { resolveTarget } from './targets.ts';

/**
 * What a report's figure is compared with, said plainly beside it: a half-year or monthly report
 * carries the running total to the end of its period and compares it with the whole year's target
 * ("Lũy kế từ đầu năm đến hết kỳ báo cáo / chỉ tiêu năm 2026"); a total since the plan began
 * compares with the target of the year it must be reached ("… / chỉ tiêu đến năm 2027").
 * One line per distinct rule of the indicator's measures; none where the year has no target.
 */
export function comparisonBasis(
  indicator: CatalogIndicator,
  period: Pick<ReportPeriod, 'kind' | 'year'>,
  planStart: string,
): string[] {
  const lines = indicator.measures.map((m, i) => {
    const target = resolveTarget(indicator, i, period.year);
    if (target.value === null) return null;
    const whole = period.kind === 'annual';
    const figure =
      m.accumulation === 'plan'
        ? `Lũy kế từ khi ban hành Kế hoạch (${formatShortDate(planStart)}) đến hết kỳ báo cáo`
        : m.accumulation === 'year'
          ? whole
            ? 'Kết quả cả năm'
            : 'Lũy kế từ đầu năm đến hết kỳ báo cáo'
          : 'Tình hình đến hết kỳ báo cáo';
    const against =
      target.source === 'upcoming' ? `chỉ tiêu đến năm ${target.year}` : `chỉ tiêu năm ${period.year}`;
    return `${figure} / ${against}`;
  });
  return [...new Set(lines.filter((l): l is string => l !== null))];
}
