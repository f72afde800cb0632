import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import { editSession, type ReportDocument } from '../helpers/drafts.ts';
import { dumpTables, expectError, expectOk, expectVietnamese, manualClock } from '../helpers/setup.ts';
import {
  approved,
  issued,
  setUpChain,
  type Issued,
  type Meta,
  type WorkflowView,
} from '../helpers/workflow.ts';

type Register = MethodOutput<'register.list'>;
type File = MethodOutput<'documents.issuedFile'>;
const fileOf = (i: Issued, role: string) => i.issue.files.find((f) => f.role === role)!.sha256;

describe('the document register (sổ văn bản đi)', () => {
  it('numbers from 01 each year in issue order, never reusing a cancelled number', async () => {
    const time = manualClock('2026-12-30T02:00:00Z');
    const chain = await setUpChain({ clock: time.clock });
    const a = await issued(chain, await chain.readyReport(), '2026-12-30');
    expect(a.issue.number).toBe('01/BC-SKHCN');
    const b = await issued(chain, await chain.readyReport(), '2026-12-30');
    expect(b.issue.number).toBe('02/BC-SKHCN');

    // The văn thư cancels 02 (issued by mistake): it stays in the register with its reason.
    const list = expectOk<Register>(await chain.vanThu.call('register.list', { year: 2026 }));
    const second = list.entries.find((e) => e.number === '02/BC-SKHCN')!;
    expectError(await chain.vanThu.call('register.cancel', { id: second.id, reason: '' }), 'VALIDATION');
    expectError(await chain.clerk('register.cancel', { id: second.id, reason: 'Nhầm' }), 'FORBIDDEN');
    const cancelled = expectOk<Register['entries'][number]>(
      await chain.vanThu.call('register.cancel', {
        id: second.id,
        reason: 'Cấp nhầm số cho bản chưa hoàn chỉnh',
      }),
    );
    expect(cancelled).toMatchObject({
      cancelledByName: 'Phạm Thị Thư',
      cancelReason: 'Cấp nhầm số cho bản chưa hoàn chỉnh',
    });
    expectError(await chain.vanThu.call('register.cancel', { id: second.id, reason: 'Lần nữa' }), 'CONFLICT');

    const c = await issued(chain, await chain.readyReport(), '2026-12-30');
    expect(c.issue.number).toBe('03/BC-SKHCN');

    // 1 January: a new year, a new register year starting from 01.
    time.set('2027-01-01T01:30:00Z');
    await chain.signInAgain();
    const d = await issued(chain, await chain.readyReport(), '2027-01-01');
    expect(d.issue.number).toBe('01/BC-SKHCN');
    const y2026 = expectOk<Register>(await chain.clerk('register.list', { year: 2026 }));
    expect(y2026.entries.map((e) => [e.number, e.cancelledAt !== null])).toEqual([
      ['01/BC-SKHCN', false],
      ['02/BC-SKHCN', true],
      ['03/BC-SKHCN', false],
    ]);
    const y2027 = expectOk<Register>(await chain.clerk('register.list', { year: null }));
    expect(y2027).toMatchObject({ year: 2027, years: [2027, 2026] });
    expect(y2027.entries.map((e) => e.number)).toEqual(['01/BC-SKHCN']);
    expect(y2027.entries[0]).toMatchObject({
      signerName: 'Lê Văn Phó',
      typeCode: 'BC',
      issuedOn: '2027-01-01',
    });

    // A register row cannot be deleted or rewritten, even by SQL.
    const db = chain.services.db;
    expect(() => db.prepare('DELETE FROM register_entries').run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE register_entries SET number = '09/BC-SKHCN'").run()).toThrow(
      /only be cancelled/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO register_entries (id, register, year, seq, number, type_code, issued_on, summary, signer_name, document_id, created_at, created_by) SELECT 'x', register, year, seq, number, type_code, issued_on, summary, signer_name, document_id, created_at, created_by FROM register_entries LIMIT 1",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    chain.services.close();
  });

  it('refuses an issue date in the future, before the approval, or earlier than the previous number', async () => {
    const time = manualClock('2026-06-10T03:00:00Z');
    const chain = await setUpChain({ clock: time.clock });
    const doc = await chain.readyReport();
    await approved(chain, doc);
    const tryDate = (issuedOn: string) =>
      chain.vanThu.call('workflow.issue', {
        id: doc.id,
        baseRevision: doc.revision,
        issuedOn,
        recipients: ['Lãnh đạo cơ quan'],
      });
    const before = dumpTables(chain.services.db);
    for (const [date, words] of [
      ['2026-06-11', 'không được sau hôm nay (10/06/2026)'],
      ['2026-06-09', 'không được trước ngày lãnh đạo duyệt và ký (10/06/2026)'],
      ['2026-02-30', 'Ngày không tồn tại'],
    ] as const) {
      const err = expectError(await tryDate(date), 'VALIDATION');
      expect(err.message).toContain(words);
      expectVietnamese(err.message);
    }
    expect(dumpTables(chain.services.db)).toEqual(before);
    expectOk(await tryDate('2026-06-10'));

    time.set('2026-06-20T03:00:00Z');
    await chain.signInAgain();
    const later = await chain.readyReport();
    await approved(chain, later);
    time.set('2026-06-22T03:00:00Z');
    await chain.signInAgain();
    const third = await chain.readyReport();
    await approved(chain, third);
    expectOk(
      await chain.vanThu.call('workflow.issue', {
        id: third.id,
        baseRevision: third.revision,
        issuedOn: '2026-06-22',
        recipients: ['X'],
      }),
    );
    const err = expectError(
      await chain.vanThu.call('workflow.issue', {
        id: later.id,
        baseRevision: later.revision,
        issuedOn: '2026-06-20',
        recipients: ['X'],
      }),
      'VALIDATION',
    );
    expect(err.message).toContain('đã có văn bản ban hành ngày 22/06/2026');
    chain.services.close();
  });
});

describe('issued documents are frozen', () => {
  it('every download returns the same bytes, each download is recorded, and an amendment keeps the issued one', async () => {
    const chain = await setUpChain({ clock: () => new Date('2026-06-10T03:00:00Z') });
    const doc = await chain.readyReport();
    const first = await issued(chain, doc, '2026-06-10');
    expect(first.meta).toMatchObject({
      status: 'issued',
      issued: { issueNo: 1, number: '01/BC-SKHCN', issuedOn: '2026-06-10' },
    });
    expect(first.issue.files.map((f) => f.role)).toEqual(['document', 'docx', 'manifest', 'pdf', 'xlsx']);

    const docx1 = expectOk<File>(await chain.clerk('documents.renderDocx', { id: doc.id }));
    const docx2 = expectOk<File>(await chain.clerk('documents.renderDocx', { id: doc.id }));
    const frozen = expectOk<File>(
      await chain.clerk('documents.issuedFile', { issueId: first.issue.id, sha256: fileOf(first, 'docx') }),
    );
    expect(docx2.dataBase64).toBe(docx1.dataBase64);
    expect(frozen.dataBase64).toBe(docx1.dataBase64);
    const xlsx1 = expectOk<File>(await chain.clerk('spreadsheets.export', { id: doc.id, what: 'document' }));
    const xlsx2 = expectOk<File>(await chain.clerk('spreadsheets.export', { id: doc.id, what: 'document' }));
    expect(xlsx2.dataBase64).toBe(xlsx1.dataBase64);
    const json = JSON.parse(
      Buffer.from(
        expectOk<File>(
          await chain.clerk('documents.issuedFile', {
            issueId: first.issue.id,
            sha256: fileOf(first, 'document'),
          }),
        ).dataBase64,
        'base64',
      ).toString(),
    );
    expect(json.meta).toMatchObject({ status: 'issued', number: '01/BC-SKHCN', issuedOn: '2026-06-10' });
    expect(json.signer).toEqual({ authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Lê Văn Phó' });
    const downloads = chain.services.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'documents.issuedFile'")
      .get();
    expect(downloads).toEqual({ n: 2 });

    // Tạo bản sửa đổi: a reason is required; the draft can be edited again; the issue stays.
    expectError(await chain.clerk('workflow.amend', { id: doc.id, reason: ' ' }), 'VALIDATION');
    const amended = expectOk<Meta>(
      await chain.clerk('workflow.amend', { id: doc.id, reason: 'Cập nhật số liệu chỉ tiêu 2' }),
    );
    expect(amended).toMatchObject({ status: 'draft', issued: { issueNo: 1 } });
    const current = expectOk<ReportDocument>(await chain.clerk('reports.get', { id: doc.id }));
    const content = structuredClone(current.content);
    content.sections.results.text = 'Kết quả đã cập nhật sau khi ban hành.';
    const saved = expectOk<{ revision: number }>(
      await chain.clerk('reports.save', {
        id: doc.id,
        baseRevision: current.meta.revision,
        editSession: editSession('amend'),
        content,
      }),
    );
    const draftDocx = expectOk<File>(await chain.clerk('documents.renderDocx', { id: doc.id }));
    expect(draftDocx.dataBase64).not.toBe(docx1.dataBase64);
    const stillThere = expectOk<File>(
      await chain.clerk('documents.issuedFile', { issueId: first.issue.id, sha256: fileOf(first, 'docx') }),
    );
    expect(stillThere.dataBase64).toBe(docx1.dataBase64);

    const second = await issued(chain, { id: doc.id, revision: saved.revision }, '2026-06-10');
    expect(second.issue).toMatchObject({
      issueNo: 2,
      number: '02/BC-SKHCN',
      amendReason: 'Cập nhật số liệu chỉ tiêu 2',
    });
    expect(second.issue.packageId).not.toBe(first.issue.packageId);
    const view = expectOk<WorkflowView>(await chain.clerk('workflow.get', { id: doc.id }));
    expect(view.issues.map((i) => i.number)).toEqual(['01/BC-SKHCN', '02/BC-SKHCN']);
    const row = chain.services.db
      .prepare('SELECT replaces_issue_id FROM document_issues WHERE id = ?')
      .get(second.issue.id);
    expect(row).toEqual({ replaces_issue_id: first.issue.id });
    expect(() => chain.services.db.prepare('DELETE FROM issued_files').run()).toThrow(/frozen/);
    chain.services.close();
  });
});
