import type { Catalog, CatalogIndicator, ConsolidationMethod, MonthlyFold } from '../catalog/schema.ts';
import {
  compareWithTarget,
  measureTarget,
  overallAchievement,
  type Achievement,
  type MeasureResult,
} from '../indicators/indicatorMath.ts';
import { resolveTarget, targetTextFor } from '../indicators/targets.ts';
import type { MeasureValue, ReportIndicator } from '../reports/reportContent.ts';
import type { PressCoverage } from './monthlyFolding.ts';

/**
 * "Tổng hợp toàn tỉnh": the province's figure of each indicator for one period, made from the
 * departments' reports by the rule the catalog gives the indicator (`consolidation`, decided from
 * the plan's text in resources/plans/*.json and documented there):
 * - sum               the departments' counts added up;
 * - ratio_of_sums     Σ numerators / Σ denominators, never the mean of the departments' rates;
 * - units_reached     departments that answered yes to every yes/no measure, over those expected;
 * - lead_only         the figure of the agency named in `reportedBy`; the others' own parts are
 *                     shown beside it and not added;
 * - not_consolidated  department by department only.
 * Where two agency types can count the same people (`overlap`, CT09 and CT10), the figure of each
 * type is given apart and the total carries the warning: never added silently.
 * Pure: the caller decides which packages count (accepted, or received and validly signed).
 */

export interface ExpectedUnit {
  code: string;
  name: string;
  agencyType: string;
}

export interface Contribution {
  organizationCode: string;
  packageId: string;
  /** accepted by Sở KH&CN, or received (verified at intake) and not yet decided. */
  status: 'accepted' | 'received';
  indicators: readonly ReportIndicator[];
}

export interface MeasureFigure {
  measure: string;
  label: string;
  kind: CatalogIndicator['measures'][number]['kind'];
  unit: string;
  /** Percentage for ratios and units reached, the total for counts; null when nothing counts. */
  value: number | null;
  /** ratio: Σ numerators; units_reached: the units that said yes. */
  numerator: number | null;
  /** ratio: Σ denominators; units_reached: the units expected. */
  denominator: number | null;
  target: number | null;
  achievement: Achievement;
}

export interface DepartmentFigures {
  code: string;
  name: string;
  agencyType: string;
  packageId: string;
  status: Contribution['status'];
  /** Whether its figures go into the province's figure (false: shown beside, see the note). */
  counted: boolean;
  values: MeasureValue[];
}

export interface TypeBreakdown {
  agencyType: string;
  units: number;
  measures: MeasureFigure[];
}

export interface IndicatorFigure {
  code: string;
  text: string;
  method: ConsolidationMethod;
  note: string;
  basis: string;
  /** Who reports it: the lead agency types for lead_only, every owning type otherwise. */
  reportingTypes: string[];
  /** How an agency's monthly reports of the period fold into one figure (the press), if it has any. */
  monthlyFold: MonthlyFold | null;
  measures: MeasureFigure[];
  achievement: Achievement;
  targetText: string;
  /** Units expected to report it (of `reportingTypes`) and how many did. */
  expected: number;
  contributed: number;
  missing: ExpectedUnit[];
  departments: DepartmentFigures[];
  overlap: { agencyTypes: string[]; note: string; byType: TypeBreakdown[] } | null;
}

export interface Consolidated {
  year: number;
  indicators: IndicatorFigure[];
  /** How many departments' packages went in, by decision. */
  counted: { accepted: number; received: number };
  /** Half-year and year periods: each press agency's monthly reports received and missing (monthlyFolding.ts). */
  press: PressCoverage[];
}

const collator = new Intl.Collator('vi');

function valueOf(c: Contribution, indicator: string, measure: string): MeasureValue | null {
  return c.indicators.find((i) => i.code === indicator)?.values.find((v) => v.measure === measure) ?? null;
}

/** Whether a department said anything for the indicator (one measure entered is enough). */
const entered = (v: MeasureValue | null) =>
  v !== null && (v.count !== null || v.done !== null || v.numerator !== null || v.denominator !== null);

/**
 * One measure over a set of contributions with the method's arithmetic; `expectedUnits` is the
 * denominator of units_reached.
 */
function measureOver(
  ind: CatalogIndicator,
  index: number,
  year: number,
  method: ConsolidationMethod,
  contributions: readonly Contribution[],
  expectedUnits: number,
): MeasureFigure {
  const m = ind.measures[index]!;
  const values = contributions.map((c) => valueOf(c, ind.code, m.code));
  let numerator: number | null = null;
  let denominator: number | null = null;
  let value: number | null = null;
  if (method === 'units_reached') {
    numerator = values.filter((v) => v?.done === true).length;
    denominator = expectedUnits;
    value = expectedUnits ? (numerator / expectedUnits) * 100 : null;
  } else if (m.kind === 'ratio') {
    const usable = values.filter(
      (v): v is MeasureValue & { numerator: number; denominator: number } =>
        v !== null && v.numerator !== null && v.denominator !== null && v.numerator <= v.denominator,
    );
    if (usable.length) {
      numerator = usable.reduce((s, v) => s + v.numerator, 0);
      denominator = usable.reduce((s, v) => s + v.denominator, 0);
      value = denominator ? (numerator / denominator) * 100 : null;
    }
  } else if (m.kind === 'yes_no') {
    numerator = values.filter((v) => v?.done === true).length;
    denominator = values.filter((v) => v?.done !== null && v !== null).length;
    value = denominator ? (numerator / denominator) * 100 : null;
  } else {
    const counts = values.flatMap((v) => (v?.count !== null && v !== null ? [v.count] : []));
    value = counts.length ? counts.reduce((s, x) => s + x, 0) : null;
  }
  const target = measureTarget(ind, index, year);
  const upcoming = resolveTarget(ind, index, year).source === 'upcoming';
  return {
    measure: m.code,
    label: m.label,
    kind: m.kind,
    unit: m.unit,
    value,
    numerator,
    denominator,
    target,
    achievement: compareWithTarget(value, target, upcoming),
  };
}

export function consolidateIndicator(
  ind: CatalogIndicator,
  year: number,
  units: readonly ExpectedUnit[],
  contributions: ReadonlyMap<string, Contribution>,
): IndicatorFigure {
  const rule = ind.consolidation;
  const reportingTypes = rule.method === 'lead_only' ? rule.reportedBy : ind.appliesTo;
  const owning = new Set(ind.appliesTo);
  const reporting = new Set(reportingTypes);
  const owners = units.filter((u) => owning.has(u.agencyType));
  const expectedUnits = owners.filter((u) => reporting.has(u.agencyType));
  const withFigures = owners.flatMap((u) => {
    const c = contributions.get(u.code);
    if (!c) return [];
    const said = ind.measures.some((m) => entered(valueOf(c, ind.code, m.code)));
    return said ? [{ unit: u, c }] : [];
  });
  const counted = withFigures.filter(
    ({ unit }) => reporting.has(unit.agencyType) && rule.method !== 'not_consolidated',
  );
  const countedSet = new Set(counted.map(({ unit }) => unit.code));
  const measures = ind.measures.map((_, i) =>
    rule.method === 'not_consolidated'
      ? blankMeasure(ind, i, year)
      : measureOver(
          ind,
          i,
          year,
          rule.method,
          counted.map((x) => x.c),
          expectedUnits.length,
        ),
  );
  const overlap = rule.overlap
    ? {
        agencyTypes: rule.overlap.agencyTypes,
        note: rule.overlap.note,
        byType: rule.overlap.agencyTypes.map((t) => {
          const ofType = counted.filter(({ unit }) => unit.agencyType === t).map((x) => x.c);
          const expectedOfType = expectedUnits.filter((u) => u.agencyType === t).length;
          return {
            agencyType: t,
            units: ofType.length,
            measures: ind.measures.map((_, i) =>
              measureOver(ind, i, year, rule.method, ofType, expectedOfType),
            ),
          };
        }),
      }
    : null;
  const contributed = new Set(
    withFigures.filter(({ unit }) => reporting.has(unit.agencyType)).map((x) => x.unit.code),
  );
  return {
    code: ind.code,
    text: ind.text,
    method: rule.method,
    note: rule.note,
    basis: rule.basis,
    reportingTypes,
    monthlyFold: rule.monthly?.fold ?? null,
    measures,
    achievement:
      rule.method === 'not_consolidated' ? 'chua_co_chi_tieu' : overallAchievement(measures.map(asResult)),
    targetText: targetTextFor(ind, year),
    expected: expectedUnits.length,
    contributed: contributed.size,
    missing: expectedUnits
      .filter((u) => !contributed.has(u.code))
      .sort((a, b) => collator.compare(a.name, b.name)),
    departments: withFigures
      .map(({ unit, c }) => ({
        code: unit.code,
        name: unit.name,
        agencyType: unit.agencyType,
        packageId: c.packageId,
        status: c.status,
        counted: countedSet.has(unit.code),
        values: ind.measures.map((m) => valueOf(c, ind.code, m.code)!).filter((v) => v !== null),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    overlap,
  };
}

function blankMeasure(ind: CatalogIndicator, index: number, year: number): MeasureFigure {
  const m = ind.measures[index]!;
  return {
    measure: m.code,
    label: m.label,
    kind: m.kind,
    unit: m.unit,
    value: null,
    numerator: null,
    denominator: null,
    target: measureTarget(ind, index, year),
    achievement: 'chua_co_chi_tieu',
  };
}

const asResult = (m: MeasureFigure): MeasureResult => ({
  measure: m.measure,
  value: m.value,
  target: m.target,
  achievement: m.achievement,
  targetSource: m.target === null ? 'none' : 'table',
});

/** Every indicator of the plan for the year of the period, in the plan's order. */
export function consolidate(
  catalog: Catalog,
  year: number,
  units: readonly ExpectedUnit[],
  contributions: readonly Contribution[],
  press: readonly PressCoverage[] = [],
): Consolidated {
  const byOrg = new Map(contributions.map((c) => [c.organizationCode, c]));
  return {
    year,
    indicators: catalog.indicators.map((ind) => consolidateIndicator(ind, year, units, byOrg)),
    counted: {
      accepted: contributions.filter((c) => c.status === 'accepted').length,
      received: contributions.filter((c) => c.status === 'received').length,
    },
    press: [...press],
  };
}

/** What the "Cách tổng hợp" column adds when press agencies' monthly reports went in. */
export const monthlyFoldLabels: Record<MonthlyFold, string> = {
  sum: 'báo cáo tháng của cơ quan báo chí: cộng các tháng',
  ratio_of_sums: 'báo cáo tháng của cơ quan báo chí: tổng số đạt / tổng số của các tháng',
  latest: 'báo cáo tháng của cơ quan báo chí: lấy tháng gần nhất (số lũy kế)',
};

export const consolidationMethodLabels: Record<ConsolidationMethod, string> = {
  sum: 'Cộng số lượng',
  ratio_of_sums: 'Tổng số đạt / tổng số',
  units_reached: 'Số đơn vị đạt / số đơn vị phải thực hiện',
  lead_only: 'Số của cơ quan chủ trì (cấp tỉnh)',
  not_consolidated: 'Không tổng hợp',
};
