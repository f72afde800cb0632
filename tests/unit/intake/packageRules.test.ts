import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../../electron/services/catalog/loadCatalog.ts';
import type { PackageManifest } from '../../../shared/domain/packages/manifest.ts';
import { adhocPeriod, periodFor } from '../../../shared/domain/periods/reportPeriods.ts';
import { IntakeError } from '../../../shared/intake/errors.ts';
import { checkApplicability } from '../../../server/intake/packageRules.ts';
import { defaultResourcesDir } from '../../../server/startServer.ts';

/** Which documents a department owes under the plan: the rules of server/intake/packageRules.ts. */

const catalogs = loadCatalogDir(path.join(defaultResourcesDir(), 'plans'));
const rules = {
  periodicDeadlines: [
    { month: 6, day: 15 },
    { month: 12, day: 15 },
  ],
  monthlyDay: 20,
};

function manifest(document: Partial<PackageManifest['document']>): PackageManifest {
  return {
    document: {
      id: 'd1',
      kind: 'report',
      catalogId: '34-KH-UBND-2025',
      periodKey: 'semiannual-2026',
      period: periodFor('semiannual', 2026, null, rules),
      title: 'Báo cáo',
      number: '05/BC-SCT',
      issuedOn: '2026-06-10',
      issueNo: 1,
      ...document,
    },
  } as PackageManifest;
}

const refusal = (m: PackageManifest, type: string) => {
  try {
    checkApplicability(m, type, catalogs);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(IntakeError);
    return (e as IntakeError).message;
  }
};

describe('applicability of a package', () => {
  it('accepts the half-year and year reports of every agency type, and monthly ones of the press only', () => {
    for (const type of catalogs.get('34-KH-UBND-2025')!.agencyTypes.map((t) => t.code)) {
      expect(refusal(manifest({}), type)).toBeNull();
      expect(
        refusal(manifest({ periodKey: 'annual-2027', period: periodFor('annual', 2027, null, rules) }), type),
      ).toBeNull();
    }
    const march = manifest({ periodKey: 'monthly-2026-03', period: periodFor('monthly', 2026, 3, rules) });
    expect(refusal(march, 'co_quan_bao_chi')).toBeNull();
    expect(refusal(march, 'ubnd_xa_phuong')).toMatch(/Báo cáo tháng không áp dụng cho UBND xã, phường/);
  });

  it('refuses a period key or dates that are not the plan’s', () => {
    expect(refusal(manifest({ periodKey: 'semiannual-2027' }), 'so_ban_nganh')).toMatch(/không khớp kỳ/);
    const p = { ...periodFor('semiannual', 2026, null, rules), to: '2026-06-30' };
    expect(refusal(manifest({ period: p }), 'so_ban_nganh')).toMatch(/không khớp kỳ 6 tháng đầu năm 2026/);
  });

  it('plans need tasks for the type; a công văn only from Sở KH&CN; ad hoc reports by their own key', () => {
    expect(refusal(manifest({ kind: 'plan', periodKey: 'plan', period: null }), 'so_ban_nganh')).toBeNull();
    expect(refusal(manifest({ kind: 'plan', periodKey: 'kh', period: null }), 'so_ban_nganh')).toMatch(
      /mã kỳ "plan"/,
    );
    expect(refusal(manifest({ kind: 'cong_van', periodKey: 'cv-1', period: null }), 'so_ban_nganh')).toMatch(
      /Chỉ Sở Khoa học và Công nghệ/,
    );
    expect(refusal(manifest({ kind: 'cong_van', periodKey: 'cv-1', period: null }), 'so_khcn')).toBeNull();
    const adhoc = adhocPeriod('Báo cáo nhanh', '2026-04-01', '2026-01-01', '2026-03-31');
    expect(refusal(manifest({ periodKey: 'adhoc-abc123', period: adhoc }), 'so_ban_nganh')).toBeNull();
    expect(refusal(manifest({ periodKey: 'adhoc/../x', period: adhoc }), 'so_ban_nganh')).toMatch(/adhoc-/);
  });

  it('an unknown plan, an unknown type, a year outside the plan', () => {
    expect(refusal(manifest({ catalogId: 'KHAC' }), 'so_ban_nganh')).toMatch(/"KHAC".*không có trên máy chủ/);
    expect(refusal(manifest({}), 'khong_co')).toMatch(/Loại cơ quan "khong_co" không có/);
    const y = manifest({ periodKey: 'annual-2024', period: periodFor('annual', 2024, null, rules) });
    expect(refusal(y, 'so_ban_nganh')).toMatch(/Năm 2024 nằm ngoài/);
  });
});
