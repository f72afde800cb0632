import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogSchema, type Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { MeasureValue, ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import {
  consolidate,
  type Contribution,
  type ExpectedUnit,
} from '../../../shared/domain/sokhcn/consolidation.ts';
import {
  foldMonths,
  foldPress,
  monthsOfPeriod,
  monthsText,
  type MonthlyContribution,
  type PeriodMonth,
} from '../../../shared/domain/sokhcn/monthlyFolding.ts';
import { provinceTableOf } from '../../../shared/domain/sokhcn/provinceTable.ts';
import { realCatalog } from '../helpers/drafts.ts';

const real = realCatalog();

/** The real plan with other folds on two indicators, to exercise sum and ratio_of_sums. */
function withFolds(folds: Record<string, 'sum' | 'ratio_of_sums' | 'latest'>): Catalog {
  return {
    ...real,
    indicators: real.indicators.map((ind) =>
      folds[ind.code]
        ? {
            ...ind,
            consolidation: { ...ind.consolidation, monthly: { fold: folds[ind.code]!, note: 'thử' } },
          }
        : ind,
    ),
  };
}

const value = (measure: string, v: Partial<MeasureValue>): MeasureValue => ({
  measure,
  numerator: null,
  denominator: null,
  count: null,
  done: null,
  evidenceUrl: '',
  ...v,
});
const ratio = (code: string, measure: string, numerator: number, denominator: number): ReportIndicator => ({
  code,
  values: [value(measure, { numerator, denominator })],
  note: '',
  carriedOver: false,
});
const count = (code: string, measure: string, n: number): ReportIndicator => ({
  code,
  values: [value(measure, { count: n })],
  note: '',
  carriedOver: false,
});

const CT02 = 'ty_le_can_bo_duoc_tuyen_truyen';
const CT03 = 'ty_le_co_quan_bao_chi';
const CT12 = 'chuong_trinh_dao_tao';

function month(
  org: string,
  m: number,
  indicators: ReportIndicator[],
  extra: Partial<MonthlyContribution> = {},
): MonthlyContribution {
  return {
    organizationCode: org,
    packageId: `${org}-${m}`,
    status: 'accepted',
    indicators,
    year: 2026,
    month: m,
    ...extra,
  };
}

const half: PeriodMonth[] = monthsOfPeriod('semiannual').map((m) => ({ month: m, due: true }));
const bao: ExpectedUnit = {
  code: 'BAO',
  name: 'Báo và Phát thanh, Truyền hình Bắc Ninh',
  agencyType: 'bao_ptth_tinh',
};
const tap: ExpectedUnit = {
  code: 'TAPCHI',
  name: 'Tạp chí Văn nghệ Bắc Ninh',
  agencyType: 'co_quan_bao_chi',
};

describe('the press in the half-year and year consolidation (Kế hoạch 34, V.7.đ)', () => {
  it('the real plan folds every indicator the press reports by a documented rule', () => {
    const press = new Set(real.agencyTypes.filter((a) => a.monthlyReport).map((a) => a.code));
    const theirs = real.indicators.filter((i) => i.appliesTo.some((t) => press.has(t)));
    expect(theirs.map((i) => i.code)).toEqual(['CT02', 'CT03', 'CT05', 'CT14', 'CT15']);
    for (const ind of theirs) {
      // Every figure a report carries is a state or a running total: the latest month says it all.
      expect(ind.consolidation.monthly?.fold).toBe('latest');
      expect(ind.consolidation.monthly?.note).toMatch(/tháng gần nhất/);
    }
    // The plan owes the press monthly reports and not the half-year ones.
    const periodic = real.reporting.duties.find((d) => d.kind === 'periodic')!;
    expect(periodic.appliesTo.some((t) => press.has(t))).toBe(false);
  });

  it('a catalog whose press indicator has no monthly rule, or a fold that does not fit, is refused', () => {
    const file = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../../resources/plans/34-KH-UBND-2025.json'), 'utf8'),
    );
    expect(catalogSchema.safeParse(file).success).toBe(true);
    const ct02 = file.indicators.find((i: { code: string }) => i.code === 'CT02');
    delete ct02.consolidation.monthly;
    const missing = catalogSchema.safeParse(file);
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toContain('consolidation.monthly');
    ct02.consolidation.monthly = { fold: 'sum', note: 'cộng' };
    const wrong = catalogSchema.safeParse(file);
    expect(wrong.success).toBe(false);
    expect(JSON.stringify(wrong.error?.issues)).toContain('không hợp với đại lượng đo loại ratio');
  });

  it('latest takes the latest month received, sum adds the counts, ratio_of_sums adds both parts', () => {
    const months = [
      month('BAO', 1, [ratio('CT02', CT02, 10, 40), ratio('CT03', CT03, 2, 5), count('CT12', CT12, 3)]),
      month('BAO', 4, [ratio('CT02', CT02, 30, 50), ratio('CT03', CT03, 4, 5), count('CT12', CT12, 5)]),
      month('BAO', 2, [ratio('CT02', CT02, 20, 45), ratio('CT03', CT03, 3, 5), count('CT12', CT12, 7)]),
    ];
    const latest = foldMonths(real, 'BAO', months)!;
    const get = (c: Contribution, code: string) => c.indicators.find((i) => i.code === code)!.values[0]!;
    expect(get(latest, 'CT02')).toMatchObject({ numerator: 30, denominator: 50 }); // month 4, not month 2
    expect(get(latest, 'CT03')).toMatchObject({ numerator: 4, denominator: 5 });
    expect(latest.packageId).toBe('BAO-4');
    const other = foldMonths(withFolds({ CT02: 'ratio_of_sums', CT12: 'sum' }), 'BAO', months)!;
    expect(get(other, 'CT02')).toMatchObject({ numerator: 10 + 30 + 20, denominator: 40 + 50 + 45 });
    expect(get(other, 'CT12').count).toBe(3 + 5 + 7);
    expect(get(other, 'CT03')).toMatchObject({ numerator: 4, denominator: 5 });
    expect(other.indicators.find((i) => i.code === 'CT12')!.note).toBe('Gộp từ báo cáo tháng 1, 2, 4.');
  });

  it('a month that says nothing for an indicator is passed over; a month received but not accepted makes it received', () => {
    const months = [
      month('BAO', 1, [ratio('CT03', CT03, 2, 5)]),
      month('BAO', 3, [ratio('CT02', CT02, 7, 9)], { status: 'received' }),
    ];
    const f = foldMonths(real, 'BAO', months)!;
    expect(f.indicators.find((i) => i.code === 'CT03')!.values[0]).toMatchObject({
      numerator: 2,
      denominator: 5,
    });
    expect(f.status).toBe('received');
    expect(foldMonths(real, 'BAO', [])).toBeNull();
  });

  it('says which months came and which are missing; months of another year or outside the period are ignored', () => {
    const months: PeriodMonth[] = half.map((m) => ({ ...m, due: m.month <= 5 }));
    const { contributions, coverage } = foldPress({
      catalog: real,
      kind: 'semiannual',
      year: 2026,
      months,
      pressUnits: [bao, tap],
      periodContributions: [],
      monthly: [
        month('BAO', 1, [ratio('CT03', CT03, 1, 5)]),
        month('BAO', 2, [ratio('CT03', CT03, 2, 5)]),
        month('BAO', 4, [ratio('CT03', CT03, 3, 5)]),
        month('BAO', 6, [ratio('CT03', CT03, 4, 5)]), // sent early: counted
        month('BAO', 8, [ratio('CT03', CT03, 5, 5)]), // outside the half-year
        month('BAO', 5, [ratio('CT03', CT03, 5, 5)], { year: 2025 }), // another year
      ],
    });
    expect(coverage[0]).toMatchObject({
      source: 'months',
      received: [1, 2, 4, 6],
      missing: [3, 5],
      pending: [],
    });
    expect(coverage[0]!.text).toBe(
      'Báo và Phát thanh, Truyền hình Bắc Ninh: tháng 1, 2, 4, 6; thiếu tháng 3, 5',
    );
    expect(coverage[1]).toMatchObject({
      source: 'none',
      received: [],
      missing: [1, 2, 3, 4, 5],
      pending: [6],
    });
    expect(coverage[1]!.text).toBe(
      'Tạp chí Văn nghệ Bắc Ninh: chưa có báo cáo tháng nào; thiếu tháng 1–5; chưa đến hạn tháng 6',
    );
    expect(contributions).toHaveLength(1);
    expect(contributions[0]!.indicators[0]!.values[0]).toMatchObject({ numerator: 4, denominator: 5 });
    expect(monthsText([1, 2, 3, 4, 6, 8, 9])).toBe('1–4, 6, 8, 9');
  });

  it("an agency's own half-year report takes precedence over its months", () => {
    const own: Contribution = {
      organizationCode: 'BAO',
      packageId: 'BAO-half',
      status: 'received',
      indicators: [ratio('CT03', CT03, 5, 5)],
    };
    const { contributions, coverage } = foldPress({
      catalog: real,
      kind: 'semiannual',
      year: 2026,
      months: half,
      pressUnits: [bao],
      periodContributions: [own],
      monthly: [month('BAO', 5, [ratio('CT03', CT03, 1, 5)])],
    });
    expect(contributions).toEqual([own]);
    expect(coverage[0]).toMatchObject({ source: 'own_report' });
    expect(coverage[0]!.text).toContain('báo cáo 6 tháng của đơn vị');
  });

  it('in the province: the folded press figures count like any department, and the table says which months', () => {
    const dept: ExpectedUnit = { code: 'SOA', name: 'Sở A', agencyType: 'so_ban_nganh' };
    const sở: Contribution = {
      organizationCode: 'SOA',
      packageId: 'SOA-half',
      status: 'accepted',
      indicators: [ratio('CT02', CT02, 80, 100)],
    };
    const folded = foldPress({
      catalog: real,
      kind: 'semiannual',
      year: 2026,
      months: half,
      pressUnits: [bao, tap],
      periodContributions: [sở],
      monthly: [
        month('BAO', 2, [ratio('CT02', CT02, 50, 60), ratio('CT03', CT03, 3, 5)]),
        month('BAO', 5, [ratio('CT02', CT02, 55, 60), ratio('CT03', CT03, 4, 5)]),
        month('TAPCHI', 6, [ratio('CT02', CT02, 9, 12)]),
      ],
    });
    const c = consolidate(real, 2026, [dept, bao, tap], folded.contributions, folded.coverage);
    const ct02 = c.indicators.find((i) => i.code === 'CT02')!;
    expect(ct02.measures[0]).toMatchObject({ numerator: 80 + 55 + 9, denominator: 100 + 60 + 12 });
    expect(ct02.contributed).toBe(3);
    const ct03 = c.indicators.find((i) => i.code === 'CT03')!;
    expect(ct03.measures[0]).toMatchObject({ numerator: 4, denominator: 5 });
    expect(ct03.expected).toBe(1);
    const table = provinceTableOf(c);
    expect(table.press).toEqual([
      'Báo và Phát thanh, Truyền hình Bắc Ninh: tháng 2, 5; thiếu tháng 1, 3, 4, 6',
      'Tạp chí Văn nghệ Bắc Ninh: tháng 6; thiếu tháng 1–5',
    ]);
  });
});
