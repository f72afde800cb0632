import type { Catalog } from '../../../shared/domain/catalog/schema.ts';
import type { Organization } from '../../../shared/domain/organization/schemas.ts';
import type { PlanContent } from '../../../shared/domain/plans/planContent.ts';
import type { ReportContent } from '../../../shared/domain/reports/reportContent.ts';
import { buildPlanWorkbook, planFileName } from './exportPlan.ts';
import { buildReportWorkbook, reportFileName } from './exportReport.ts';
import { XLSX_MIME } from './sheetStyle.ts';

export type WorkbookDocument =
  { kind: 'plan'; content: PlanContent } | { kind: 'report'; content: ReportContent };

/**
 * The formatted Excel appendix of a plan or a report ("Xuất Excel"), as bytes: what the editor
 * exports and what issuing freezes beside the .docx.
 */
export async function renderDocumentWorkbook(
  org: Organization,
  catalog: Catalog,
  doc: WorkbookDocument,
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const wb =
    doc.kind === 'plan'
      ? buildPlanWorkbook(org, catalog, doc.content)
      : buildReportWorkbook({ org, catalog, content: doc.content });
  const fileName =
    doc.kind === 'plan' ? planFileName(org, catalog) : reportFileName(org, doc.content.period, false);
  return { fileName, mime: XLSX_MIME, bytes: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
}
