import { afterEach, describe, expect, it } from 'vitest';
import { auditAnchor } from '../../../electron/services/audit/auditLog.ts';
import type { Services } from '../../../electron/services/index.ts';
import type { MethodOutput } from '../../../shared/api.ts';
import { expectError, expectOk, expectVietnamese, manualClock } from '../../unit/helpers/setup.ts';
import { semiannual2026, setUpDrafting, type ReportDocument } from '../../unit/helpers/drafts.ts';

type Page = MethodOutput<'audit.list'>;

const open: Services[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/**
 * A department whose history straddles midnight in Vietnam: set up and a clerk added at 23:30 on
 * 10/06/2026 (16:30 UTC), a report created and deleted by the clerk at 00:30 on 11/06 (17:30 UTC).
 */
async function department() {
  const time = manualClock('2026-06-10T16:30:00.000Z');
  const d = await setUpDrafting({ clock: time.clock });
  open.push(d.services);
  time.set('2026-06-10T17:30:00.000Z');
  const report = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
  expectOk(await d.clerk('drafts.delete', { id: report.meta.id }));
  return { ...d, report, admin: d.dept.call };
}

describe('"Nhật ký hoạt động": audit.list through the service host', () => {
  it('shows the deleted draft, newest first, with who deleted it and the report it was', async () => {
    const d = await department();
    const page = expectOk<Page>(await d.admin('audit.list', {}));
    const [latest] = page.entries;
    expect(latest).toMatchObject({
      action: 'drafts.delete',
      label: 'Xóa bản nháp',
      userFullName: 'Nguyễn Văn A',
      username: 'nguyenvana',
      summary: `Xóa bản nháp báo cáo “${d.report.meta.title}”`,
      at: '2026-06-10T17:30:00.000Z',
    });
    // Its creation recorded only the id: with the report gone there is no title to show.
    expect(page.entries[1]).toMatchObject({
      action: 'reports.create',
      label: 'Tạo báo cáo',
      username: 'nguyenvana',
      summary: null,
    });
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // The first entry is the setup, made by the administrator.
    expect(page.entries.at(-1)).toMatchObject({
      action: 'setup.complete',
      label: 'Thiết lập ứng dụng',
      userFullName: 'Quản Trị Viên',
    });
    expect(page.nextCursor).toBeNull();
  });

  it('filters by group of actions, by person and by day in Vietnam (midnight at 17:00 UTC)', async () => {
    const d = await department();
    const drafting = expectOk<Page>(await d.admin('audit.list', { group: 'drafting' }));
    expect(drafting.entries.map((e) => e.action)).toEqual(['drafts.delete', 'reports.create']);
    const users = expectOk<Page>(await d.admin('audit.list', { group: 'users' }));
    expect(users.entries.map((e) => e.action)).toEqual(['users.create']);
    expect(users.entries[0]!.summary).toBe('Tài khoản “nguyenvana”, vai trò: Chuyên viên');

    const byClerk = expectOk<Page>(await d.admin('audit.list', { userId: d.clerkUser.id }));
    expect(new Set(byClerk.entries.map((e) => e.username))).toEqual(new Set(['nguyenvana']));
    expect(byClerk.entries.map((e) => e.action)).toEqual(['drafts.delete', 'reports.create', 'auth.login']);

    const tenth = expectOk<Page>(await d.admin('audit.list', { from: '2026-06-10', to: '2026-06-10' }));
    expect(tenth.entries.map((e) => e.action)).not.toContain('drafts.delete');
    expect(tenth.entries.map((e) => e.action)).toContain('setup.complete');
    const eleventh = expectOk<Page>(await d.admin('audit.list', { from: '2026-06-11' }));
    expect(eleventh.entries.map((e) => e.action)).toEqual(['drafts.delete', 'reports.create']);
    const before = expectOk<Page>(await d.admin('audit.list', { to: '2026-06-09' }));
    expect(before.entries).toEqual([]);
  });

  it('pages with the cursor: every entry once, in order, and the last page says so', async () => {
    const d = await department();
    const all = expectOk<Page>(await d.admin('audit.list', { limit: 200 })).entries;
    expect(all.length).toBeGreaterThanOrEqual(5);
    const seen: number[] = [];
    let before: number | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = expectOk<Page>(await d.admin('audit.list', { limit: 2, ...(before ? { before } : {}) }));
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.nextCursor === null) break;
      expect(page.nextCursor).toBe(page.entries.at(-1)!.seq);
      before = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e) => e.seq));
    // Filters and the cursor together.
    const firstDrafting = expectOk<Page>(await d.admin('audit.list', { group: 'drafting', limit: 1 }));
    expect(firstDrafting.entries.map((e) => e.action)).toEqual(['drafts.delete']);
    const next = expectOk<Page>(
      await d.admin('audit.list', { group: 'drafting', limit: 1, before: firstDrafting.nextCursor! }),
    );
    expect(next.entries.map((e) => e.action)).toEqual(['reports.create']);
    expect(next.nextCursor).toBeNull();
  });

  it('refuses a clerk in Vietnamese, and a page too large or days the wrong way round', async () => {
    const d = await department();
    const refused = expectError(await d.clerk('audit.list', {}), 'FORBIDDEN');
    expect(refused.message).toBe('Tài khoản của bạn không có quyền quản lý người dùng');
    const tooMany = expectError(await d.admin('audit.list', { limit: 201 }), 'VALIDATION');
    expectVietnamese(tooMany.message);
    expect(tooMany.message).toContain('Số mục mỗi trang');
    const reversed = expectError(
      await d.admin('audit.list', { from: '2026-06-11', to: '2026-06-10' }),
      'VALIDATION',
    );
    expect(reversed.message).toContain('Từ ngày phải trước hoặc cùng ngày với Đến ngày');
    const unknownGroup = expectError(await d.admin('audit.list', { group: 'xoa' }), 'VALIDATION');
    expect(unknownGroup.message).toContain('Thao tác');
  });

  it('reading changes nothing: the chain and its head are the same, and it still verifies', async () => {
    const d = await department();
    const head = auditAnchor(d.services.db);
    for (let i = 0; i < 3; i++) expectOk(await d.admin('audit.list', { limit: 1 }));
    expect(auditAnchor(d.services.db)).toEqual(head);
    const check = expectOk<MethodOutput<'audit.verify'>>(await d.admin('audit.verify', {}));
    expect(check.ok).toBe(true);
    expect(check.anchor).toEqual(head);
  });
});
