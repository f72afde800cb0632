import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackP12 } from '../../../electron/services/signing/identities/pkcs12.ts';
import { softwareIdentity } from '../../../electron/services/signing/identities/softwareKey.ts';
import {
  markAppendix,
  placeSignatureImage,
  stampIssue,
} from '../../../electron/services/signing/pdf/issueMarks.ts';
import { signPdf } from '../../../electron/services/signing/pdf/pdfSigner.ts';
import { verifyPdf } from '../../../electron/services/signing/verify/verifyPdf.ts';
import { has, nssDbWith, pdfsig, renderPage, savePagePng } from '../../support/signing/outsideTools.ts';
import { sealPng, signaturePng } from '../../support/signing/testImages.ts';
import { makeReportPdf } from '../../support/signing/testPdf.ts';
import {
  createTestPki,
  headSubject,
  organizationSubject,
  type TestPki,
} from '../../support/signing/testPki.ts';
import type { PdfFieldLayout } from '../../../shared/domain/documents/pdfFields.ts';
import { execFileSync } from 'node:child_process';

const tools = ['openssl', 'pdfsig', 'certutil', 'pdftoppm', 'pdftotext'].filter((t) => !has(t));
const NUMBER = 'Số: 05/BC-SKHCN';
const DATE = 'Bắc Ninh, ngày 05 tháng 02 năm 2026';

describe.skipIf(tools.length > 0)(
  `PAdES signatures on an ND30 document (needs ${tools.join(', ') || 'nothing more'})`,
  () => {
    let pki: TestPki;
    let nss: { dir: string; remove(): void };
    let fields: PdfFieldLayout;
    let headSigned: Buffer;
    let issued: Buffer;
    let roots: Buffer[];

    beforeAll(async () => {
      pki = createTestPki();
      roots = [pki.ca.certDer];
      nss = nssDbWith(pki.ca.certPath);
      // The head's identity comes from a .p12 as OpenSSL 3 writes it (AES, PBKDF2), password in Vietnamese.
      const headCert = pki.issue({ name: 'head', subject: headSubject });
      const p12 = unpackP12(pki.p12(headCert, 'Mật khẩu ký số 2026'), 'Mật khẩu ký số 2026');
      const head = softwareIdentity('pkcs12', p12.keyPkcs8, p12.certificate, p12.chain);
      const orgCert = pki.issue({ name: 'org', subject: organizationSubject, key: 'p256' });
      const org = softwareIdentity('pkcs12', orgCert.keyDer, orgCert.certDer, [pki.ca.certDer]);

      const draft = await makeReportPdf();
      fields = draft.fields;
      const withImage = await placeSignatureImage(draft.pdf, {
        box: fields.signature,
        image: signaturePng(),
      });
      headSigned = await signPdf(withImage, head, {
        name: 'Nguyễn Thị Thủy Tiên',
        reason: 'Phê duyệt báo cáo',
        location: 'Bắc Ninh',
        signingTime: new Date(),
      });
      const stamped = await stampIssue(headSigned, {
        fields,
        numberText: NUMBER,
        dateText: DATE,
        sealImage: sealPng(),
        sealSizeMm: 36,
      });
      issued = await signPdf(stamped, org, {
        name: 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh',
        reason: 'Ban hành văn bản',
        location: 'Bắc Ninh',
        contactInfo: 'vanthu@skhcn.bacninh.gov.vn',
        signingTime: new Date(),
      });
      savePagePng(issued, 'signing-issued-page1');
    }, 60_000);

    afterAll(() => {
      nss?.remove();
      pki?.cleanup();
    });

    it("pdfsig: both signatures valid, the head's not covering the whole file, the organisation's covering it", () => {
      const { signatures, raw } = pdfsig(issued);
      expect(signatures, raw).toHaveLength(2);
      const [first, second] = signatures;
      expect(first!.commonName).toBe('Nguyễn Thị Thủy Tiên');
      expect(first!.valid, raw).toBe(true);
      expect(first!.total).toBe(false);
      expect(first!.text).toContain('Not total document signed');
      expect(first!.text).toContain('ETSI.CAdES.detached');
      expect(second!.commonName).toBe('Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
      expect(second!.valid, raw).toBe(true);
      expect(second!.total).toBe(true);
      expect(second!.text).toContain('Total document signed');
    });

    it('pdfsig with an NSS database holding the test CA: "Certificate is Trusted"; without it, not', () => {
      const trusted = pdfsig(issued, nss.dir);
      expect(
        trusted.signatures.map((s) => s.trusted),
        trusted.raw,
      ).toEqual([true, true]);
      const plain = pdfsig(issued);
      expect(plain.signatures.some((s) => s.trusted)).toBe(false);
    });

    it('our verifier agrees: valid with the CA trusted, "chữ ký đúng, chứng thư chưa được tin cậy" without', async () => {
      const good = await verifyPdf(issued, { trustedRoots: roots });
      expect(good.verdict, JSON.stringify(good, null, 1)).toBe('valid');
      const [s1, s2] = good.signatures;
      expect(s1!.signer!.commonName).toBe('Nguyễn Thị Thủy Tiên');
      expect(s1!.signer!.issuerCommonName).toBe('CA Thử nghiệm Chữ ký số Chuyên dùng');
      expect(s1!.coversWholeFile).toBe(false);
      expect(s1!.changesAfter!.allowed).toBe(true);
      expect(s1!.changesAfter!.items.join('\n')).toContain(NUMBER);
      expect(s1!.changesAfter!.items.join('\n')).toContain('thêm một chữ ký số');
      expect(s2!.coversWholeFile).toBe(true);
      expect(s2!.name).toBe('Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
      expect(s2!.signingTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);

      const untrusted = await verifyPdf(issued, { trustedRoots: [] });
      expect(untrusted.verdict).toBe('untrusted');
      expect(untrusted.summary).toContain('chữ ký đúng, chứng thư chưa được tin cậy');
      expect(untrusted.summary).not.toContain('hợp lệ');
      expect(untrusted.signatures.every((s) => s.status === 'untrusted' && s.intact)).toBe(true);
    });

    it('the number and date replace the blank draft lines exactly, and the seal sits over the signature', async () => {
      // Reference: the same page drawn with the issued lines in its own content.
      const reference = (await makeReportPdf({ issued: { numberText: NUMBER, dateText: DATE } })).pdf;
      const a = renderPage(issued, 0, 100);
      const b = renderPage(reference, 0, 100);
      const scale = 100 / 72;
      const band = (box: { x: number; y: number; width: number; height: number }) => {
        let differ = 0;
        let total = 0;
        const x0 = Math.floor((box.x - 20) * scale);
        const x1 = Math.ceil((box.x + box.width + 20) * scale);
        const y0 = Math.floor(a.height - (box.y + box.height + 3) * scale);
        const y1 = Math.ceil(a.height - (box.y - 3) * scale);
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++) {
            const i = (y * a.width + x) * 3;
            total++;
            if (Math.abs(a.rgb[i]! - b.rgb[i]!) + Math.abs(a.rgb[i + 1]! - b.rgb[i + 1]!) > 120) differ++;
          }
        return differ / total;
      };
      expect(band(fields.numberLine)).toBeLessThan(0.01);
      expect(band(fields.dateLine)).toBeLessThan(0.01);

      const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: issued }).toString();
      expect(text).toContain(NUMBER);
      expect(text).toContain(DATE);

      // Red of the seal left of and over the signature box's left third; blue ink inside the box.
      const count = (
        x0: number,
        x1: number,
        y0: number,
        y1: number,
        test: (r: number, g: number, b: number) => boolean,
      ) => {
        let n = 0;
        for (let y = Math.floor(a.height - y1 * scale); y < a.height - y0 * scale; y++)
          for (let x = Math.floor(x0 * scale); x < x1 * scale; x++) {
            const i = (y * a.width + x) * 3;
            if (test(a.rgb[i]!, a.rgb[i + 1]!, a.rgb[i + 2]!)) n++;
          }
        return n;
      };
      const red = (r: number, g: number, bl: number) => r > 150 && g < 100 && bl < 100;
      const blue = (r: number, g: number, bl: number) => bl > 120 && r < 100;
      const s = fields.signature;
      const sealMm = 36 * (72 / 25.4);
      expect(
        count(s.x + s.width / 3 - sealMm, s.x + s.width / 3, s.y - 20, s.y + s.height + 20, red),
      ).toBeGreaterThan(500);
      expect(count(s.x + s.width / 3 + 5, s.x + s.width, s.y - 30, s.y + s.height + 30, red)).toBe(0);
      expect(count(s.x, s.x + s.width, s.y, s.y + s.height, blue)).toBeGreaterThan(300);
    });

    it('one byte changed in the first revision breaks both signatures, and says so', async () => {
      const bad = Buffer.from(issued);
      const at = bad.indexOf('/Title <') + 12;
      bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
      const r = await verifyPdf(bad, { trustedRoots: roots });
      expect(r.verdict).toBe('invalid');
      expect(r.signatures.map((s) => s.intact)).toEqual([false, false]);
      expect(r.summary).toContain('chữ ký 1 (Nguyễn Thị Thủy Tiên)');
      expect(r.signatures[0]!.messages[0]).toMatch(
        /phần tệp được ký \(byte 0–\d+ và \d+–\d+\) đã bị thay đổi/,
      );
      expect(pdfsig(bad).signatures.map((s) => s.valid)).toEqual([false, false]);
    });

    it("one byte changed in the update after the head signed breaks only the organisation's signature", async () => {
      const bad = Buffer.from(issued);
      const head = pdfsig(headSigned);
      expect(head.signatures).toHaveLength(1);
      const at = bad.indexOf('/Subtype /FreeText', headSigned.length);
      expect(at).toBeGreaterThan(headSigned.length);
      const contents = bad.indexOf('/Contents <', at) + 20;
      bad[contents] = bad[contents] === 0x36 ? 0x37 : 0x36;
      const r = await verifyPdf(bad, { trustedRoots: roots });
      expect(r.verdict).toBe('invalid');
      expect(r.signatures.map((s) => s.intact)).toEqual([true, false]);
      expect(r.summary).toContain('chữ ký 2 (Sở Khoa học và Công nghệ tỉnh Bắc Ninh)');
      expect(pdfsig(bad).signatures.map((s) => s.valid)).toEqual([true, false]);
    });

    it('a page appended in an incremental update after both signatures: both fail, naming the page', async () => {
      const doc = await PDFDocument.load(issued, { forIncrementalUpdate: true, updateMetadata: false });
      const page = doc.addPage();
      page.drawText('Trang chen them', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
      const tampered = Buffer.from(await doc.save({ useObjectStreams: false }));
      expect(tampered.subarray(0, issued.length).equals(issued)).toBe(true);
      // pdfsig alone still calls both signatures valid: the change is only visible by comparing revisions.
      expect(pdfsig(tampered).signatures.map((s) => s.valid)).toEqual([true, true]);
      const r = await verifyPdf(tampered, { trustedRoots: roots });
      expect(r.verdict).toBe('invalid');
      for (const s of r.signatures) {
        expect(s.intact).toBe(true);
        expect(s.coversWholeFile).toBe(false);
        expect(s.changesAfter!.allowed).toBe(false);
        expect(s.changesAfter!.items).toContain('thêm 1 trang (trang 2)');
        expect(s.messages[0]).toContain('không được phép (thêm 1 trang (trang 2)');
      }
    });

    it('page content drawn after the head signed is refused, annotations are not', async () => {
      const doc = await PDFDocument.load(headSigned, { forIncrementalUpdate: true, updateMetadata: false });
      doc
        .getPage(0)
        .drawText('Sua noi dung', { font: await doc.embedFont(StandardFonts.Helvetica), x: 90, y: 100 });
      const edited = Buffer.from(await doc.save({ useObjectStreams: false }));
      const r = await verifyPdf(edited, { trustedRoots: roots });
      expect(r.verdict).toBe('invalid');
      expect(r.signatures[0]!.changesAfter!.items).toContain('nội dung trang 1 bị thay đổi');
    });

    it('random bytes, a truncated PDF and a PDF without signatures each get a clear sentence', async () => {
      const random = await verifyPdf(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)), {
        trustedRoots: roots,
      });
      expect(random.verdict).toBe('unreadable');
      expect(random.summary).toBe('Tệp này không phải là tệp PDF (không có phần đầu %PDF-).');
      const truncated = await verifyPdf(issued.subarray(0, Math.floor(issued.length / 2)), {
        trustedRoots: roots,
      });
      expect(truncated.verdict).toBe('unreadable');
      expect(truncated.summary).toContain('bị cắt cụt');
      const unsigned = await verifyPdf((await makeReportPdf()).pdf, { trustedRoots: roots });
      expect(unsigned.verdict).toBe('unsigned');
      expect(unsigned.summary).toBe('Tệp PDF không có chữ ký số nào.');
    });

    it('an appendix issued as a separate file carries its number and ISO time top right, and is signed', async () => {
      const time = new Date('2026-02-05T02:30:00Z');
      const marked = await markAppendix((await makeReportPdf({ title: 'Phụ lục' })).pdf, {
        numberText: NUMBER,
        signingTime: time,
      });
      const text = execFileSync(
        'pdftotext',
        ['-f', '1', '-l', '1', '-x', '350', '-y', '0', '-W', '250', '-H', '60', '-', '-'],
        {
          input: marked,
        },
      ).toString();
      expect(text).toContain(NUMBER);
      expect(text).toContain('2026-02-05T09:30:00+07:00');
      const fonts = execFileSync('pdffonts', ['-'], { input: marked }).toString();
      // Liberation Serif (Times New Roman's metrics), embedded with a Unicode map. pdf-lib subsets the
      // font but does not tag its name (ABCDEF+), so pdffonts prints "sub no": the size shows it.
      expect(fonts).toMatch(/LiberationSerif-\d+\s+CID TrueType\s+Identity-H\s+yes (yes|no)\s+yes/);
      expect(marked.length - (await makeReportPdf({ title: 'Phụ lục' })).pdf.length).toBeLessThan(60_000);
      savePagePng(marked, 'signing-appendix-page1');
      const orgCert = pki.issue({ name: 'org-appendix', subject: organizationSubject });
      const signed = await signPdf(marked, softwareIdentity('pkcs12', orgCert.keyDer, orgCert.certDer, []), {
        name: 'Sở Khoa học và Công nghệ tỉnh Bắc Ninh',
        reason: 'Ban hành phụ lục',
        location: 'Bắc Ninh',
        signingTime: time,
      });
      expect(pdfsig(signed).signatures.map((s) => [s.valid, s.total])).toEqual([[true, true]]);
    });

    it('a PDF with a cross-reference stream is rewritten once before its first signature', async () => {
      const doc = await PDFDocument.load((await makeReportPdf()).pdf);
      const modern = Buffer.from(await doc.save({ useObjectStreams: true }));
      expect(modern.includes('/Type /XRef')).toBe(true);
      {
        const orgCert = pki.issue({ name: 'org-xref', subject: organizationSubject });
        const signed = await signPdf(
          modern,
          softwareIdentity('pkcs12', orgCert.keyDer, orgCert.certDer, []),
          {
            name: 'Sở KH&CN',
            reason: 'Thử',
            location: 'Bắc Ninh',
            signingTime: new Date(),
          },
        );
        expect(pdfsig(signed).signatures.map((s) => [s.valid, s.total])).toEqual([[true, true]]);
      }
    });
  },
);
