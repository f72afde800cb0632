import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../../../shared/domain/sokhcn/consolidation.ts';
import { countedContributions } from '../../../shared/domain/sokhcn/counting.ts';
import { dutyByKey, followedDuties } from '../../../shared/domain/sokhcn/duties.ts';
import { submissionOverview, type FollowedOrganization } from '../../../shared/domain/sokhcn/submissions.ts';
import type { PackageStatus } from '../../../shared/intake/schemas.ts';
import type { ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import { realCatalog } from '../helpers/drafts.ts';

const catalog = realCatalog();
const duty = dutyByKey(catalog, 'semiannual-2026')!;

function pkg(org: string, receivedAt: string, extra: Partial<PackageStatus> = {}): PackageStatus {
  return {
    packageId: randomUUID(),
    packageSha256: 'a'.repeat(64),
    organizationCode: org,
    receiptId: randomUUID(),
    receivedAt,
    document: {
      kind: 'report',
      catalogId: catalog.id,
      periodKey: 'semiannual-2026',
      period: duty.period,
      title: duty.title,
      number: '05/BC-X',
      issuedOn: '2026-06-10',
      issueNo: 1,
    },
    replaces: null,
    replacedBy: [],
    status: 'received',
    statusReason: null,
    statusAt: null,
    ...extra,
  };
}

const org = (code: string, agencyType: string, packages: PackageStatus[] = []): FollowedOrganization => ({
  code,
  name: `Đơn vị ${code}`,
  agencyType,
  active: true,
  packages,
});

const ratio = (code: string, numerator: number, denominator: number): ReportIndicator => ({
  code,
  note: '',
  carriedOver: false,
  values: [
    {
      measure: catalog.indicators.find((i) => i.code === code)!.measures[0]!.code,
      numerator,
      denominator,
      count: null,
      done: null,
      evidenceUrl: '',
    },
  ],
});

describe('who has reported', () => {
  it('the plan’s duties from the catalog: the plan by 09/9/2025, half-years before 15/6 and 15/12', () => {
    expect(dutyByKey(catalog, 'plan')).toMatchObject({
      lastDay: '2025-09-09',
      dueText: 'trước ngày 10/9/2025',
    });
    expect(duty).toMatchObject({ lastDay: '2026-06-14', year: 2026 });
    expect(dutyByKey(catalog, 'monthly-2026-03')).toMatchObject({
      lastDay: '2026-03-20',
      appliesTo: ['bao_ptth_tinh', 'co_quan_bao_chi'],
    });
    expect(dutyByKey(catalog, 'semiannual-2031')).toBeNull();
    const keys = followedDuties(catalog, '2026-07-01').map((d) => d.periodKey);
    expect(keys).toContain('semiannual-2026');
    expect(keys).toContain('annual-2026'); // the next one still open
    expect(keys).not.toContain('annual-2027');
  });

  it('the last day on time is on time (Vietnam time); a day later is one day late', () => {
    const o = submissionOverview(
      duty,
      [
        // 14/6 23:30 in Hà Nội is 16:30 UTC: still on time.
        org('A', 'so_ban_nganh', [pkg('A', '2026-06-14T16:30:00Z')]),
        // 15/6 00:30 in Hà Nội: one day late.
        org('B', 'so_ban_nganh', [pkg('B', '2026-06-14T17:30:00Z')]),
        org('C', 'so_ban_nganh'),
        org('P', 'co_quan_bao_chi'), // the press owes no half-year report
      ],
      '2026-06-20',
    );
    expect(o.rows.map((r) => [r.code, r.state, r.daysLate])).toEqual([
      ['A', 'dung_han', 0],
      ['B', 'gui_muon', 1],
      ['C', 'chua_gui', 6],
    ]);
    expect(o.summary).toMatchObject({ expected: 3, sent: 2, onTime: 1, late: 1, notSent: 1, overdue: 1 });
  });

  it('a correction stands in place of the returned report; timeliness stays the first one’s', () => {
    const first = pkg('A', '2026-06-10T02:00:00Z', { status: 'returned', statusReason: 'Thiếu số liệu' });
    const second = pkg('A', '2026-06-25T02:00:00Z', {
      replaces: { packageId: first.packageId, reason: 'Bổ sung' },
    });
    first.replacedBy = [second.packageId];
    const [row] = submissionOverview(duty, [org('A', 'so_ban_nganh', [second, first])], '2026-07-01').rows;
    expect(row).toMatchObject({ state: 'ban_sua_doi', daysLate: 0 });
    expect(row!.current?.packageId).toBe(second.packageId);
  });
});

describe('consolidation rules', () => {
  const orgs = [
    org('SGD', 'so_gddt', [pkg('SGD', '2026-06-10T02:00:00Z', { status: 'accepted' })]),
    org('X1', 'ubnd_xa_phuong', [pkg('X1', '2026-06-10T02:00:00Z')]),
    org('X2', 'ubnd_xa_phuong', [pkg('X2', '2026-06-10T02:00:00Z', { status: 'returned' })]),
    org('KHCN', 'so_khcn', [pkg('KHCN', '2026-06-10T02:00:00Z', { status: 'accepted' })]),
    org('VP', 'van_phong_ubnd_tinh', [pkg('VP', '2026-06-10T02:00:00Z', { status: 'accepted' })]),
  ];
  const rows = submissionOverview(duty, orgs, '2026-07-01').rows;
  const figures: Record<string, ReportIndicator[]> = {
    SGD: [ratio('CT10', 900, 1000), ratio('CT02', 10, 10)],
    X1: [ratio('CT10', 50, 100), ratio('CT02', 5, 20)],
    X2: [ratio('CT10', 1, 100), ratio('CT02', 1, 100)],
    KHCN: [ratio('CT11', 8, 10), ratio('CT02', 3, 4)],
    VP: [ratio('CT11', 1, 10)],
  };
  const contents = rows.map((r) => ({
    packageId: r.current!.packageId,
    organizationCode: r.code,
    kind: 'report' as const,
    indicators: figures[r.code]!,
    planTasks: null,
    problem: null,
  }));

  it('ratio of sums, never the mean of rates; a returned report is out; overlap is shown by type', () => {
    const counted = countedContributions(rows, contents, { acceptedOnly: false });
    const c = consolidate(catalog, 2026, counted.units, counted.contributions);
    const ct02 = c.indicators.find((i) => i.code === 'CT02')!;
    expect([ct02.measures[0]!.numerator, ct02.measures[0]!.denominator]).toEqual([18, 34]);
    expect(ct02.measures[0]!.value).toBeCloseTo((18 / 34) * 100, 12);
    const ct10 = c.indicators.find((i) => i.code === 'CT10')!;
    expect(
      ct10.overlap!.byType.map((t) => [t.agencyType, t.measures[0]!.numerator, t.measures[0]!.denominator]),
    ).toEqual([
      ['so_gddt', 900, 1000],
      ['ubnd_xa_phuong', 50, 100],
    ]);
    expect(ct10.missing.map((m) => m.code)).toEqual(['X2']);
  });

  it('lead only: Sở KH&CN’s figure is the province’s; Văn phòng UBND tỉnh’s is shown, not added', () => {
    const counted = countedContributions(rows, contents, { acceptedOnly: true });
    const ct11 = consolidate(catalog, 2026, counted.units, counted.contributions).indicators.find(
      (i) => i.code === 'CT11',
    )!;
    expect(ct11.method).toBe('lead_only');
    expect([ct11.measures[0]!.numerator, ct11.measures[0]!.denominator]).toEqual([8, 10]);
    expect(ct11.departments.map((d) => [d.code, d.counted])).toEqual([
      ['KHCN', true],
      ['VP', false],
    ]);
  });
});
