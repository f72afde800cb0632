import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../../shared/api.ts';
import type { LetterContent } from '../../../shared/domain/letters/letterContent.ts';
import { admin, startTestIntake, type TestIntake } from '../../support/intakeServer.ts';
import { has, pdfsig } from '../../support/signing/outsideTools.ts';
import { randomIndicators, reportPackage, seededRandom } from '../../support/sokhcnReports.ts';
import { canRender, pdfText, tempDir, toPdf } from '../documents/renderSupport.ts';
import { expectError, expectOk, manualClock } from '../../unit/helpers/setup.ts';
import { realCatalog, type SaveResult } from '../../unit/helpers/drafts.ts';
import { setUpChain, type Chain, type Issued } from '../../unit/helpers/workflow.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

/**
 * Issue 12, Đôn đốc: from "Tình hình gửi báo cáo" over the real intake server, one call drafts the
 * công văn đôn đốc to the departments that did not send, sent late or were returned; the clerk
 * edits it, the head approves and signs it (trial identity), the văn thư issues it: the register
 * gives it the next number of the sổ văn bản đi without a type code, its PDF is signed, its .docx
 * renders in LibreOffice, and it is never queued for Sở KH&CN's intake.
 */

type Letter = MethodOutput<'letters.get'>;
type Preview = { sha256: string };
type File = { fileName: string; dataBase64: string };

const catalog = realCatalog();
const DEPTS = [
  { code: 'STC', name: 'Sở Tài chính', agencyType: 'so_tai_chinh', send: 'on_time' },
  { code: 'SNV', name: 'Sở Nội vụ', agencyType: 'so_noi_vu', send: 'late' },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', agencyType: 'so_gddt', send: 'none' },
  { code: 'XA0001', name: 'UBND xã Thử Một', agencyType: 'ubnd_xa_phuong', send: 'none' },
] as const;
const CHASED = ['Sở Giáo dục và Đào tạo', 'Sở Nội vụ', 'UBND xã Thử Một'];
const HEAD_KEY = 'khoa-lanh-dao-2026';
const ORG_KEY = 'khoa-co-quan-2026';

let intake: TestIntake;
let serverNow = new Date('2026-06-10T02:00:00Z');
let chain: Chain;

beforeAll(async () => {
  intake = await startTestIntake({ clock: () => serverNow });
  const cert = intake.pki.issue('dept', 'Cơ quan thử nghiệm tỉnh Bắc Ninh');
  const rnd = seededRandom(7);
  for (const d of DEPTS) {
    const { client } = await intake.enrolOrg(d.code, d.name, d.agencyType);
    if (d.send === 'none') continue;
    serverNow = new Date(d.send === 'late' ? '2026-06-20T02:00:00Z' : '2026-06-10T02:00:00Z');
    const pkg = await reportPackage(catalog, d, randomIndicators(catalog, d.agencyType, rnd), cert);
    const r = await client.uploadPackage({
      manifest: pkg.manifestBytes,
      signature: pkg.signature,
      files: pkg.files,
    });
    if (!r.ok) throw new Error(`${d.code}: ${r.failure.message}`);
  }
  await admin(intake.dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
  serverNow = new Date('2026-07-01T02:00:00Z');
  chain = await setUpChain({ clock: manualClock('2026-07-01T02:00:00Z').clock });
  expectOk(
    await chain.clerk('sokhcn.login', {
      serverUrl: intake.url,
      username: 'ntlan',
      password: 'MatKhau-CanBo-2026',
    }),
  );
}, 300_000);
afterAll(async () => {
  chain?.services.close();
  await intake?.close();
});

const fileOf = async (issued: Issued, role: string) => {
  const f = issued.issue.files.find((x) => x.role === role);
  if (!f) return null;
  const file = expectOk<File>(
    await chain.vanThu.call('documents.issuedFile', { issueId: issued.issue.id, sha256: f.sha256 }),
  );
  return { name: file.fileName, bytes: Buffer.from(file.dataBase64, 'base64') };
};
/** pdftotext splits a word around a diacritic now and then: compare without white space. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe('công văn đôn đốc through the approval and signing chain', () => {
  it('drafts, approves, signs, issues as "01/SKHCN-VP" and the files say what the letter says', async () => {
    const created = expectOk<{ id: string; addressees: number }>(
      await chain.clerk('letters.createDondoc', {
        periodKey: 'semiannual-2026',
        agencyType: null,
        state: null,
      }),
    );
    expect(created.addressees).toBe(3);
    const draft = expectOk<Letter>(await chain.clerk('letters.get', { id: created.id }));
    expect(draft.meta).toMatchObject({ kind: 'letter', status: 'draft' });
    expect(draft.content.addressees).toEqual(CHASED);
    expect(draft.content.summary).toBe(
      `đôn đốc gửi báo cáo 6 tháng đầu năm 2026 thực hiện Kế hoạch số ${catalog.number}`,
    );
    expect(draft.content.body).toContain('trước ngày 15 tháng 6 năm 2026');
    expect(draft.content.body).toContain('Đến ngày 01 tháng 7 năm 2026');

    // A filter narrows the addressees: only the communes not sent.
    const communes = expectOk<{ id: string; addressees: number }>(
      await chain.clerk('letters.createDondoc', {
        periodKey: 'semiannual-2026',
        agencyType: 'ubnd_xa_phuong',
        state: 'chua_gui',
      }),
    );
    expect(
      expectOk<Letter>(await chain.clerk('letters.get', { id: communes.id })).content.addressees,
    ).toEqual(['UBND xã Thử Một']);
    // Nobody to chase: a clear refusal, nothing created.
    const before = expectOk<unknown[]>(await chain.clerk('letters.list', {})).length;
    const none = expectError(
      await chain.clerk('letters.createDondoc', {
        periodKey: 'semiannual-2026',
        agencyType: 'so_tai_chinh',
        state: null,
      }),
      'VALIDATION',
    );
    expect(none.message).toMatch(/không có ai để đôn đốc/);
    expect(expectOk<unknown[]>(await chain.clerk('letters.list', {}))).toHaveLength(before);

    // The clerk edits the text, the drafting unit and Nơi nhận.
    const content: LetterContent = {
      ...draft.content,
      draftingUnit: 'VP',
      body: `${draft.content.body}\nĐề nghị gửi trước ngày 10 tháng 7 năm 2026.`,
      recipients: ['Giám đốc Sở (để báo cáo)'],
    };
    const saved = expectOk<SaveResult>(
      await chain.clerk('letters.save', {
        id: created.id,
        baseRevision: draft.meta.revision,
        editSession: 'dondoc-edit-1',
        content,
      }),
    );
    // An empty Kính gửi does not go to the head.
    const empty = expectOk<{ id: string }>(
      await chain.clerk('letters.createDondoc', {
        periodKey: 'semiannual-2026',
        agencyType: null,
        state: 'chua_gui',
      }),
    );
    const emptyDraft = expectOk<Letter>(await chain.clerk('letters.get', { id: empty.id }));
    const cleared = expectOk<SaveResult>(
      await chain.clerk('letters.save', {
        id: empty.id,
        baseRevision: emptyDraft.meta.revision,
        editSession: 'dondoc-edit-2',
        content: { ...emptyDraft.content, addressees: [] },
      }),
    );
    const refused = expectOk<{ submitted: boolean; issues: { message: string }[] }>(
      await chain.clerk('workflow.submit', { id: empty.id, baseRevision: cleared.revision }),
    );
    expect(refused.submitted).toBe(false);
    expect(refused.issues.map((i) => i.message)).toContain('Kính gửi: chưa có cơ quan nào');

    expectOk(await chain.clerk('workflow.submit', { id: created.id, baseRevision: saved.revision }));
    expectOk(await chain.head.call('signing.createTrial', { password: HEAD_KEY }));
    expectOk(await chain.dept.call('signing.organization.createTrial', { password: ORG_KEY }));
    const shown = expectOk<Preview>(
      await chain.head.call('workflow.signingPreview', { id: created.id, baseRevision: saved.revision }),
    );
    expectOk(
      await chain.head.call('workflow.approve', {
        id: created.id,
        baseRevision: saved.revision,
        pdfSha256: shown.sha256,
        secret: { password: HEAD_KEY },
      }),
    );
    const proposal = expectOk<{ number: string; recipients: string[] }>(
      await chain.vanThu.call('register.propose', { documentId: created.id, issuedOn: '2026-07-01' }),
    );
    expect(proposal.number).toBe('01/SKHCN-VP');
    expect(proposal.recipients).toEqual(['Như trên', 'Giám đốc Sở (để báo cáo)']);
    const issued = expectOk<Issued>(
      await chain.vanThu.call('workflow.issue', {
        id: created.id,
        baseRevision: saved.revision,
        issuedOn: '2026-07-01',
        recipients: proposal.recipients,
        secret: { password: ORG_KEY },
      }),
    );
    expect(issued.issue.number).toBe('01/SKHCN-VP');
    // A công văn is not a department's report to Sở KH&CN: no Excel appendix, no package, no outbox.
    expect(issued.issue.files.map((f) => f.role).sort()).toEqual(['document', 'docx', 'pdf']);
    const view = expectOk<MethodOutput<'workflow.get'>>(
      await chain.vanThu.call('workflow.get', { id: created.id }),
    );
    expect(view.meta.status).toBe('issued');
    expect(view.sending).toEqual([]);
    const outbox = expectOk<{ items: unknown[] }>(await chain.vanThu.call('outbox.list', {}));
    expect(outbox.items).toEqual([]);

    // The register lists it with the other documents; the next report takes 02.
    const register = expectOk<{ entries: { number: string; summary: string }[] }>(
      await chain.vanThu.call('register.list', { year: 2026 }),
    );
    expect(register.entries.map((e) => [e.number, e.summary])).toEqual([
      ['01/SKHCN-VP', `V/v ${content.summary}`],
    ]);
    const report = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: report.id, baseRevision: report.revision }));
    const reportShown = expectOk<Preview>(
      await chain.head.call('workflow.signingPreview', { id: report.id, baseRevision: report.revision }),
    );
    expectOk(
      await chain.head.call('workflow.approve', {
        id: report.id,
        baseRevision: report.revision,
        pdfSha256: reportShown.sha256,
        secret: { password: HEAD_KEY },
      }),
    );
    expect(
      expectOk<{ number: string }>(
        await chain.vanThu.call('register.propose', { documentId: report.id, issuedOn: '2026-07-01' }),
      ).number,
    ).toBe('02/BC-SKHCN');

    const pdf = (await fileOf(issued, 'pdf'))!;
    const docx = (await fileOf(issued, 'docx'))!;
    expect(pdf.name).toBe('CV-01-2026-SKHCN.pdf');
    const dir = tempDir('baocao-dondoc-');
    try {
      const pdfPath = path.join(dir, pdf.name);
      fs.writeFileSync(pdfPath, pdf.bytes);
      if (has('pdfsig')) {
        const sigs = pdfsig(pdf.bytes).signatures;
        expect(sigs.map((s) => s.commonName)).toEqual(['Lê Văn Phó', expect.any(String)]);
        expect(sigs.every((s) => s.valid)).toBe(true);
      }
      // Kept for a look (pdftoppm) when asked: DONDOC_KEEP=1.
      if (process.env.DONDOC_KEEP) {
        fs.mkdirSync('.tmp', { recursive: true });
        fs.copyFileSync(pdfPath, path.join('.tmp', pdf.name));
        fs.writeFileSync(path.join('.tmp', docx.name), docx.bytes);
      }
      const texts = [pdfText(pdfPath)];
      if (canRender) {
        const docxPath = path.join(dir, docx.name);
        fs.writeFileSync(docxPath, docx.bytes);
        const [rendered] = toPdf([docxPath], path.join(dir, 'lo'));
        texts.push(pdfText(rendered!));
      }
      for (const text of texts) {
        const flat = squash(text);
        for (const s of [
          'Số: 01/SKHCN-VP',
          'V/v đôn đốc gửi báo cáo 6 tháng',
          'Kính gửi:',
          'Như trên',
          ...CHASED,
        ]) {
          expect(flat, s).toContain(squash(s));
        }
        // The signed PDF's date is stamped over the draft's blank line; the .docx has it whole.
        expect(flat).toMatch(text === texts[0] ? /ngày01.*tháng7năm2026/u : /BắcNinh,ngày01tháng7năm2026/u);
        expect(flat).not.toContain('CV-');
        expect(flat).not.toContain('Sở Tài chính'.replace(/\s/g, ''));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
