import type { MethodOutput } from '../../shared/api.ts';
import { transitions, type WorkflowAction } from '../../shared/domain/workflow/transitions.ts';
import { formatPaddedDate } from '../../shared/domain/vietnameseDate.ts';

export type WorkflowView = MethodOutput<'workflow.get'>;
export type IssueView = WorkflowView['issues'][number];

/** "Trả lại để sửa", "Duyệt và ký": what the history says of each step. */
export const stepLabel = (action: WorkflowAction) => transitions[action].done;

/** "Số 01/BC-SKHCN ngày 05/02/2026" */
export const issueLabel = (i: { number: string; issuedOn: string }) =>
  `Số ${i.number} ngày ${formatPaddedDate(i.issuedOn)}`;

export const fileRoleLabels: Record<IssueView['files'][number]['role'], string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  document: 'Dữ liệu (JSON)',
  attachment: 'tệp minh chứng',
  manifest: 'tệp kê khai',
  'manifest-signature': 'chữ ký tệp kê khai',
};
