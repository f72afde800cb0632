import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { has } from '../../support/signing/outsideTools.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ReportIndicator } from '../../../shared/domain/reports/reportContent.ts';
import type { IntakeClient } from '../../../electron/services/outbox/intakeClient.ts';
import { admin, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import {
  randomIndicators,
  reportPackage,
  seededRandom,
  testDepartments,
  type TestDepartment,
} from '../../support/sokhcnReports.ts';
import type { TestPackage } from '../../support/testPackages.ts';
import { expectOk, manualClock } from '../../unit/helpers/setup.ts';
import { realCatalog, setUpDrafting, type Drafting } from '../../unit/helpers/drafts.ts';

// 200 signed uploads through the real server on a shared two-core machine: generous limits.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

/**
 * Issue 12, "Done when": 200 departments' reports with random but known figures go through the
 * real intake server; Sở KH&CN's BaoCao consolidates them over the officer API; every kind of
 * consolidation equals the figure computed here independently; a returned report reaches its
 * department and its correction replaces it in the totals.
 */

type Consolidation = MethodOutput<'sokhcn.consolidation'>;
type Overview = MethodOutput<'sokhcn.overview'>;

const catalog: Catalog = realCatalog();
const depts = testDepartments(200);
const NOT_SENT = new Set(depts.filter((_, i) => i % 20 === 7).map((d) => d.code)); // 10 departments
const LATE = new Set(depts.filter((_, i) => i % 10 === 3).map((d) => d.code)); // 20 departments
const RETURNED = 'XA0005';

let intake: TestIntake;
let cert: ReturnType<TestIntake['pki']['issue']>;
let serverNow = new Date('2026-06-10T02:00:00Z');
let desk: Drafting;
const figures = new Map<string, ReportIndicator[]>();
const packages = new Map<string, TestPackage>();
const clients = new Map<string, IntakeClient>();

const call = <T>(name: Parameters<Drafting['clerk']>[0], input: unknown) =>
  desk.clerk(name, input).then((r) => expectOk<T>(r));

/** What each consolidation kind must give, computed straight from the generated figures. */
function expected(code: string, counted: ReadonlySet<string>) {
  const ind = catalog.indicators.find((i) => i.code === code)!;
  const rule = ind.consolidation;
  const owners = depts.filter((d) => ind.appliesTo.includes(d.agencyType));
  const reporters =
    rule.method === 'lead_only' ? owners.filter((d) => rule.reportedBy.includes(d.agencyType)) : owners;
  const valuesOf = (d: TestDepartment, m: string) =>
    counted.has(d.code)
      ? figures
          .get(d.code)
          ?.find((i) => i.code === code)
          ?.values.find((v) => v.measure === m)
      : undefined;
  return ind.measures.map((m) => {
    if (rule.method === 'units_reached') {
      const yes = reporters.filter((d) => valuesOf(d, m.code)?.done === true).length;
      return { numerator: yes, denominator: reporters.length };
    }
    if (m.kind === 'ratio') {
      let num = 0;
      let den = 0;
      let any = false;
      for (const d of reporters) {
        const v = valuesOf(d, m.code);
        if (v && v.numerator !== null && v.denominator !== null) {
          num += v.numerator;
          den += v.denominator;
          any = true;
        }
      }
      // Nobody who reports it sent a figure (no Báo và PT-TH among these departments): no figure.
      return any ? { numerator: num, denominator: den } : { numerator: null, denominator: null };
    }
    let sum: number | null = null;
    for (const d of reporters) {
      const n = valuesOf(d, m.code)?.count;
      if (n !== null && n !== undefined) sum = (sum ?? 0) + n;
    }
    return { count: sum };
  });
}

function checkAll(c: Consolidation, counted: ReadonlySet<string>) {
  const kinds = new Set<string>();
  for (const ind of c.indicators) {
    kinds.add(ind.method);
    const want = expected(ind.code, counted);
    ind.measures.forEach((m, i) => {
      const w = want[i]!;
      if ('count' in w) expect(m.value, `${ind.code}/${m.measure}`).toBe(w.count);
      else {
        expect([m.numerator, m.denominator], `${ind.code}/${m.measure}`).toEqual([
          w.numerator,
          w.denominator,
        ]);
        if (w.numerator === null || !w.denominator) expect(m.value).toBeNull();
        else expect(m.value!).toBeCloseTo((w.numerator / w.denominator) * 100, 9);
      }
    });
  }
  // Every kind the catalog uses was exercised.
  expect([...kinds].sort()).toEqual(['lead_only', 'ratio_of_sums', 'sum', 'units_reached']);
}

beforeAll(async () => {
  intake = await startTestIntake({
    clock: () => serverNow,
    rateLimits: { enrol: { max: 10_000, timeWindow: 60_000 } },
  });
  cert = intake.pki.issue('dept', 'Cơ quan thử nghiệm tỉnh Bắc Ninh');
  const rnd = seededRandom(12);
  for (const d of depts) {
    clients.set(d.code, (await intake.enrolOrg(d.code, d.name, d.agencyType)).client);
    figures.set(d.code, randomIndicators(catalog, d.agencyType, rnd));
  }
  for (const d of depts) {
    if (NOT_SENT.has(d.code)) continue;
    serverNow = new Date(LATE.has(d.code) ? '2026-06-20T02:00:00Z' : '2026-06-10T02:00:00Z');
    const pkg = await reportPackage(catalog, d, figures.get(d.code)!, cert);
    const r = await clients
      .get(d.code)!
      .uploadPackage({ manifest: pkg.manifestBytes, signature: pkg.signature, files: pkg.files });
    if (!r.ok) throw new Error(`${d.code}: ${r.failure.message}`);
    packages.set(d.code, pkg);
  }
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
  serverNow = new Date('2026-07-01T02:00:00Z');
  desk = await setUpDrafting({ clock: manualClock('2026-07-01T02:00:00Z').clock });
  await call('sokhcn.login', { serverUrl: intake.url, username: 'ntlan', password: 'MatKhau-CanBo-2026' });
}, 900_000);
afterAll(async () => {
  desk?.services.close();
  await intake?.close();
});

describe('Sở KH&CN over 200 departments', () => {
  it('knows who sent on time, late, and not at all', async () => {
    const o = await call<Overview>('sokhcn.overview', {
      periodKey: 'semiannual-2026',
      agencyType: null,
      state: null,
    });
    expect(o.summary.expected).toBe(200);
    expect(o.summary.notSent).toBe(NOT_SENT.size);
    expect(o.summary.late).toBe([...LATE].filter((c) => !NOT_SENT.has(c)).length);
    expect(o.summary.onTime).toBe(200 - NOT_SENT.size - o.summary.late);
    expect(o.summary.onTimeRate).toBeCloseTo(o.summary.onTime / 200, 12);
    const late = o.rows.find((r) => r.code === [...LATE].find((c) => !NOT_SENT.has(c)))!;
    expect(late).toMatchObject({ state: 'gui_muon', daysLate: 6, timeliness: 'Gửi muộn 6 ngày' });
    const communes = await call<Overview>('sokhcn.overview', {
      periodKey: 'semiannual-2026',
      agencyType: 'ubnd_xa_phuong',
      state: 'chua_gui',
    });
    expect(communes.rows.every((r) => r.agencyType === 'ubnd_xa_phuong' && r.state === 'chua_gui')).toBe(
      true,
    );
    expect(communes.rows.length).toBe(
      depts.filter((d) => NOT_SENT.has(d.code) && d.agencyType === 'ubnd_xa_phuong').length,
    );
    // Vietnamese order of names.
    const names = o.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  });

  it('consolidates every kind of indicator exactly as the sums say', async () => {
    const sent = new Set(packages.keys());
    const c = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    expect(c.counted).toEqual({ accepted: 0, received: sent.size });
    checkAll(c, sent);
    const ct09 = c.indicators.find((i) => i.code === 'CT09')!;
    expect(ct09.overlap?.byType.map((t) => t.agencyType)).toEqual(['van_phong_ubnd_tinh', 'ubnd_xa_phuong']);
    const ct01 = c.indicators.find((i) => i.code === 'CT01')!;
    expect(ct01.missing.map((m) => m.code).sort()).toEqual(
      depts
        .filter((d) => NOT_SENT.has(d.code) && catalog.indicators[0]!.appliesTo.includes(d.agencyType))
        .map((d) => d.code)
        .sort(),
    );
    // Only accepted: nothing yet.
    const accepted = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'semiannual-2026',
      acceptedOnly: true,
    });
    expect(accepted.counted).toEqual({ accepted: 0, received: 0 });
  });

  it('a returned report reaches its department, drops out, and its correction takes its place', async () => {
    const original = packages.get(RETURNED)!;
    const status = await call<{ status: string }>('sokhcn.decide', {
      packageId: original.manifest.packageId,
      decision: 'returned',
      reason: 'Số liệu chỉ tiêu CT02 chưa khớp với biểu tổng hợp',
    });
    expect(status.status).toBe('returned');
    const seen = await clients.get(RETURNED)!.fetchStatus();
    if (!seen.ok) throw new Error(seen.failure.message);
    expect(seen.value.packages[0]).toMatchObject({
      status: 'returned',
      statusReason: 'Số liệu chỉ tiêu CT02 chưa khớp với biểu tổng hợp',
    });
    const without = new Set([...packages.keys()].filter((c) => c !== RETURNED));
    checkAll(
      await call<Consolidation>('sokhcn.consolidation', {
        periodKey: 'semiannual-2026',
        acceptedOnly: false,
      }),
      without,
    );

    // The department corrects and sends again, naming the report it replaces.
    const rnd = seededRandom(99);
    const dept = depts.find((d) => d.code === RETURNED)!;
    figures.set(RETURNED, randomIndicators(catalog, dept.agencyType, rnd));
    const correction = await reportPackage(catalog, dept, figures.get(RETURNED)!, cert, {
      packageId: original.manifest.packageId,
      reason: 'Sửa số liệu CT02 theo yêu cầu của Sở KH&CN',
    });
    const up = await clients.get(RETURNED)!.uploadPackage({
      manifest: correction.manifestBytes,
      signature: correction.signature,
      files: correction.files,
    });
    if (!up.ok) expect.fail(up.failure.message);
    const o = await call<Overview>('sokhcn.overview', {
      periodKey: 'semiannual-2026',
      agencyType: null,
      state: null,
    });
    const row = o.rows.find((r) => r.code === RETURNED)!;
    expect(row.state).toBe('ban_sua_doi');
    expect(row.current?.packageId).toBe(correction.manifest.packageId);
    expect(row.current?.replaces?.packageId).toBe(original.manifest.packageId);
    expect(row.packages.map((p) => p.status)).toEqual(['returned', 'received']);
    checkAll(
      await call<Consolidation>('sokhcn.consolidation', {
        periodKey: 'semiannual-2026',
        acceptedOnly: false,
      }),
      new Set(packages.keys()),
    );

    // Accepting a few: "only accepted" counts exactly those.
    const some = [RETURNED, 'SKHCN', 'SGDDT', 'XA0010'];
    for (const code of some) {
      const id = code === RETURNED ? correction.manifest.packageId : packages.get(code)!.manifest.packageId;
      await call('sokhcn.decide', { packageId: id, decision: 'accepted' });
    }
    const acc = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'semiannual-2026',
      acceptedOnly: true,
    });
    expect(acc.counted).toEqual({ accepted: some.length, received: 0 });
    checkAll(acc, new Set(some));
  });

  it('creates the consolidated report as Sở KH&CN’s own report of the period, pre-filled', async () => {
    const r = await call<{ id: string; created: boolean }>('sokhcn.createConsolidatedReport', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    expect(r.created).toBe(true);
    const doc = await call<MethodOutput<'reports.get'>>('reports.get', { id: r.id });
    expect(doc.meta.status).toBe('draft');
    expect(doc.content.sections.results.text).toContain('Số đơn vị phải gửi: 200');
    const c = await call<Consolidation>('sokhcn.consolidation', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    const ct02 = c.indicators.find((i) => i.code === 'CT02')!.measures[0]!;
    expect(doc.content.indicators.find((i) => i.code === 'CT02')!.values[0]).toMatchObject({
      numerator: ct02.numerator,
      denominator: ct02.denominator,
    });
    // The document's appendix is the province's table of all the plan's indicators (issue 12).
    const province = doc.content.province!;
    expect(province.rows.map((row) => row.code)).toEqual(catalog.indicators.map((i) => i.code));
    for (const ind of c.indicators) {
      const row = province.rows.find((x) => x.code === ind.code)!;
      expect([row.contributed, row.expected], ind.code).toEqual([ind.contributed, ind.expected]);
      expect(row.missing.length, ind.code).toBe(ind.missing.length);
      expect(row.accepted + row.received, ind.code).toBe(ind.departments.filter((d) => d.counted).length);
    }
    expect(province.rows.find((x) => x.code === 'CT02')!.figure).toContain(
      `(${ct02.numerator}/${ct02.denominator})`,
    );
    const JSZip = (await import('jszip')).default;
    const word = await call<{ dataBase64: string }>('documents.renderDocx', { id: r.id });
    const xml = await (
      await JSZip.loadAsync(Buffer.from(word.dataBase64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    const plain = xml.replaceAll('<w:noBreakHyphen/>', '-').replace(/<[^>]+>/g, ' ');
    expect(plain).toContain('KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TOÀN TỈNH NĂM 2026');
    for (const ind of catalog.indicators) expect(plain, ind.code).toContain(`${ind.code}.`);
    const xlsx = await call<{ dataBase64: string }>('spreadsheets.export', { id: r.id, what: 'document' });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Toàn tỉnh')!;
    const codes = sheet
      .getColumn(1)
      .values.filter((v): v is string => typeof v === 'string' && /^CT\d{2}$/.test(v));
    expect(codes).toEqual(catalog.indicators.map((i) => i.code));
    if (has('pdftotext')) {
      const pdf = await call<{ dataBase64: string }>('documents.renderPdf', { id: r.id });
      const file = path.join(os.tmpdir(), `tong-hop-${r.id}.pdf`);
      fs.writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
      try {
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        for (const ind of catalog.indicators) expect(text, ind.code).toContain(`${ind.code}.`);
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
    // Again: the same draft is filled again, not a second report.
    const again = await call<{ id: string; created: boolean }>('sokhcn.createConsolidatedReport', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
    });
    expect(again).toEqual({ id: r.id, created: false });
  });

  it('exports the late list and the consolidated table as .xlsx', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const late = await call<{ dataBase64: string }>('sokhcn.lateListXlsx', { periodKey: 'semiannual-2026' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(late.dataBase64, 'base64') as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(2).values.filter((v): v is string => typeof v === 'string');
    const notSentName = depts.find((d) => NOT_SENT.has(d.code))!.name;
    expect(names).toContain(notSentName);
    const table = await call<{ dataBase64: string }>('sokhcn.consolidationXlsx', {
      periodKey: 'semiannual-2026',
      acceptedOnly: false,
      charts: [],
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(table.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị']);
    expect(wb2.worksheets[0]!.rowCount).toBe(4 + catalog.indicators.length);
  });
});
