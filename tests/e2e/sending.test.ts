import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  enrolmentCodeOf,
  officerDecision,
  startTestIntake,
  type TestIntake,
} from '../support/intakeServer.ts';
import { has, nssDbWith, pdfsig, savePagePng } from '../support/signing/outsideTools.ts';
import {
  createSoftToken,
  SOFTHSM_MODULE,
  softHsmMissing,
  type SoftToken,
} from '../support/signing/softhsm.ts';
import { signaturePng, sealPng } from '../support/signing/testImages.ts';
import { createTestPki, headSubject, organizationSubject, type TestPki } from '../support/signing/testPki.ts';
import { completeSetup, openFromMenu } from './support/department.ts';
import { addUser, apiFromPage, browserOf, expectInboxItem, HEAD, VAN_THU } from './support/people.ts';
import { createAndSubmitReport } from './support/report.ts';
import { screenshotPath, useAppAndBrowser } from './support/webApp.ts';

const PIN = '246810';
const ORG_PASSWORD = 'mật-khẩu-cơ-quan';
const RETURN_REASON = 'Chỉ tiêu 2 chưa khớp số liệu của Văn phòng UBND tỉnh.';

/**
 * The whole chain a department walks, in Chromium against `npm run web`, with a real USB-token
 * stand-in (SoftHSM) for the head, the cơ quan's .p12 for the văn thư, and the real intake server
 * of Sở KH&CN: sign, issue, send, receipt, and the Sở's "Trả lại" read by the clerk.
 */
describe.skipIf(softHsmMissing() !== null || !has('pdfsig'))(
  'Duyệt và ký bằng USB token, ban hành, gửi Sở KH&CN (Chromium)',
  () => {
    let pki: TestPki;
    let token: SoftToken;
    let intake: TestIntake;
    let enrolCode: string;
    // Before the app starts: `npm run web` inherits SOFTHSM2_CONF and sees the token.
    beforeAll(async () => {
      pki = createTestPki();
      token = createSoftToken({ label: 'Token Lê Văn Phó', pin: PIN });
      const head = pki.issue({ name: 'head', subject: headSubject });
      token.importKey(head.keyDer, head.certDer, 'a1', 'Chữ ký số Lê Văn Phó');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-e2e-intake-'));
      await admin(dataDir, 'trust-root', [pki.ca.certPath]);
      intake = await startTestIntake({ dataDir });
      enrolCode = enrolmentCodeOf(
        await admin(dataDir, 'add-org', [
          '--code',
          'SKHCN',
          '--name',
          'Sở Khoa học và Công nghệ',
          '--type',
          'so_khcn',
        ]),
      );
      await admin(dataDir, 'add-officer', ['--username', 'ntlan', '--name', 'Nguyễn Thị Lan']);
    }, 120_000);
    const env = useAppAndBrowser();
    afterAll(async () => {
      await intake?.close();
      token?.remove();
      pki?.cleanup();
    });

    it('the head signs with the token, the văn thư issues, the package reaches Sở KH&CN, which returns it', async () => {
      const context = await env.browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1366, height: 800 },
      });
      const adminPage = await context.newPage();
      await adminPage.goto(env.app.url);
      await completeSetup(adminPage, { name: 'Sở Khoa học và Công nghệ', type: 'so_khcn', abbr: 'SKHCN' });
      await addUser(adminPage, HEAD, ['Lãnh đạo', 'Chuyên viên'], {
        title: 'Phó Giám đốc',
        authority: 'KT. Giám đốc',
      });
      await addUser(adminPage, VAN_THU, ['Văn thư']);
      const org = pki.issue({ name: 'org', subject: organizationSubject });
      const imported = await apiFromPage(adminPage, 'signing.organization.importP12', {
        fileName: 'co-quan.p12',
        dataBase64: pki.p12(org, ORG_PASSWORD).toString('base64'),
        password: ORG_PASSWORD,
      });
      expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
      // The department trusts the same CA as Sở KH&CN (Ban Cơ yếu's root, in real life).
      const root = await apiFromPage(adminPage, 'signing.trustedRoots.add', {
        fileName: 'goc.pem',
        dataBase64: Buffer.from(pki.ca.certPem).toString('base64'),
      });
      expect(root.ok, JSON.stringify(root.error)).toBe(true);
      expect(
        (
          await apiFromPage(adminPage, 'signing.organization.setSeal', {
            dataBase64: sealPng().toString('base64'),
            diameterMm: 36,
          })
        ).ok,
      ).toBe(true);

      // "Kết nối Sở KH&CN": the admin enrols this PC with the code the Sở gave.
      await openFromMenu(adminPage, 'Gửi Sở KH&CN');
      const enrol = adminPage.getByRole('form', { name: 'Đăng ký máy này với Sở KH&CN' });
      await enrol.getByLabel('Địa chỉ máy chủ Sở KH&CN').fill(intake.url);
      await enrol.getByLabel('Mã đăng ký').fill('AAAA-BBBB-CCCC');
      await enrol.getByRole('button', { name: 'Đăng ký máy này' }).click();
      await expect
        .poll(() => enrol.getByRole('alert').textContent(), { timeout: 20_000 })
        .toMatch(/mã đăng ký/i);
      await enrol.getByLabel('Mã đăng ký').fill(enrolCode);
      await enrol.getByRole('button', { name: 'Đăng ký máy này' }).click();
      await expect
        .poll(() => adminPage.getByTestId('connection').textContent(), { timeout: 20_000 })
        .toContain('Sở Khoa học và Công nghệ (mã SKHCN)');
      await adminPage.screenshot({ path: screenshotPath('sending-connection') });

      // The head chooses the token's certificate and a signature image (their own "Chữ ký số").
      const head = await browserOf(env.browser, env.app.url, HEAD);
      const chosen = await apiFromPage(head, 'signing.useToken', {
        library: SOFTHSM_MODULE,
        tokenSerial: token.serial,
        certificateId: 'a1',
      });
      expect(chosen.ok, JSON.stringify(chosen.error)).toBe(true);
      expect(
        (
          await apiFromPage(head, 'signing.setSignatureImage', {
            dataBase64: signaturePng().toString('base64'),
          })
        ).ok,
      ).toBe(true);

      // The clerk (the admin of this small department is also a chuyên viên) drafts and submits.
      const clerk = adminPage;
      const { id, reportUrl } = await createAndSubmitReport(clerk);

      // The head reads the very PDF they sign, types the token's PIN, signs.
      await head.reload();
      await (await expectInboxItem(head, 'Chờ duyệt và ký')).getByRole('link').click();
      await head.getByTestId('signing-pdf').waitFor({ timeout: 60_000 });
      await head.locator('canvas').first().waitFor();
      const approve = head.getByRole('button', { name: 'Duyệt và ký' });
      expect(await approve.isDisabled()).toBe(true);
      await head.getByLabel('Mã PIN của USB token').fill('000000');
      await approve.click();
      await expect
        .poll(() => head.getByRole('alert').first().textContent(), { timeout: 30_000 })
        .toMatch(/PIN/);
      await head.getByLabel('Mã PIN của USB token').fill(PIN);
      await head.screenshot({ path: screenshotPath('sending-review-pin') });
      await approve.click();
      await head.getByTestId('workflow-panel').waitFor({ timeout: 60_000 });
      await expect.poll(() => head.getByTestId('document-status').textContent()).toBe('Đã duyệt');

      // The văn thư issues with the cơ quan's key: number, date, seal, signature; sent at once.
      const vanThu = await browserOf(env.browser, env.app.url, VAN_THU);
      await (await expectInboxItem(vanThu, 'Chờ cấp số, ban hành')).getByRole('link').click();
      await expect.poll(() => vanThu.getByTestId('proposed-number').textContent()).toBe('Số: 01/BC-SKHCN');
      await vanThu.getByLabel('Mật khẩu khóa ký').fill(ORG_PASSWORD);
      await vanThu.screenshot({ path: screenshotPath('sending-issue') });
      await vanThu.getByRole('button', { name: 'Ban hành' }).click();
      await vanThu.getByText(/^Đã ban hành: Số 01\/BC-SKHCN/).waitFor({ timeout: 90_000 });

      await openFromMenu(vanThu, 'Gửi Sở KH&CN');
      const row = vanThu.getByTestId('outbox-item').first();
      await expect
        .poll(() => row.getByTestId('send-state').textContent(), { timeout: 60_000 })
        .toMatch(/^Đã gửi, có biên nhận lúc /);
      expect(await row.getByTestId('remote-status').textContent()).toBe('Sở KH&CN đã nhận, chưa xem xét');
      await vanThu.screenshot({ path: screenshotPath('sending-outbox') });

      // The signed PDF: the head's signature (token) and the cơ quan's, both valid and trusted.
      const view = await apiFromPage(vanThu, 'workflow.get', { id });
      const issue = (
        view.value as {
          issues: { id: string; packageId: string; files: { role: string; sha256: string }[] }[];
        }
      ).issues[0]!;
      const pdfFile = await apiFromPage(vanThu, 'documents.issuedFile', {
        issueId: issue.id,
        sha256: issue.files.find((f) => f.role === 'pdf')!.sha256,
      });
      const pdf = Buffer.from((pdfFile.value as { dataBase64: string }).dataBase64, 'base64');
      savePagePng(pdf, 'sending-signed-pdf');
      const nss = has('certutil') ? nssDbWith(pki.ca.certPath) : null;
      try {
        const sigs = pdfsig(pdf, nss?.dir).signatures;
        expect(sigs).toHaveLength(2);
        expect(sigs.every((x) => x.valid)).toBe(true);
        expect(sigs[0]!.commonName).toBe('Nguyễn Thị Thủy Tiên');
        if (nss) expect(sigs.every((x) => x.trusted)).toBe(true);
      } finally {
        nss?.remove();
      }
      // Where ND30 puts them: the signature image and the seal over the signer's block.
      const pdfPath = path.join(os.tmpdir(), `baocao-e2e-signed-${process.pid}.pdf`);
      fs.writeFileSync(pdfPath, pdf);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath]).toString())![1]);
      const signerPage = Array.from({ length: pages }, (_, n) => n + 1).find((n) =>
        execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdfPath, '-'])
          .toString()
          .includes('Nơi nhận'),
      )!;
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        String(signerPage),
        '-l',
        String(signerPage),
        '-singlefile',
        pdfPath,
        screenshotPath('sending-signed-pdf-signer').replace(/\.png$/, ''),
      ]);

      // "Kiểm tra chữ ký" in the app says who signed.
      await openFromMenu(vanThu, 'Kiểm tra chữ ký');
      await vanThu.getByLabel('Tệp cần kiểm tra').setInputFiles(pdfPath);
      const result = vanThu.getByRole('region', { name: 'Kết quả kiểm tra' });
      await expect.poll(() => result.getByRole('status').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await vanThu.screenshot({ path: screenshotPath('sending-verify'), fullPage: true });
      expect(await result.getByRole('status').textContent()).toMatch(/có 2 chữ ký số, tất cả hợp lệ/);
      const checked = (await result.textContent()) ?? '';
      expect(checked).toContain('Nguyễn Thị Thủy Tiên');
      expect(checked).toContain('Sở Khoa học và Công nghệ tỉnh Bắc Ninh');
      fs.rmSync(pdfPath, { force: true });

      // Sở KH&CN returns it; the clerk sees the reason beside the issued document.
      await officerDecision(intake.url, issue.packageId, 'returned', RETURN_REASON);
      await openFromMenu(clerk, 'Gửi Sở KH&CN');
      await clerk.getByRole('button', { name: 'Cập nhật tình trạng từ Sở' }).click();
      await expect
        .poll(() => clerk.getByTestId('remote-status').first().textContent(), { timeout: 20_000 })
        .toBe(`Sở KH&CN trả lại: ${RETURN_REASON}`);
      await clerk.goto(reportUrl);
      await expect
        .poll(() => clerk.getByTestId('so-status').first().textContent(), { timeout: 20_000 })
        .toBe(`Sở KH&CN trả lại: ${RETURN_REASON}`);
      await clerk.screenshot({ path: screenshotPath('sending-returned') });
    }, 240_000);
  },
);
