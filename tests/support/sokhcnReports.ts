import type { Catalog } from '../../shared/domain/catalog/schema.ts';
import { periodRulesOf } from '../../shared/domain/periods/reportDeadlines.ts';
import { periodFor } from '../../shared/domain/periods/reportPeriods.ts';
import { newReportContent } from '../../shared/domain/reports/newReport.ts';
import type { ReportContent, ReportIndicator } from '../../shared/domain/reports/reportContent.ts';
import type { PackageManifest } from '../../shared/domain/packages/manifest.ts';
import { makePackage, type TestPackage } from './testPackages.ts';
import type { TestIdentity } from './testPki.ts';

/**
 * Departments' half-year reports with random but known figures, as the packages their BaoCao
 * sends (the document file is the exchange JSON with the report's content), for Sở KH&CN's tests
 * and bench. A seeded generator: the same seed gives the same figures.
 */

export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TestDepartment {
  code: string;
  name: string;
  agencyType: string;
}

/** 200 departments by default: the Sở KH&CN and the other Sở of single types, 20 sở, ban, ngành, the rest communes. */
export function testDepartments(n = 200): TestDepartment[] {
  const singles: TestDepartment[] = [
    { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', agencyType: 'so_khcn' },
    { code: 'VPUBND', name: 'Văn phòng UBND tỉnh', agencyType: 'van_phong_ubnd_tinh' },
    { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', agencyType: 'so_gddt' },
    { code: 'SNV', name: 'Sở Nội vụ', agencyType: 'so_noi_vu' },
    { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', agencyType: 'so_vhttdl' },
    { code: 'STC', name: 'Sở Tài chính', agencyType: 'so_tai_chinh' },
  ];
  const out = [...singles];
  for (let i = 1; out.length < n && i <= 20; i++)
    out.push({
      code: `SBN${String(i).padStart(2, '0')}`,
      name: `Sở ngành thử ${i}`,
      agencyType: 'so_ban_nganh',
    });
  for (let i = 1; out.length < n; i++)
    out.push({
      code: `XA${String(i).padStart(4, '0')}`,
      name: `UBND xã Thử ${i}`,
      agencyType: 'ubnd_xa_phuong',
    });
  return out;
}

/** Random figures for every indicator the agency type reports; some left blank. */
export function randomIndicators(catalog: Catalog, agencyType: string, rnd: () => number): ReportIndicator[] {
  const period = periodFor('semiannual', 2026, null, periodRulesOf(catalog.reporting));
  const content = newReportContent(catalog, agencyType, period, null);
  const int = (max: number) => Math.floor(rnd() * (max + 1));
  return content.indicators.map((ri) => {
    const ind = catalog.indicators.find((i) => i.code === ri.code)!;
    return {
      ...ri,
      values: ri.values.map((v) => {
        const kind = ind.measures.find((m) => m.code === v.measure)!.kind;
        if (rnd() < 0.05) return v; // not entered
        if (kind === 'ratio') {
          const denominator = 1 + int(500);
          return { ...v, numerator: int(denominator), denominator };
        }
        if (kind === 'yes_no') return { ...v, done: rnd() < 0.8 };
        return { ...v, count: int(kind === 'programmes' ? 3 : 60) };
      }),
    };
  });
}

/** Which report: the half-year 2026 one unless said (a press agency's month: monthly, 2026, 3). */
export interface TestPeriod {
  kind: 'semiannual' | 'annual' | 'monthly';
  year: number;
  month: number | null;
}
const HALF_YEAR_2026: TestPeriod = { kind: 'semiannual', year: 2026, month: null };

export function reportContentWith(
  catalog: Catalog,
  agencyType: string,
  indicators: ReportIndicator[],
  which: TestPeriod = HALF_YEAR_2026,
): ReportContent {
  const period = periodFor(which.kind, which.year, which.month, periodRulesOf(catalog.reporting));
  return { ...newReportContent(catalog, agencyType, period, null), indicators };
}

export async function reportPackage(
  catalog: Catalog,
  dept: TestDepartment,
  indicators: ReportIndicator[],
  signer: TestIdentity,
  replaces: PackageManifest['replaces'] = null,
  which: TestPeriod = HALF_YEAR_2026,
): Promise<TestPackage> {
  return makePackage({
    signer,
    org: { code: dept.code, name: dept.name, agencyType: dept.agencyType, abbreviation: dept.code },
    kind: 'report',
    period: which,
    replaces,
    content: {
      format: 'baocao-exchange',
      version: 1,
      kind: 'report',
      catalogId: catalog.id,
      content: reportContentWith(catalog, dept.agencyType, indicators, which),
    },
  });
}
