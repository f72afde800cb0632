import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import type { IntakeClient } from '../../../electron/services/outbox/intakeClient.ts';
import { admin, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import {
  randomIndicators,
  reportPackage,
  seededRandom,
  type TestDepartment,
  type TestPeriod,
} from '../../support/sokhcnReports.ts';
import { expectOk, manualClock } from '../../unit/helpers/setup.ts';
import { realCatalog, setUpDrafting, type Drafting } from '../../unit/helpers/drafts.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });

/**
 * Issue 12, the press in the half-year and year consolidation: press agencies send only monthly
 * reports (Kế hoạch 34, V.7.đ), through the real intake server; Sở KH&CN's consolidation of the
 * half-year (and the year) takes each one's months of the period, the latest month for the plan's
 * state and running-total figures, and says which months came and which are missing. The figures
 * expected are computed here from the generated reports, not by the code under test.
 */

type Consolidation = MethodOutput<'sokhcn.consolidation'>;

const catalog: Catalog = realCatalog();
const departments: TestDepartment[] = [
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', agencyType: 'so_khcn' },
  { code: 'SBN01', name: 'Sở ngành thử 1', agencyType: 'so_ban_nganh' },
  { code: 'XA0001', name: 'UBND xã Thử 1', agencyType: 'ubnd_xa_phuong' },
];
const press: TestDepartment[] = [
  { code: 'BAOBN', name: 'Báo và Phát thanh, Truyền hình Bắc Ninh', agencyType: 'bao_ptth_tinh' },
  { code: 'TCVN', name: 'Tạp chí Văn nghệ Bắc Ninh', agencyType: 'co_quan_bao_chi' },
  { code: 'TCKH', name: 'Tạp chí Khoa học Bắc Ninh', agencyType: 'co_quan_bao_chi' },
];
/** The months each press agency sends (year 2026 unless [year, month]): gaps, a month after the half-year, one of 2025. */
const SENT: Record<string, [number, number][]> = {
  BAOBN: [1, 2, 3, 4, 6].map((m) => [2026, m]),
  TCVN: [[2025, 12], ...[1, 2, 3, 4, 5].map((m): [number, number] => [2026, m])],
  TCKH: [
    [2026, 2],
    [2026, 3],
    [2026, 8],
  ],
};

let intake: TestIntake;
let serverNow = new Date('2026-01-20T02:00:00Z');
let desk: Drafting;
/** code → figures of its half-year report; "code/year-month" → of that monthly report. */
const figures = new Map<string, ReportIndicator[]>();
const clients = new Map<string, IntakeClient>();

const call = <T>(name: Parameters<Drafting['clerk']>[0], input: unknown) =>
  desk.clerk(name, input).then((r) => expectOk<T>(r));

const valueOf = (list: ReportIndicator[] | undefined, code: string, measure: string) =>
  list?.find((i) => i.code === code)?.values.find((v) => v.measure === measure);

/** Independently: the press agency's figure for the indicator = the latest month of `months` that has one. */
function latestOf(code: string, months: number[], ind: string, measure: string) {
  const mine = SENT[code]!.filter(([y, m]) => y === 2026 && months.includes(m)).sort((a, b) => b[1] - a[1]);
  for (const [y, m] of mine) {
    const v = valueOf(figures.get(`${code}/${y}-${m}`), ind, measure);
    if (v && v.numerator !== null && v.denominator !== null) return v;
  }
  return undefined;
}

/** Σ numerators, Σ denominators over every reporter of the indicator (ratio measures only). */
function expectedRatio(ind: string, months: number[], departmentsSent = true) {
  const def = catalog.indicators.find((i) => i.code === ind)!;
  const rule = def.consolidation;
  const owners = [...departments, ...press].filter((d) => def.appliesTo.includes(d.agencyType));
  const reporters =
    rule.method === 'lead_only' ? owners.filter((d) => rule.reportedBy.includes(d.agencyType)) : owners;
  const measure = def.measures[0]!.code;
  let num = 0;
  let den = 0;
  let any = false;
  for (const d of reporters) {
    const v = press.includes(d)
      ? latestOf(d.code, months, ind, measure)
      : departmentsSent
        ? valueOf(figures.get(d.code), ind, measure)
        : undefined;
    if (v && v.numerator !== null && v.denominator !== null) {
      num += v.numerator;
      den += v.denominator;
      any = true;
    }
  }
  return any ? [num, den] : [null, null];
}

async function send(d: TestDepartment, which: TestPeriod, indicators: ReportIndicator[]) {
  const pkg = await reportPackage(catalog, d, indicators, cert, null, which);
  const r = await clients
    .get(d.code)!
    .uploadPackage({ manifest: pkg.manifestBytes, signature: pkg.signature, files: pkg.files });
  if (!r.ok) throw new Error(`${d.code} ${JSON.stringify(which)}: ${r.failure.message}`);
}

let cert: ReturnType<TestIntake['pki']['issue']>;

beforeAll(async () => {
  intake = await startTestIntake({ clock: () => serverNow });
  cert = intake.pki.issue('dept', 'Cơ quan thử nghiệm tỉnh Bắc Ninh');
  const rnd = seededRandom(57);
  for (const d of [...departments, ...press])
    clients.set(d.code, (await intake.enrolOrg(d.code, d.name, d.agencyType)).client);
  for (const d of departments) {
    serverNow = new Date('2026-06-10T02:00:00Z');
    figures.set(d.code, randomIndicators(catalog, d.agencyType, rnd));
    await send(d, { kind: 'semiannual', year: 2026, month: null }, figures.get(d.code)!);
  }
  for (const d of press) {
    for (const [year, month] of SENT[d.code]!) {
      serverNow = new Date(`${year}-${String(month).padStart(2, '0')}-18T02:00:00Z`);
      const f = randomIndicators(catalog, d.agencyType, rnd);
      figures.set(`${d.code}/${year}-${month}`, f);
      await send(d, { kind: 'monthly', year, month }, f);
    }
  }
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
  serverNow = new Date('2026-07-01T02:00:00Z');
  desk = await setUpDrafting({ clock: manualClock('2026-07-01T02:00:00Z').clock });
  await call('sokhcn.login', { serverUrl: intake.url, username: 'ntlan', password: 'MatKhau-CanBo-2026' });
}, 300_000);
afterAll(async () => {
  desk?.services.close();
  await intake?.close();
});

const HALF = [1, 2, 3, 4, 5, 6];

describe("the press's monthly reports in Sở KH&CN's half-year and year consolidation", () => {
  it('folds the months of the half-year into the province figures, equal to the independent sums', async () => {
    const c = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    for (const code of ['CT02', 'CT03', 'CT05', 'CT14']) {
      const m = c.indicators.find((i) => i.code === code)!.measures[0]!;
      expect([m.numerator, m.denominator], code).toEqual(expectedRatio(code, HALF));
    }
    // CT03 is the province's figure of Báo và PT-TH alone: its June report, the latest of its months.
    const ct03 = c.indicators.find((i) => i.code === 'CT03')!;
    expect(ct03.expected).toBe(1);
    expect(ct03.departments.map((d) => d.code)).toEqual(['BAOBN']);
    // CT02 has the three sở/communes and the three press agencies.
    const ct02 = c.indicators.find((i) => i.code === 'CT02')!;
    expect(ct02.expected).toBe(6);
    expect(c.press.map((p) => p.text)).toEqual([
      'Báo và Phát thanh, Truyền hình Bắc Ninh: tháng 1–4, 6; thiếu tháng 5',
      'Tạp chí Khoa học Bắc Ninh: tháng 2, 3; thiếu tháng 1, 4–6',
      'Tạp chí Văn nghệ Bắc Ninh: tháng 1–5; thiếu tháng 6',
    ]);
    // The completeness of the half-year report itself stays the sở's and communes'.
    expect(c.summary.expected).toBe(departments.length);
  });

  it('the year takes the months of the year, the ones not yet due said so', async () => {
    const c = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'annual-2026',
      acceptedOnly: false,
    });
    const months = [...Array(12).keys()].map((i) => i + 1);
    // No sở sent its year report yet: the press alone, TCKH's latest being August.
    for (const code of ['CT02', 'CT03', 'CT05', 'CT14']) {
      const m = c.indicators.find((i) => i.code === code)!.measures[0]!;
      expect([m.numerator, m.denominator], code).toEqual(expectedRatio(code, months, false));
    }
    const tckh = latestOf('TCKH', months, 'CT02', 'ty_le_can_bo_duoc_tuyen_truyen');
    expect(tckh).toEqual(valueOf(figures.get('TCKH/2026-8'), 'CT02', 'ty_le_can_bo_duoc_tuyen_truyen'));
    expect(c.press.find((p) => p.code === 'TCKH')!.text).toBe(
      'Tạp chí Khoa học Bắc Ninh: tháng 2, 3, 8; thiếu tháng 1, 4–6; chưa đến hạn tháng 7, 9–12',
    );
  });

  it("the consolidated report's appendix and text say which months went in", async () => {
    const r = await call<{ id: string }>('sokhcn.createConsolidatedReport', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    const doc = await call<MethodOutput<'reports.get'>>('reports.get', { id: r.id });
    expect(doc.content.province!.press).toContain(
      'Báo và Phát thanh, Truyền hình Bắc Ninh: tháng 1–4, 6; thiếu tháng 5',
    );
    expect(doc.content.sections.results.text).toContain(
      '- Báo và Phát thanh, Truyền hình Bắc Ninh: tháng 1–4, 6; thiếu tháng 5.',
    );
    const JSZip = (await import('jszip')).default;
    const word = await call<{ dataBase64: string }>('documents.renderDocx', { id: r.id });
    const xml = await (
      await JSZip.loadAsync(Buffer.from(word.dataBase64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('Báo cáo tháng của các cơ quan báo chí được gộp vào số liệu kỳ này:');
    expect(plain).toContain('Tạp chí Văn nghệ Bắc Ninh: tháng 1–5; thiếu tháng 6');

    // "Cách tổng hợp" says how the months were folded, where the press's months went in.
    const method = (code: string) => doc.content.province!.rows.find((x) => x.code === code)!.method;
    expect(method('CT02')).toBe(
      'Tổng số đạt / tổng số; báo cáo tháng của cơ quan báo chí: lấy tháng gần nhất (số lũy kế)',
    );
    expect(method('CT01')).toBe('Số đơn vị đạt / số đơn vị phải thực hiện');

    // The .xlsx's "Toàn tỉnh" sheet carries the same list under its table.
    const xlsx = await call<{ dataBase64: string }>('spreadsheets.export', { id: r.id, what: 'document' });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Toàn tỉnh')!;
    const firstColumn = sheet.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    const heading = firstColumn.indexOf('Báo cáo tháng của các cơ quan báo chí được gộp vào số liệu kỳ này:');
    expect(heading).toBeGreaterThan(firstColumn.indexOf('CT15'));
    expect(firstColumn.slice(heading + 1)).toEqual(doc.content.province!.press.map((l) => `- ${l}`));
    const ct02Row = sheet.getColumn(1).values.indexOf('CT02');
    expect(sheet.getRow(ct02Row).getCell(11).value).toBe(method('CT02'));
  });
});
