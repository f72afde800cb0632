import { describe, expect, it } from 'vitest';
import { documentStatusSchema, type DocumentStatus } from '../../../shared/domain/documents/documentMeta.ts';
import { roleSchema, type Role } from '../../../shared/domain/organization/roles.ts';
import {
  allowedActions,
  allowedStatusPairs,
  checkTransition,
  selfApprovalProblem,
  workflowActions,
  type WorkflowAction,
} from '../../../shared/domain/workflow/transitions.ts';

/**
 * The chain as issue 8 and Nghị định 30/2020 (Điều 13–17) describe it, written out cell by cell
 * independently of the table: who may do what from which state.
 */
const SPEC: [WorkflowAction, DocumentStatus, Role[], DocumentStatus][] = [
  ['submit', 'draft', ['chuyen_vien', 'lanh_dao'], 'submitted'],
  ['submit', 'returned', ['chuyen_vien', 'lanh_dao'], 'submitted'],
  ['withdraw', 'submitted', ['chuyen_vien', 'lanh_dao'], 'draft'],
  ['return', 'submitted', ['lanh_dao'], 'returned'],
  ['return', 'approved', ['lanh_dao'], 'returned'],
  ['approve', 'submitted', ['lanh_dao'], 'approved'],
  ['issue', 'approved', ['van_thu'], 'issued'],
  ['amend', 'issued', ['chuyen_vien', 'lanh_dao'], 'draft'],
];

const statuses = documentStatusSchema.options;
const roles = roleSchema.options;

describe('the workflow table', () => {
  it('allows exactly the cells of the specification, for every action, state and role', () => {
    for (const action of workflowActions) {
      for (const status of statuses) {
        for (const role of roles) {
          const spec = SPEC.find(([a, s]) => a === action && s === status);
          const expected = Boolean(spec?.[2].includes(role));
          const r = checkTransition(action, status, [role]);
          expect(r.ok, `${action} from ${status} by ${role}`).toBe(expected);
          if (r.ok) expect(r.rule.to).toBe(spec![3]);
        }
      }
    }
  });

  it('a refusal says, in Vietnamese, why and what is possible now', () => {
    const state = checkTransition('approve', 'draft', ['lanh_dao']);
    expect(state).toEqual({
      ok: false,
      message:
        'Không thể "Duyệt và ký": văn bản đang ở trạng thái "Đang soạn". Lúc này chỉ có thể: Gửi duyệt (Chuyên viên hoặc Lãnh đạo).',
    });
    const role = checkTransition('issue', 'approved', ['chuyen_vien']);
    expect(role.ok).toBe(false);
    if (!role.ok) {
      expect(role.message).toContain('cần quyền cấp số và ban hành văn bản (Văn thư)');
      expect(role.message).toContain('tài khoản của bạn không có thao tác nào');
    }
    const issued = checkTransition('submit', 'issued', ['chuyen_vien']);
    if (!issued.ok) expect(issued.message).toContain('Lúc này chỉ có thể: Tạo bản sửa đổi');
  });

  it('one person with several roles gets the union of what each may do', () => {
    expect(allowedActions('approved', ['van_thu', 'lanh_dao'])).toEqual(['return', 'issue']);
    expect(allowedActions('submitted', ['chuyen_vien'])).toEqual(['withdraw']);
    expect(allowedActions('issued', ['quan_tri'])).toEqual([]);
  });

  it('lists the status pairs the database guard lets through', () => {
    expect(
      allowedStatusPairs()
        .map(([a, b]) => `${a}>${b}`)
        .sort(),
    ).toEqual([...new Set(SPEC.map(([, from, , to]) => `${from}>${to}`))].sort());
  });

  it('a head may not approve what they drafted, unless the department has a single head', () => {
    expect(selfApprovalProblem('h1', ['c1', 'h1'], false)).toMatch(/không tự duyệt/);
    expect(selfApprovalProblem('h1', ['c1', 'h1'], true)).toBeNull();
    expect(selfApprovalProblem('h2', ['c1', 'h1'], false)).toBeNull();
  });
});
