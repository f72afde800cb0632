import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from '../../../shared/domain/packages/manifest.ts';
import { verifyCmsDetached, verifyPdf } from '../../../electron/services/signing/verify/index.ts';
import { has, pdfsig } from '../../support/signing/outsideTools.ts';
import { signaturePng } from '../../support/signing/testImages.ts';
import { dumpTables, expectError, expectOk } from '../../unit/helpers/setup.ts';
import { setUpChain, type Chain, type Issued, type Meta } from '../../unit/helpers/workflow.ts';
import { vietnamToday } from '../../../shared/domain/calendarDate.ts';

type Preview = { pdf: { dataBase64: string }; sha256: string; identity: unknown; hasSignatureImage: boolean };
type File = { fileName: string; dataBase64: string };

const HEAD_KEY = 'khoa-lanh-dao-2026';
const ORG_KEY = 'khoa-co-quan-2026';
const RECIPIENTS = ['Sở Khoa học và Công nghệ', 'Lưu: VT'];
// The day in Bắc Ninh (UTC+7), as the app dates approvals: from 17:00 UTC it is already tomorrow.
const today = () => vietnamToday(new Date());

describe.skipIf(!has('pdfsig'))('"Duyệt và ký" and "Ban hành" with digital signatures', () => {
  let chain: Chain;
  beforeEach(async () => {
    chain = await setUpChain();
  });
  afterEach(() => chain.services.close());

  async function submitted() {
    const doc = await chain.readyReport();
    expectOk(await chain.clerk('workflow.submit', { id: doc.id, baseRevision: doc.revision }));
    return doc;
  }
  const preview = (doc: { id: string; revision: number }) =>
    chain.head.call('workflow.signingPreview', { id: doc.id, baseRevision: doc.revision });
  const fileOf = async (issued: Issued, role: string) => {
    const f = issued.issue.files.find((x) => x.role === role)!;
    const file = expectOk<File>(
      await chain.vanThu.call('documents.issuedFile', { issueId: issued.issue.id, sha256: f.sha256 }),
    );
    return Buffer.from(file.dataBase64, 'base64');
  };

  it('the head signs the PDF they saw, the văn thư adds number, date and the cơ quan signature, and the package is queued', async () => {
    expectOk(await chain.head.call('signing.createTrial', { password: HEAD_KEY }));
    expectOk(
      await chain.head.call('signing.setSignatureImage', { dataBase64: signaturePng().toString('base64') }),
    );
    expectOk(await chain.dept.call('signing.organization.createTrial', { password: ORG_KEY }));
    const doc = await submitted();

    const shown = expectOk<Preview>(await preview(doc));
    expect(shown.identity).not.toBeNull();
    expect(shown.hasSignatureImage).toBe(true);
    // The same version gives the same bytes: what was shown is what gets signed.
    expect(expectOk<Preview>(await preview(doc)).sha256).toBe(shown.sha256);

    expectOk<Meta>(
      await chain.head.call('workflow.approve', {
        id: doc.id,
        baseRevision: doc.revision,
        pdfSha256: shown.sha256,
        secret: { password: HEAD_KEY },
      }),
    );
    const issued = expectOk<Issued>(
      await chain.vanThu.call('workflow.issue', {
        id: doc.id,
        baseRevision: doc.revision,
        issuedOn: today(),
        recipients: RECIPIENTS,
        secret: { password: ORG_KEY },
      }),
    );

    const pdf = await fileOf(issued, 'pdf');
    const sigs = pdfsig(pdf).signatures;
    expect(sigs.map((s) => s.commonName)).toEqual(['Lê Văn Phó', expect.any(String)]);
    expect(sigs.every((s) => s.valid)).toBe(true);
    // The head's signature covers the revision they signed; the cơ quan's covers the whole file.
    expect(sigs[0]!.total).toBe(false);
    expect(sigs[1]!.total).toBe(true);
    // Our own check (the one Sở KH&CN's server runs) agrees: number, date, seal and the second
    // signature are what a later signer may add, so the head's signature stays intact.
    const ours = await verifyPdf(pdf, { trustedRoots: [] });
    expect(ours.signatures.map((x) => x.intact)).toEqual([true, true]);
    expect(ours.problems.join(' ')).not.toMatch(/không được phép/);

    const manifest = await fileOf(issued, 'manifest');
    const p7s = await fileOf(issued, 'manifest-signature');
    const check = await verifyCmsDetached(manifest, p7s, { trustedRoots: [] });
    expect(check.signatures.map((x) => x.intact)).toEqual([true]);
    // A trial certificate is nobody's CA: intact, but not trusted until Sở KH&CN trusts it.
    expect(check.verdict).toBe('untrusted');
    const listed = JSON.parse(manifest.toString('utf8')) as { files: { name: string; sha256: string }[] };
    expect(listed.files.map((f) => f.name)).not.toContain(MANIFEST_FILE);
    expect(listed.files.map((f) => f.name)).not.toContain(MANIFEST_SIGNATURE_FILE);
    expect(listed.files.find((f) => f.name.endsWith('.pdf'))!.sha256).toBe(
      issued.issue.files.find((f) => f.role === 'pdf')!.sha256,
    );

    const queued = chain.services.db.prepare('SELECT state, issue_id FROM outbox').all();
    expect(queued).toEqual([{ state: 'queued', issue_id: issued.issue.id }]);
  }, 120_000);

  it('a wrong password, or a PDF other than the one shown, changes nothing', async () => {
    expectOk(await chain.head.call('signing.createTrial', { password: HEAD_KEY }));
    const doc = await submitted();
    const shown = expectOk<Preview>(await preview(doc));
    const before = dumpTables(chain.services.db);

    const wrong = await chain.head.call('workflow.approve', {
      id: doc.id,
      baseRevision: doc.revision,
      pdfSha256: shown.sha256,
      secret: { password: 'khong-dung-mat-khau' },
    });
    expectError(wrong, 'INVALID_CREDENTIALS');
    const stale = await chain.head.call('workflow.approve', {
      id: doc.id,
      baseRevision: doc.revision,
      pdfSha256: 'a'.repeat(64),
      secret: { password: HEAD_KEY },
    });
    expect(expectError(stale, 'CONFLICT').message).toMatch(/PDF đã khác/);
    expect(dumpTables(chain.services.db)).toEqual(before);
  }, 120_000);

  it('without digital signatures the head approves for a paper signature and nothing is queued', async () => {
    const doc = await submitted();
    const shown = expectOk<Preview>(await preview(doc));
    expect(shown.identity).toBeNull();
    expectOk(
      await chain.head.call('workflow.approve', {
        id: doc.id,
        baseRevision: doc.revision,
        pdfSha256: shown.sha256,
      }),
    );
    const issued = expectOk<Issued>(
      await chain.vanThu.call('workflow.issue', {
        id: doc.id,
        baseRevision: doc.revision,
        issuedOn: today(),
        recipients: RECIPIENTS,
      }),
    );
    const pdf = await fileOf(issued, 'pdf');
    expect(pdfsig(pdf).signatures).toEqual([]);
    expect(issued.issue.files.map((f) => f.role)).not.toContain('manifest-signature');
    expect(chain.services.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  }, 120_000);
});
