import { describe, expect, it } from 'vitest';
import { buildReportTemplate } from '../../../electron/services/spreadsheets/importTemplate.ts';
import { planReportImport } from '../../../electron/services/spreadsheets/importReport.ts';
import { readWorkbook } from '../../../electron/services/spreadsheets/readWorkbook.ts';
import { newReportContent } from '../../../shared/domain/reports/newReport.ts';
import { adhocPeriod, periodFor } from '../../../shared/domain/periods/reportPeriods.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { ReportPeriod } from '../../../shared/domain/periods/reportPeriods.ts';
import { organizationSchema } from '../../../shared/domain/organization/schemas.ts';
import { realCatalog } from '../helpers/drafts.ts';
import { orgInput } from '../helpers/setup.ts';
import { loadXlsx, rowOf, xlsxBytes } from './fixtures.ts';

const catalog: Catalog = realCatalog();
const rules = { periodicDeadlines: catalog.reporting.periodicDeadlines };
const org = organizationSchema.parse(orgInput({ agencyType: 'so_khcn', planId: catalog.id }));
const reportOf = (period: ReportPeriod) => newReportContent(catalog, 'so_khcn', period, null);

async function templateOf(period: ReportPeriod) {
  const wb = await buildReportTemplate({ org, catalog, content: reportOf(period) });
  return loadXlsx(await xlsxBytes(wb));
}
const read = async (wb: Awaited<ReturnType<typeof templateOf>>) =>
  readWorkbook('mau.xlsx', await xlsxBytes(wb));

describe('the dry run of an Excel import', () => {
  it('lists a row with a problem under problems only, and a clean row as changes', async () => {
    const period = periodFor('semiannual', 2026, null, rules);
    const wb = await templateOf(period);
    const ws = wb.getWorksheet('Chỉ tiêu')!;
    const bad = rowOf(ws, 'CT02');
    const good = rowOf(ws, 'CT01-1');
    ws.getCell(`F${bad}`).value = 130; // Số đạt được > Tổng số
    ws.getCell(`G${bad}`).value = 100;
    ws.getCell(`J${good}`).value = 'Có';
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    const taskRow = tasks.getColumn(2).values.findIndex((v) => typeof v === 'string' && /^[IVX]+\./.test(v));
    tasks.getCell(`D${taskRow}`).value = 'Đang làm dở'; // not a status
    tasks.getCell(`E${taskRow}`).value = 'Đã tổ chức 2 lớp tập huấn';

    const plan = planReportImport(await read(wb), reportOf(period), catalog);
    expect(plan.problems.map((p) => p.row).sort()).toEqual([bad, taskRow].sort());
    expect(plan.changes).toEqual([
      { row: good, label: 'Chỉ tiêu 1.1 – Đã thực hiện', before: '(trống)', after: 'Có' },
    ]);
  });

  it('refuses a template exported from another report, naming both periods', async () => {
    const half = periodFor('semiannual', 2026, null, rules);
    const year = periodFor('annual', 2026, null, rules);
    const wb = await templateOf(half);
    wb.getWorksheet('Chỉ tiêu')!.getCell(`J${rowOf(wb.getWorksheet('Chỉ tiêu')!, 'CT01-1')}`).value = 'Có';

    const refused = planReportImport(await read(wb), reportOf(year), catalog);
    expect(refused.changes).toEqual([]);
    expect(refused.problems).toHaveLength(1);
    expect(refused.problems[0]!.reason).toBe(
      'Tệp mẫu này xuất từ báo cáo 6 tháng đầu năm 2026, không phải báo cáo năm 2026 đang mở; hãy tải mẫu nhập của báo cáo đang mở',
    );
    // The same file into its own report is read as usual.
    const own = planReportImport(await read(wb), reportOf(half), catalog);
    expect(own.problems).toEqual([]);
    expect(own.changes).toHaveLength(1);
  });

  it('tells two ad hoc reports of the same title apart by their dates', async () => {
    const a = adhocPeriod('Báo cáo chuyển đổi số', '2026-03-10', '2026-01-01', '2026-02-28');
    const b = adhocPeriod('Báo cáo chuyển đổi số', '2026-04-10', '2026-03-01', '2026-03-31');
    const plan = planReportImport(await read(await templateOf(a)), reportOf(b), catalog);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]!.reason).toContain('báo cáo "Báo cáo chuyển đổi số" (thời gian báo cáo: từ ngày');
    expect(plan.problems[0]!.reason).toContain('01/01/2026');
    expect(plan.problems[0]!.reason).toContain('đến ngày 31/3/2026');
  });

  it('does not judge a sheet whose title lines were removed', async () => {
    const year = periodFor('annual', 2026, null, rules);
    const wb = await templateOf(periodFor('semiannual', 2026, null, rules));
    for (const ws of wb.worksheets) for (const r of [1, 2, 3]) ws.getCell(`A${r}`).value = null;
    const plan = planReportImport(await read(wb), reportOf(year), catalog);
    expect(plan.problems).toEqual([]);
  });
});
