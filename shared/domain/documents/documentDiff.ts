import type { Catalog } from '../catalog/schema.ts';
import type { PlanContent } from '../plans/planContent.ts';
import type { ReportContent } from '../reports/reportContent.ts';

export interface TextPiece {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** One change between two versions, described for a person: what, where, before and after. */
export interface Change {
  area: 'indicator' | 'task' | 'section' | 'activity' | 'period';
  /** "Chỉ tiêu 2 – Tử số", "Nhiệm vụ III.1.a.3 – Trạng thái", "II. Tồn tại, hạn chế…" */
  label: string;
  before: string;
  after: string;
  /** Word-level diff for long texts, so a reader sees what was reworded. */
  pieces?: TextPiece[];
}

/** Word-level diff (LCS over words and whitespace). */
export function diffText(before: string, after: string): TextPiece[] {
  throw new Error('not implemented');
}

export function diffReports(before: ReportContent, after: ReportContent, catalog: Catalog): Change[] {
  throw new Error('not implemented');
}

export function diffPlans(before: PlanContent, after: PlanContent, catalog: Catalog): Change[] {
  throw new Error('not implemented');
}
