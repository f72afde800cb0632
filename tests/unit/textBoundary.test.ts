import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/domain/organization/schemas.ts';
import {
  b64,
  editSession,
  sampleFiles,
  semiannual2026,
  setUpDrafting,
  type Drafting,
  type ReportDocument,
} from './helpers/drafts.ts';
import { dumpTables, expectError, expectOk, expectVietnamese, orgInput } from './helpers/setup.ts';

/**
 * The text rule at the schema boundary, driven through dispatch as every transport calls it: text
 * that would break a .docx/.xlsx, the store or a file name is refused with a message naming the
 * field, and nothing is written.
 */
describe('text that breaks files is refused where it arrives', () => {
  let d: Drafting;
  let report: ReportDocument;
  beforeAll(async () => {
    d = await setUpDrafting();
    report = expectOk<ReportDocument>(await d.clerk('reports.create', semiannual2026));
  });
  afterAll(() => d.services.close());

  const org = (name: string) => orgInput({ name, agencyType: 'so_khcn', planId: '34-KH-UBND-2025' });

  async function refused(call: () => ReturnType<Drafting['clerk']>, ...parts: string[]) {
    const before = dumpTables(d.services.db);
    const error = expectError(await call(), 'VALIDATION');
    expectVietnamese(error.message);
    for (const p of parts) expect(error.message).toContain(p);
    expect(dumpTables(d.services.db)).toEqual(before);
    return error.message;
  }

  it('U+FFFE/U+FFFF in the department name (every .docx and .xlsx would be unreadable)', async () => {
    for (const bad of ['Sở Khoa học\uFFFE', 'Sở\uFFFF Khoa học', 'Sở \u{10FFFF}']) {
      await refused(() => d.dept.call('organization.update', org(bad)), 'Tên cơ quan', 'không dùng được');
    }
  });

  it('a lone surrogate in a report section (stored as invalid UTF-8 otherwise)', async () => {
    const content = structuredClone(report.content);
    content.sections.results.text = 'Kết quả \uD83D tốt';
    await refused(
      () =>
        d.clerk('reports.save', {
          id: report.meta.id,
          baseRevision: report.meta.revision,
          editSession: editSession('a'),
          content,
        }),
      'Kết quả chung',
      'surrogate',
    );
  });

  it('NUL and other controls in multi-line text; tab and newline are kept, CR LF becomes LF', async () => {
    const content = structuredClone(report.content);
    content.tasks[0]!.result = 'Đã làm\u0000 xong';
    await refused(
      () =>
        d.clerk('reports.save', {
          id: report.meta.id,
          baseRevision: report.meta.revision,
          editSession: editSession('b'),
          content,
        }),
      'Nhiệm vụ 1 – Kết quả',
      'U+0000',
    );
    content.tasks[0]!.result = 'Dòng một\r\n\tDòng hai\u0085';
    await refused(() =>
      d.clerk('reports.save', {
        id: report.meta.id,
        baseRevision: report.meta.revision,
        editSession: editSession('b'),
        content,
      }),
    );
    content.tasks[0]!.result = 'Dòng một\r\n\tDòng hai';
    expectOk(
      await d.clerk('reports.save', {
        id: report.meta.id,
        baseRevision: report.meta.revision,
        editSession: editSession('b'),
        content,
      }),
    );
    const stored = expectOk<ReportDocument>(await d.clerk('reports.get', { id: report.meta.id }));
    expect(stored.content.tasks[0]!.result).toBe('Dòng một\n\tDòng hai');
    report = stored;
  });

  it('a newline or a control character in a one-line name', async () => {
    const admin = d.dept.admin;
    for (const fullName of ['Nguyễn\nVăn A', 'Nguyễn\tVăn A', 'Nguyễn\u0007Văn A']) {
      await refused(
        () =>
          d.dept.call('users.update', {
            id: d.clerkUser.id,
            fullName,
            roles: ['chuyen_vien'],
            title: '',
            signingAuthority: '',
            active: true,
          }),
        'Họ và tên',
      );
    }
    expect(admin.fullName).toBeTruthy();
  });

  it('bidi overrides and zero-width characters in file names and names', async () => {
    await refused(
      () =>
        d.clerk('attachments.add', {
          documentId: report.meta.id,
          name: 'evil\u202Efdp.txt',
          dataBase64: b64(sampleFiles.txt),
        }),
      'Tên tệp',
      'U+202E',
    );
    await refused(
      () => d.dept.call('organization.update', org('Sở Khoa\u200B học')),
      'Tên cơ quan',
      'U+200B',
    );
    await refused(
      () =>
        d.dept.call('users.create', {
          username: 'nguoimoi',
          fullName: 'Người\u2066 Mới',
          roles: ['chuyen_vien'],
          password: 'MatKhau-Moi-123',
        }),
      'Họ và tên',
    );
  });

  it('decomposed letters are stored composed (NFC)', async () => {
    const nfd = 'Sở Khoa học và Công nghệ'.normalize('NFD');
    const saved = expectOk<{ name: string }>(await d.dept.call('organization.update', org(nfd)));
    expect(saved.name).toBe('Sở Khoa học và Công nghệ'.normalize('NFC'));
    const created = expectOk<User>(
      await d.dept.call('users.create', {
        username: 'tranb',
        fullName: 'Trần Thị Bình'.normalize('NFD'),
        roles: ['chuyen_vien'],
        password: 'MatKhau-Moi-123',
      }),
    );
    expect(created.fullName).toBe('Trần Thị Bình'.normalize('NFC'));
  });

  it('ids and short fields have limits, and a 1 MB value is never echoed back', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    const calls = [
      () => d.clerk('reports.get', { id: huge }),
      () => d.clerk('documents.versions', { id: huge }),
      () => d.clerk('spreadsheets.export', { id: huge, what: 'document' }),
      () => d.clerk('attachments.get', { documentId: huge, sha256: huge }),
      () => d.dept.call('auth.login', { username: huge, password: huge }),
      () => d.dept.call('organization.update', org(huge)),
      () =>
        d.clerk('reports.create', {
          kind: 'adhoc',
          title: huge,
          deadline: huge,
          from: huge,
          to: huge,
          fromPrevious: false,
        }),
    ];
    for (const call of calls) {
      const r = await call();
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message.length).toBeLessThan(600);
      expect(r.error.message).not.toContain('x'.repeat(100));
    }
    const unknown = await d.clerk(huge as 'reports.get', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message.length).toBeLessThan(600);
  });
});
