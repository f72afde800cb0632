import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { softwareIdentity } from '../../electron/services/signing/identities/softwareKey.ts';
import { placeSignatureImage, stampIssue } from '../../electron/services/signing/pdf/issueMarks.ts';
import { signPdf } from '../../electron/services/signing/pdf/pdfSigner.ts';
import { sealPng, signaturePng } from '../support/signing/testImages.ts';
import { makeReportPdf } from '../support/signing/testPdf.ts';
import { createTestPki, headSubject, organizationSubject, type TestPki } from '../support/signing/testPki.ts';
import { completeSetup, openFromMenu } from './support/department.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

describe('Chữ ký số, chữ ký của cơ quan, kiểm tra chữ ký (Chromium)', () => {
  const env = useAppAndBrowser();
  let pki: TestPki;
  let files: string;
  let signedPdf: string;

  beforeAll(async () => {
    pki = createTestPki();
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-e2e-signing-'));
    const head = pki.issue({ name: 'head', subject: headSubject });
    fs.writeFileSync(path.join(files, 'thu-truong.p12'), pki.p12(head, 'mật khẩu ký 2026'));
    fs.writeFileSync(path.join(files, 'chu-ky.png'), signaturePng());
    fs.writeFileSync(path.join(files, 'con-dau.png'), sealPng());
    fs.writeFileSync(path.join(files, 'goc-ban-co-yeu.pem'), pki.ca.certPem);
    const org = pki.issue({ name: 'org', subject: organizationSubject, key: 'p256' });
    const draft = await makeReportPdf();
    let pdf = await placeSignatureImage(draft.pdf, { box: draft.fields.signature, image: signaturePng() });
    pdf = await signPdf(pdf, softwareIdentity('pkcs12', head.keyDer, head.certDer, [pki.ca.certDer]), {
      name: 'Nguyễn Thị Thủy Tiên',
      reason: 'Phê duyệt',
      location: 'Bắc Ninh',
      signingTime: new Date(),
    });
    pdf = await stampIssue(pdf, {
      fields: draft.fields,
      numberText: 'Số: 05/BC-SKHCN',
      dateText: 'Bắc Ninh, ngày 05 tháng 02 năm 2026',
      sealImage: sealPng(),
    });
    pdf = await signPdf(pdf, softwareIdentity('pkcs12', org.keyDer, org.certDer, [pki.ca.certDer]), {
      name: 'Sở Khoa học và Công nghệ',
      reason: 'Ban hành',
      location: 'Bắc Ninh',
      signingTime: new Date(),
    });
    signedPdf = path.join(files, 'bao-cao-da-ky.pdf');
    fs.writeFileSync(signedPdf, pdf);
  }, 60_000);
  afterAll(() => {
    fs.rmSync(files, { recursive: true, force: true });
    pki?.cleanup();
  });

  it('a user imports a .p12 and a signature image, tries signing; the admin sets the organisation up; a PDF is checked', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(env.app.url);
    await completeSetup(page, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });

    await openFromMenu(page, 'Chữ ký số');
    await page.getByRole('heading', { name: 'Chữ ký số', exact: true }).waitFor();
    const p12Form = page.getByRole('form', { name: 'Tệp .p12' });
    await p12Form.getByLabel('Tệp .p12/.pfx').setInputFiles(path.join(files, 'thu-truong.p12'));
    await p12Form.getByLabel('Mật khẩu của tệp').fill('sai mật khẩu');
    await p12Form.getByRole('button', { name: 'Nhập tệp .p12' }).click();
    await expect
      .poll(() => p12Form.getByRole('alert').textContent(), { timeout: 20_000 })
      .toBe('Mật khẩu của tệp .p12/.pfx không đúng.');
    await p12Form.getByLabel('Mật khẩu của tệp').fill('mật khẩu ký 2026');
    await p12Form.getByRole('button', { name: 'Nhập tệp .p12' }).click();
    const current = page.getByRole('region', { name: 'Chứng thư số đang dùng' });
    await expect
      .poll(() => current.textContent(), { timeout: 20_000 })
      .toContain('CN=Nguyễn Thị Thủy Tiên, O=Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
    expect(await current.textContent()).toContain('CA Thử nghiệm Chữ ký số Chuyên dùng');

    await page.getByLabel('Tệp hình chữ ký (.png)').setInputFiles(path.join(files, 'chu-ky.png'));
    await page.getByText('Đã lưu hình chữ ký.').waitFor();
    await current.getByLabel('Mật khẩu bảo vệ khóa ký', { exact: true }).fill('mật khẩu ký 2026');
    await current.getByRole('button', { name: 'Ký thử' }).click();
    await page.getByText(/^Ký thử thành công/).waitFor();
    await page.screenshot({ path: screenshotPath('signing-profile'), fullPage: true });

    await openFromMenu(page, 'Chữ ký số của cơ quan');
    await page.getByRole('heading', { name: 'Chữ ký số của cơ quan' }).waitFor();
    const trial = page.getByRole('form', { name: 'Chữ ký dùng thử' });
    await trial.getByLabel(/Mật khẩu bảo vệ khóa ký/).fill('van-thu-thu-nghiem');
    await trial.getByRole('button', { name: 'Tạo chữ ký dùng thử' }).click();
    await page
      .getByRole('region', { name: 'Chứng thư số đang dùng' })
      .getByText('chỉ dùng thử')
      .first()
      .waitFor();
    await page.getByLabel('Đường kính con dấu (mm)').fill('38');
    await page.getByLabel('Tệp hình con dấu (.png)').setInputFiles(path.join(files, 'con-dau.png'));
    await page.getByText('Đã lưu hình con dấu (38 mm).').waitFor();
    await page.getByLabel('Thêm chứng thư gốc').setInputFiles(path.join(files, 'goc-ban-co-yeu.pem'));
    await page.getByRole('cell', { name: /CA Thử nghiệm Chữ ký số Chuyên dùng/ }).waitFor();
    await page.screenshot({ path: screenshotPath('signing-organization'), fullPage: true });

    await openFromMenu(page, 'Kiểm tra chữ ký');
    await page.getByLabel('Tệp cần kiểm tra').setInputFiles(signedPdf);
    const result = page.getByRole('region', { name: 'Kết quả kiểm tra' });
    await expect
      .poll(() => result.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Tệp bao-cao-da-ky.pdf có 2 chữ ký số, tất cả hợp lệ.');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Chữ ký 1 (bao-cao-da-ky.pdf): Hợp lệ');
    expect(text).toContain('Nguyễn Thị Thủy Tiên');
    expect(text).toContain('thêm chú thích chữ trên trang 1: "Số: 05/BC-SKHCN"');
    expect(text).toContain('Toàn bộ tệp');
    await page.screenshot({ path: screenshotPath('signing-verify'), fullPage: true });

    fs.writeFileSync(path.join(files, 'rac.pdf'), Buffer.from('không phải PDF'));
    await page.getByLabel('Tệp cần kiểm tra').setInputFiles(path.join(files, 'rac.pdf'));
    await expect
      .poll(() => result.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('Không nhận ra tệp rac.pdf');
    await page.close();
  });
});
