import { describe, expect, it } from 'vitest';
import { buildReportTemplate } from '../../../electron/services/spreadsheets/importTemplate.ts';
import { planReportImport } from '../../../electron/services/spreadsheets/importReport.ts';
import { readWorkbook } from '../../../electron/services/spreadsheets/readWorkbook.ts';
import { newReportContent } from '../../../shared/domain/reports/newReport.ts';
import { periodFor } from '../../../shared/domain/periods/reportPeriods.ts';
import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import { realCatalog } from '../helpers/drafts.ts';
import { orgInput } from '../helpers/setup.ts';
import { organizationSchema } from '../../../shared/domain/organization/schemas.ts';
import { loadXlsx, rowOf, xlsxBytes } from './fixtures.ts';

/** The real plan: CT01's two requirements are each a yes/no measure (rows CT01-1 and CT01-2). */
async function setUp() {
  const catalog: Catalog = realCatalog();
  const period = periodFor('semiannual', 2026, null, {
    periodicDeadlines: catalog.reporting.periodicDeadlines,
  });
  const content = newReportContent(catalog, 'so_khcn', period, null);
  const org = organizationSchema.parse(orgInput({ agencyType: 'so_khcn', planId: catalog.id }));
  const template = await buildReportTemplate({ org, catalog, content });
  return { catalog, content, template };
}

describe('yes/no measures in the template and the import', () => {
  it('offers Có/Không as a list, unlocks only that input, and reads the answer back', async () => {
    const { catalog, content, template } = await setUp();
    const ws = template.getWorksheet('Chỉ tiêu')!;
    const r = rowOf(ws, 'CT01-1');
    expect(ws.getCell(`J${r}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(ws.getCell(`J${r}`).protection).toEqual({ locked: false });
    expect(ws.getCell(`F${r}`).protection?.locked).not.toBe(false);

    const wb = await loadXlsx(await xlsxBytes(template));
    wb.getWorksheet('Chỉ tiêu')!.getCell(`J${r}`).value = ' có ';
    const plan = planReportImport(await readWorkbook('mau.xlsx', await xlsxBytes(wb)), content, catalog);
    expect(plan.problems).toEqual([]);
    expect(plan.changes).toEqual([
      { row: r, label: 'Chỉ tiêu 1.1 – Đã thực hiện', before: '(trống)', after: 'Có' },
    ]);
    expect(plan.content.indicators.find((i) => i.code === 'CT01')!.values[0]!.done).toBe(true);
    // The dry run never touches the content it was given.
    expect(content.indicators.find((i) => i.code === 'CT01')!.values[0]!.done).toBeNull();
  });

  it('refuses an answer that is neither Có nor Không', async () => {
    const { catalog, content, template } = await setUp();
    const ws = template.getWorksheet('Chỉ tiêu')!;
    const r = rowOf(ws, 'CT01-1');
    ws.getCell(`J${r}`).value = 'Chắc là có';
    const plan = planReportImport(
      await readWorkbook('mau.xlsx', await xlsxBytes(template)),
      content,
      catalog,
    );
    expect(plan.problems).toEqual([
      {
        row: r,
        column: 'J – Đã thực hiện (trang Chỉ tiêu)',
        value: 'Chắc là có',
        reason: 'phải là "Có" hoặc "Không"',
      },
    ]);
  });
});
