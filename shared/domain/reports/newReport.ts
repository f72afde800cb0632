import type { Catalog } from '../catalog/schema.ts';
import type { ReportPeriod } from '../periods/reportPeriods.ts';
import type { PlanContent } from '../plans/planContent.ts';
import type { ReportContent } from './reportContent.ts';

/**
 * A blank report for the period: every indicator that applies to the agency type (one empty value
 * per measure), every task of the department's plan (or of the catalog if no plan yet; tasks the
 * plan marks "không áp dụng" start with that status), empty sections.
 */
export function newReportContent(
  catalog: Catalog,
  agencyType: string,
  period: ReportPeriod,
  plan: PlanContent | null,
): ReportContent {
  throw new Error('not implemented');
}

/**
 * "Tạo từ kỳ trước": values and texts copied from `previous`, each marked carriedOver until the
 * clerk edits it; indicators or tasks that no longer apply are dropped, new ones start blank.
 */
export function carryOverReport(fresh: ReportContent, previous: ReportContent): ReportContent {
  throw new Error('not implemented');
}
