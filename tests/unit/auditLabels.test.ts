import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  auditActionCodes,
  auditActionLabel,
  auditActionsOf,
  auditGroupKeys,
  auditGroups,
  auditSummary,
} from '../../shared/domain/audit/auditLabels.ts';
import { documentKindSchema } from '../../shared/domain/documents/documentMeta.ts';
import { workflowActions } from '../../shared/domain/workflow/transitions.ts';

const SERVICES = fileURLToPath(new URL('../../electron/services', import.meta.url));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Templates the services build action codes from, and every code each can produce. */
const TEMPLATES: Record<string, string[]> = {
  '${r.kind}s.save': documentKindSchema.options.map((k) => `${k}s.save`),
  'workflow.${r.action}': workflowActions.map((a) => `workflow.${a}`),
};

/** Every action code an `audit.append(user, 'code', …)` under electron/services writes. */
function appendedCodes(): { codes: Set<string>; unknownTemplates: string[] } {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  const call = /audit\.append\(\s*[^,]+,\s*(['`])([^'`]+)\1/g;
  for (const file of sources(SERVICES)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(call)) {
      const code = m[2]!;
      if (m[1] === '`' && code.includes('${')) {
        const expanded = TEMPLATES[code];
        if (expanded) expanded.forEach((c) => codes.add(c));
        else unknownTemplates.push(`${path.relative(SERVICES, file)}: ${code}`);
      } else codes.add(code);
    }
  }
  return { codes, unknownTemplates };
}

const VIETNAMESE = /[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

describe('every action the services record has a Vietnamese label', () => {
  const { codes, unknownTemplates } = appendedCodes();

  it('finds the appends (the scan itself works)', () => {
    expect(codes.size).toBeGreaterThanOrEqual(30);
    for (const c of ['drafts.delete', 'auth.login', 'auth.login.failed', 'users.create', 'workflow.approve'])
      expect(codes).toContain(c);
  });

  it('knows how to expand every action built from a template', () => {
    expect(unknownTemplates).toEqual([]);
  });

  it('labels each code in Vietnamese (NFC), in a group of the "Thao tác" filter', () => {
    const missing = [...codes].filter((c) => !auditActionCodes.includes(c));
    expect(missing, 'actions appended with no label in shared/domain/audit/auditLabels.ts').toEqual([]);
    for (const c of codes) {
      const label = auditActionLabel(c);
      expect(label).not.toBe(c);
      expect(label).toMatch(VIETNAMESE);
      expect(label.normalize('NFC')).toBe(label);
      expect(
        auditGroupKeys.some((g) => auditActionsOf(g).includes(c)),
        c,
      ).toBe(true);
    }
  });

  it('names every group in Vietnamese, and no group is empty', () => {
    for (const g of auditGroupKeys) {
      expect(auditGroups[g]).toMatch(VIETNAMESE);
      expect(auditActionsOf(g).length, g).toBeGreaterThan(0);
    }
  });

  it('falls back to the code, with no summary, for an action it does not know', () => {
    expect(auditActionLabel('moi.chua.co')).toBe('moi.chua.co');
    expect(auditSummary('moi.chua.co', { id: 'x' })).toBeNull();
  });
});

describe('the one-line summary of an entry', () => {
  it('a deleted draft report names it and its period', () => {
    expect(
      auditSummary('drafts.delete', {
        id: 'd1',
        kind: 'report',
        title: 'Báo cáo kết quả thực hiện Kế hoạch 34/KH-UBND 6 tháng đầu năm 2026',
        periodKey: 'semiannual-2026-1',
        period: { title: '6 tháng đầu năm 2026', from: '2025-12-15', to: '2026-06-14' },
        revision: 3,
      }),
    ).toBe('Xóa bản nháp báo cáo “Báo cáo kết quả thực hiện Kế hoạch 34/KH-UBND 6 tháng đầu năm 2026”');
    expect(auditSummary('drafts.delete', { kind: 'report', period: { title: '6 tháng đầu năm 2026' } })).toBe(
      'Xóa bản nháp báo cáo 6 tháng đầu năm 2026',
    );
  });

  it('document entries use the title the list found for the document', () => {
    expect(
      auditSummary(
        'reports.save',
        { id: 'd1', revision: 4, versionNo: 2 },
        { documentTitle: 'Báo cáo quý I' },
      ),
    ).toBe('Báo cáo quý I, phiên bản 2');
    expect(auditSummary('reports.create', { id: 'gone' }, { documentTitle: null })).toBeNull();
    expect(
      auditSummary(
        'workflow.return',
        { id: 'd1', kind: 'report', reason: 'Thiếu số liệu chỉ tiêu 3' },
        { documentTitle: 'Báo cáo quý I' },
      ),
    ).toBe('Báo cáo “Báo cáo quý I”, lý do: Thiếu số liệu chỉ tiêu 3');
    expect(auditActionLabel('workflow.return')).toBe('Trả lại để sửa');
  });

  it('accounts, logins and settings', () => {
    expect(
      auditSummary('users.create', { id: 'u', username: 'huongnt', roles: ['chuyen_vien', 'lanh_dao'] }),
    ).toBe('Tài khoản “huongnt”, vai trò: Chuyên viên, Lãnh đạo');
    expect(
      auditSummary(
        'users.update',
        { id: 'u', roles: ['van_thu'], active: false, passwordReset: true },
        { subjectUsername: 'phamthu' },
      ),
    ).toBe('Tài khoản “phamthu”, vai trò: Văn thư, đã khóa, đặt lại mật khẩu');
    expect(auditSummary('auth.login.failed', { username: 'ai.do', disabled: true })).toBe(
      'Tên đăng nhập “ai.do”, tài khoản đã bị khóa',
    );
    expect(auditSummary('auth.login', {})).toBeNull();
    expect(auditSummary('sessions.updateSettings', { idleMinutes: 15 })).toBe(
      'Tự đăng xuất sau 15 phút không dùng',
    );
    expect(auditSummary('setup.complete', { organization: 'Sở Tư pháp', admin: 'huongnt' })).toBe(
      'Sở Tư pháp, người quản trị “huongnt”',
    );
  });

  it('the register, attachments and signing', () => {
    expect(
      auditSummary(
        'register.assign',
        { id: 'd', number: '12/BC-STP', issuedOn: '2026-06-10' },
        { documentTitle: 'Báo cáo 6 tháng' },
      ),
    ).toBe('Số 12/BC-STP, ngày 10/06/2026, Báo cáo 6 tháng');
    expect(
      auditSummary(
        'attachments.add',
        { documentId: 'd', name: 'minh-chung.pdf', size: 2_500_000 },
        { documentTitle: 'Báo cáo quý I' },
      ),
    ).toBe('“minh-chung.pdf”, 2,4 MB, vào Báo cáo quý I');
    expect(auditSummary('signing.seal.set', { sha256: 'ab', diameterMm: 36 })).toBe('Đường kính 36 mm');
    expect(auditSummary('signing.identity.remove', { owner: 'organization' })).toBe(
      'Chứng thư số của cơ quan',
    );
  });

  it('never throws on odd detail: missing fields, wrong types, not an object', () => {
    for (const code of auditActionCodes) {
      for (const detail of [
        {},
        null,
        [],
        'x',
        3,
        { id: 5, title: 7, roles: 'x', period: 'y', size: 'big' },
      ]) {
        expect(() => auditSummary(code, detail)).not.toThrow();
      }
    }
  });
});
