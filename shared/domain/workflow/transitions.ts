import { z } from 'zod';
import { documentStatusLabels, type DocumentStatus } from '../documents/documentMeta.ts';
import {
  hasPermission,
  permissionLabels,
  roleLabels,
  rolesWith,
  type Permission,
  type Role,
} from '../organization/roles.ts';

/**
 * The department's approval chain (Nghị định 30/2020, Điều 13–17) as ONE table: every change of a
 * document's status is one of these actions, from one of its `from` states, by a holder of its
 * permission. The services enforce it in the same transaction as the change, and a database
 * trigger refuses any status change outside the pairs listed here (migration 0004).
 */
export const workflowActionSchema = z.enum(['submit', 'withdraw', 'return', 'approve', 'issue', 'amend']);
export type WorkflowAction = z.infer<typeof workflowActionSchema>;

export interface TransitionRule {
  from: readonly DocumentStatus[];
  to: DocumentStatus;
  permission: Permission;
  /** A reason a person can read later is required: why it was returned, why it is amended. */
  reasonRequired: boolean;
  /** Takes the next number of the register and the issue date. */
  assignsNumber: boolean;
  /** The button, as the user sees it. */
  label: string;
  /** What the audit trail and the history say happened. */
  done: string;
}

export const transitions: Record<WorkflowAction, TransitionRule> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    permission: 'drafts.edit',
    reasonRequired: false,
    assignsNumber: false,
    label: 'Gửi duyệt',
    done: 'Gửi duyệt',
  },
  withdraw: {
    from: ['submitted'],
    to: 'draft',
    permission: 'drafts.edit',
    reasonRequired: false,
    assignsNumber: false,
    label: 'Rút lại',
    done: 'Rút lại để sửa',
  },
  return: {
    // An approved document not yet issued can still go back: the văn thư may find a mistake.
    from: ['submitted', 'approved'],
    to: 'returned',
    permission: 'documents.approve',
    reasonRequired: true,
    assignsNumber: false,
    label: 'Trả lại',
    done: 'Trả lại để sửa',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    permission: 'documents.approve',
    reasonRequired: false,
    assignsNumber: false,
    label: 'Duyệt và ký',
    done: 'Duyệt và ký',
  },
  issue: {
    from: ['approved'],
    to: 'issued',
    permission: 'documents.issue',
    reasonRequired: false,
    assignsNumber: true,
    label: 'Ban hành',
    done: 'Cấp số và ban hành',
  },
  amend: {
    from: ['issued'],
    to: 'draft',
    permission: 'drafts.edit',
    reasonRequired: true,
    assignsNumber: false,
    label: 'Tạo bản sửa đổi',
    done: 'Tạo bản sửa đổi',
  },
};

export const workflowActions = workflowActionSchema.options;

/** Every (from, to) status pair the table allows: what the database trigger lets through. */
export function allowedStatusPairs(): [DocumentStatus, DocumentStatus][] {
  const pairs = new Map<string, [DocumentStatus, DocumentStatus]>();
  for (const action of workflowActions) {
    const rule = transitions[action];
    for (const from of rule.from) pairs.set(`${from}>${rule.to}`, [from, rule.to]);
  }
  return [...pairs.values()];
}

/** The actions `roles` may take on a document in `status`, in the table's order. */
export function allowedActions(status: DocumentStatus, roles: readonly Role[]): WorkflowAction[] {
  return workflowActions.filter(
    (a) => transitions[a].from.includes(status) && hasPermission(roles, transitions[a].permission),
  );
}

const roleNames = (permission: Permission) =>
  rolesWith(permission)
    .map((r) => roleLabels[r])
    .join(' hoặc ');

/** "Gửi duyệt (Chuyên viên hoặc Lãnh đạo), Rút lại (…)": what can happen to a document now. */
function whatIsAllowed(status: DocumentStatus): string {
  const possible = workflowActions.filter((a) => transitions[a].from.includes(status));
  if (possible.length === 0) return 'không có thao tác nào';
  return possible.map((a) => `${transitions[a].label} (${roleNames(transitions[a].permission)})`).join(', ');
}

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; message: string };

/**
 * Whether `roles` may take `action` on a document in `status`; if not, a Vietnamese sentence that
 * says why and what is allowed now, whatever the UI showed.
 */
export function checkTransition(
  action: WorkflowAction,
  status: DocumentStatus,
  roles: readonly Role[],
): TransitionCheck {
  const rule = transitions[action];
  const state = documentStatusLabels[status];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      message: `Không thể "${rule.label}": văn bản đang ở trạng thái "${state}". Lúc này chỉ có thể: ${whatIsAllowed(status)}.`,
    };
  }
  if (!hasPermission(roles, rule.permission)) {
    const mine = allowedActions(status, roles).map((a) => transitions[a].label);
    return {
      ok: false,
      message:
        `"${rule.label}" cần quyền ${permissionLabels[rule.permission]} (${roleNames(rule.permission)}). ` +
        (mine.length
          ? `Với văn bản "${state}" này, bạn có thể: ${mine.join(', ')}.`
          : `Với văn bản "${state}" này, tài khoản của bạn không có thao tác nào.`),
    };
  }
  return { ok: true, rule };
}

/**
 * A head may not approve a document they drafted themselves (created or sent for approval), unless
 * the department has said it has a single head. Returns the refusal, or null.
 */
export function selfApprovalProblem(
  approverId: string,
  drafters: readonly string[],
  singleHead: boolean,
): string | null {
  if (singleHead || !drafters.includes(approverId)) return null;
  return (
    'Lãnh đạo không tự duyệt văn bản do chính mình soạn hoặc gửi duyệt. Hãy để lãnh đạo khác duyệt, ' +
    'hoặc quản trị bật "Cơ quan chỉ có một lãnh đạo" trong Thông tin cơ quan.'
  );
}
