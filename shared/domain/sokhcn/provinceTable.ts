import { achievementLabels } from '../indicators/indicatorMath.ts';
import type { ProvinceTable } from '../reports/provinceTableSchema.ts';
import { consolidationMethodLabels, monthlyFoldLabels, type Consolidated } from './consolidation.ts';
import { figureText } from './consolidatedReport.ts';

/**
 * The province's table of all the plan's indicators, as Sở KH&CN's consolidated report carries it
 * in its appendix (issue 12): per indicator the province's figure, the year's target, the status,
 * how many departments contributed and which are missing, and which packages counted (accepted or
 * only received). Kept in the report's content as printed text, so the issued document, its .docx,
 * PDF and .xlsx all show the figures of the moment it was filled, whatever arrives later.
 */

/** The heading above the list of press agencies whose monthly reports went in. */
export const PRESS_HEADING = 'Báo cáo tháng của các cơ quan báo chí được gộp vào số liệu kỳ này:';

export function provinceTableOf(c: Consolidated): ProvinceTable {
  // Agency types whose monthly reports were folded in this period (not their own report).
  const folded = new Set(c.press.filter((p) => p.source === 'months').map((p) => p.agencyType));
  return {
    year: c.year,
    counted: c.counted,
    rows: c.indicators.map((ind) => {
      const counted = ind.departments.filter((d) => d.counted);
      return {
        code: ind.code,
        text: ind.text,
        figure:
          ind.method === 'not_consolidated'
            ? 'không tổng hợp'
            : ind.measures.length === 1
              ? figureText(ind.measures[0]!, ind.method)
              : ind.measures.map((m) => `${m.label}: ${figureText(m, ind.method)}`).join('; '),
        target: ind.targetText || 'không có',
        status: achievementLabels[ind.achievement],
        method:
          ind.monthlyFold &&
          ind.method !== 'not_consolidated' &&
          ind.reportingTypes.some((t) => folded.has(t))
            ? `${consolidationMethodLabels[ind.method]}; ${monthlyFoldLabels[ind.monthlyFold]}`
            : consolidationMethodLabels[ind.method],
        contributed: ind.contributed,
        expected: ind.expected,
        missing: ind.missing.map((m) => m.name),
        accepted: counted.filter((d) => d.status === 'accepted').length,
        received: counted.filter((d) => d.status === 'received').length,
        note: ind.overlap ? ind.overlap.note : '',
      };
    }),
    press: c.press.map((p) => p.text),
  };
}
