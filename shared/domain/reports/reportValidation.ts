import type { Catalog } from '../catalog/schema.ts';
import type { PlanContent } from '../plans/planContent.ts';
import type { ReportContent } from './reportContent.ts';

/**
 * `error`: the value is wrong and is not stored (numerator > denominator, bad URL…).
 * `incomplete`: fine to save, but the report cannot be sent for approval yet.
 */
export interface ValidationIssue {
  severity: 'error' | 'incomplete';
  /** Where, for the UI to put the message next to the field: ['indicators', 'CT02', 'numerator']. */
  path: (string | number)[];
  /** Vietnamese, naming the field: "Chỉ tiêu 2 – Số được tuyên truyền: không được lớn hơn tổng số (120 > 100)". */
  message: string;
}

export function validateReport(content: ReportContent, catalog: Catalog): ValidationIssue[] {
  throw new Error('not implemented');
}

export function validatePlan(content: PlanContent, catalog: Catalog): ValidationIssue[] {
  throw new Error('not implemented');
}
