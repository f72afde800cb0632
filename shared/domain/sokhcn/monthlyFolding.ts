import type { Catalog, CatalogIndicator, MonthlyFold } from '../catalog/schema.ts';
import type { MeasureValue, ReportIndicator } from '../reports/reportContent.ts';
import type { Contribution, ExpectedUnit } from './consolidation.ts';

/**
 * The press in the half-year and year consolidation. Kế hoạch 34 asks the press agencies (V.7.đ)
 * for a report "Định kỳ ngày 20 hằng tháng hoặc khi có yêu cầu", and asks the half-year and year
 * reports (V.8.đ, "Trước ngày 15/6 và trước ngày 15/12") of the sở, ban, ngành and the communes
 * only. So for a half-year or year period, Sở KH&CN takes for each press agency:
 * - its own report of that period, when it sent one ("khi có yêu cầu"): that report covers the
 *   whole window by itself and takes precedence over its monthly reports;
 * - otherwise its monthly reports of the months of the period — calendar months 1–6 of the year
 *   for the half-year, 1–12 for the year, so each month belongs to exactly one year — folded into
 *   one figure per indicator by the catalog's rule (`consolidation.monthly.fold`):
 *   sum (the months' counts added), ratio_of_sums (Σ numerators / Σ denominators) or latest (the
 *   latest month received: a state or running total, which a monthly report carries to its end).
 * Months of another year, or outside the period, are ignored. Which months were received and
 * which are missing is said per agency, never hidden. Pure: the caller fetches the packages.
 */

export interface MonthlyContribution extends Contribution {
  year: number;
  month: number;
}

/** One month of the period: whether the plan owes it at all, and whether its last day has passed. */
export interface PeriodMonth {
  month: number;
  due: boolean;
}

export interface PressCoverage {
  code: string;
  name: string;
  agencyType: string;
  /** own_report: its report of the period counts; months: folded; none: nothing counted. */
  source: 'own_report' | 'months' | 'none';
  /** Months whose report was counted. */
  received: number[];
  /** Months already due with no counted report. */
  missing: number[];
  /** Months of the period not yet due and not received. */
  pending: number[];
  /** "Báo …: tháng 1–4, 6; thiếu tháng 5". */
  text: string;
}

/** The calendar months a half-year or year period takes the monthly reports of. */
export function monthsOfPeriod(kind: 'semiannual' | 'annual'): number[] {
  return Array.from({ length: kind === 'semiannual' ? 6 : 12 }, (_, i) => i + 1);
}

/** "1–4, 6" for [1, 2, 3, 4, 6]. */
export function monthsText(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(
      j === i ? String(sorted[i]) : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}–${sorted[j]}`,
    );
    i = j + 1;
  }
  return runs.join(', ');
}

const said = (v: MeasureValue) =>
  v.count !== null || v.done !== null || v.numerator !== null || v.denominator !== null;

const blank = (measure: string): MeasureValue => ({
  measure,
  numerator: null,
  denominator: null,
  count: null,
  done: null,
  evidenceUrl: '',
});

/** One indicator over the months (oldest first) by the fold; null when no month said anything. */
function foldIndicator(
  ind: CatalogIndicator,
  fold: MonthlyFold,
  months: readonly MonthlyContribution[],
): ReportIndicator | null {
  const entries = months.flatMap((m) => {
    const ri = m.indicators.find((i) => i.code === ind.code);
    return ri && ri.values.some(said) ? [{ month: m.month, ri }] : [];
  });
  const last = entries.at(-1);
  if (!last) return null;
  const note = `Gộp từ báo cáo tháng ${monthsText(entries.map((e) => e.month))}.`;
  if (fold === 'latest') return { ...last.ri, note, carriedOver: false };
  const values = ind.measures.map((m) => {
    const vs = entries.flatMap((e) => e.ri.values.filter((v) => v.measure === m.code));
    const out = blank(m.code);
    out.evidenceUrl = vs.findLast((v) => v.evidenceUrl)?.evidenceUrl ?? '';
    if (fold === 'sum') {
      const counts = vs.flatMap((v) => (v.count === null ? [] : [v.count]));
      out.count = counts.length ? counts.reduce((s, x) => s + x, 0) : null;
    } else {
      const usable = vs.filter(
        (v): v is MeasureValue & { numerator: number; denominator: number } =>
          v.numerator !== null && v.denominator !== null && v.numerator <= v.denominator,
      );
      if (usable.length) {
        out.numerator = usable.reduce((s, v) => s + v.numerator, 0);
        out.denominator = usable.reduce((s, v) => s + v.denominator, 0);
      }
    }
    return out;
  });
  return { code: ind.code, values, note, carriedOver: false };
}

/**
 * One agency's monthly reports of the period folded into one contribution: accepted when every
 * month used was accepted, its package the latest month's. Null when no month is given.
 */
export function foldMonths(
  catalog: Catalog,
  organizationCode: string,
  months: readonly MonthlyContribution[],
): Contribution | null {
  const sorted = [...months].sort((a, b) => a.year - b.year || a.month - b.month);
  const last = sorted.at(-1);
  if (!last) return null;
  const indicators = catalog.indicators.flatMap((ind) => {
    const f = foldIndicator(ind, ind.consolidation.monthly?.fold ?? 'latest', sorted);
    return f ? [f] : [];
  });
  return {
    organizationCode,
    packageId: last.packageId,
    status: sorted.every((m) => m.status === 'accepted') ? 'accepted' : 'received',
    indicators,
  };
}

/**
 * The contributions of a half-year or year period with the press folded in: `periodContributions`
 * as they are (a press agency's own report of the period among them takes precedence), plus one
 * folded contribution per press agency without one, from its monthly reports of `months` of
 * `year` (the months the plan owes, from `monthsOfPeriod`). Each monthly agency's coverage, in the order of `pressUnits`.
 */
export function foldPress(input: {
  catalog: Catalog;
  kind: 'semiannual' | 'annual';
  year: number;
  months: readonly PeriodMonth[];
  pressUnits: readonly ExpectedUnit[];
  periodContributions: readonly Contribution[];
  monthly: readonly MonthlyContribution[];
}): { contributions: Contribution[]; coverage: PressCoverage[] } {
  const own = new Set(input.periodContributions.map((c) => c.organizationCode));
  const inPeriod = new Map(input.months.map((m) => [m.month, m]));
  const contributions = [...input.periodContributions];
  const coverage = input.pressUnits.map((u): PressCoverage => {
    const base = { code: u.code, name: u.name, agencyType: u.agencyType };
    if (own.has(u.code)) {
      const text = `${u.name}: báo cáo ${input.kind === 'semiannual' ? '6 tháng' : 'năm'} của đơn vị (thay cho báo cáo tháng)`;
      return { ...base, source: 'own_report', received: [], missing: [], pending: [], text };
    }
    // Latest package per month wins if the caller passed two; months outside the period are ignored.
    const byMonth = new Map<number, MonthlyContribution>();
    for (const m of input.monthly)
      if (m.organizationCode === u.code && m.year === input.year && inPeriod.has(m.month))
        byMonth.set(m.month, m);
    const folded = foldMonths(input.catalog, u.code, [...byMonth.values()]);
    if (folded) contributions.push(folded);
    const received = [...byMonth.keys()].sort((a, b) => a - b);
    const missing = input.months.filter((m) => m.due && !byMonth.has(m.month)).map((m) => m.month);
    const pending = input.months.filter((m) => !m.due && !byMonth.has(m.month)).map((m) => m.month);
    const parts = [
      received.length ? `tháng ${monthsText(received)}` : 'chưa có báo cáo tháng nào',
      ...(missing.length ? [`thiếu tháng ${monthsText(missing)}`] : []),
      ...(pending.length ? [`chưa đến hạn tháng ${monthsText(pending)}`] : []),
    ];
    return {
      ...base,
      source: folded ? 'months' : 'none',
      received,
      missing,
      pending,
      text: `${u.name}: ${parts.join('; ')}`,
    };
  });
  return { contributions, coverage };
}
