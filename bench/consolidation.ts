import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../electron/services/catalog/loadCatalog.ts';
import { defaultResourcesDir } from '../electron/services/index.ts';
import { consolidate } from '../shared/domain/sokhcn/consolidation.ts';
import { countedContributions } from '../shared/domain/sokhcn/counting.ts';
import { dutyByKey } from '../shared/domain/sokhcn/duties.ts';
import { submissionOverview, type FollowedOrganization } from '../shared/domain/sokhcn/submissions.ts';
import { officerContentsSchema, officerOrganizationsSchema, okEnvelope } from '../shared/intake/schemas.ts';
import { randomIndicators, seededRandom, testDepartments } from '../tests/support/sokhcnReports.ts';
import { median, mib } from './support.ts';

/**
 * Sở KH&CN's consolidation for 200 and 2,000 departments: what the desktop does with the officer
 * API's two answers (the departments with their packages, the figures inside them) — parse and
 * check them with the shared schemas, work out who sent what and when, pick the packages that
 * count and add up all 15 indicators by their catalog rule. The answers are built as the server
 * sends them (JSON text), so the parse is measured too; the network and the server's reading of
 * 2,000 files are not (tests/integration/sokhcn runs those for 200).
 */

function answers(n: number) {
  const catalog = loadCatalogFile(path.join(defaultResourcesDir(), 'plans', '34-KH-UBND-2025.json'));
  const duty = dutyByKey(catalog, 'semiannual-2026')!;
  const rnd = seededRandom(n);
  const orgs: FollowedOrganization[] = [];
  const contents = [];
  for (const d of testDepartments(n)) {
    const packageId = randomUUID();
    const sent = rnd() > 0.05;
    const status = {
      packageId,
      packageSha256: 'a'.repeat(64),
      organizationCode: d.code,
      receiptId: randomUUID(),
      receivedAt: rnd() > 0.1 ? '2026-06-10T02:00:00.000Z' : '2026-06-20T02:00:00.000Z',
      document: {
        kind: 'report' as const,
        catalogId: catalog.id,
        periodKey: duty.periodKey,
        period: duty.period,
        title: duty.title,
        number: `05/BC-${d.code.replace(/[^A-Z]/g, '') || 'X'}`,
        issuedOn: '2026-06-10',
        issueNo: 1,
      },
      replaces: null,
      replacedBy: [],
      status: rnd() > 0.5 ? ('accepted' as const) : ('received' as const),
      statusReason: null,
      statusAt: null,
    };
    orgs.push({
      ...d,
      active: true,
      devices: 1,
      certificate: null,
      packages: sent ? [status] : [],
    } as FollowedOrganization);
    if (sent)
      contents.push({
        packageId,
        organizationCode: d.code,
        kind: 'report',
        indicators: randomIndicators(catalog, d.agencyType, rnd),
        planTasks: null,
        problem: null,
      });
  }
  return {
    catalog,
    duty,
    orgsJson: JSON.stringify({ ok: true, value: { organizations: orgs } }),
    contentsJson: JSON.stringify({ ok: true, value: { packages: contents } }),
  };
}

function once(a: ReturnType<typeof answers>) {
  const t0 = performance.now();
  const orgs = okEnvelope(officerOrganizationsSchema).parse(JSON.parse(a.orgsJson)).value.organizations;
  const contents = okEnvelope(officerContentsSchema).parse(JSON.parse(a.contentsJson)).value.packages;
  const t1 = performance.now();
  const overview = submissionOverview(a.duty, orgs, '2026-07-01');
  const counted = countedContributions(overview.rows, contents, { acceptedOnly: false });
  const c = consolidate(a.catalog, a.duty.year, counted.units, counted.contributions);
  return { c, parseMs: t1 - t0, computeMs: performance.now() - t1 };
}

export async function consolidationBench(): Promise<string[]> {
  const lines: string[] = [];
  const results: { n: number; ms: number }[] = [];
  for (const n of [200, 2000]) {
    const a = answers(n);
    once(a); // warm-up: JIT, zod's compiled checks
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const times: number[] = [];
    const parse: number[] = [];
    const compute: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const { c, parseMs, computeMs } = once(a);
      times.push(performance.now() - t0);
      parse.push(parseMs);
      compute.push(computeMs);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (c.indicators.length !== 15) throw new Error('consolidation lost an indicator');
    }
    const ms = median(times);
    results.push({ n, ms });
    lines.push(
      `${n.toLocaleString('vi-VN')} đơn vị: ${ms.toFixed(1)} ms (trung vị 5 lần) = đọc và kiểm tra 2 câu trả lời ${mib(a.orgsJson.length + a.contentsJson.length)} JSON ${median(parse).toFixed(1)} ms + tình hình gửi và tổng hợp 15 chỉ tiêu ${median(compute).toFixed(1)} ms; heap tăng tối đa ${mib(Math.max(0, peak - heapBefore))}`,
    );
  }
  const [small, large] = results;
  lines.push(
    `tăng trưởng: ${(large!.ms / small!.ms).toFixed(1)} lần thời gian cho ${large!.n / small!.n} lần số đơn vị (tuyến tính là ${large!.n / small!.n})`,
  );
  return lines;
}
