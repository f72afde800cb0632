import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrialCertificate } from '../../../electron/services/signing/identities/trial.ts';
import { issueAsOrganization, signAsHead } from '../../../electron/services/signing/documentSigning.ts';
import { signCmsDetached } from '../../../electron/services/signing/crypto/cmsSigner.ts';
import { verifyPdf } from '../../../electron/services/signing/verify/verifyPdf.ts';
import type { IdentitySummary } from '../../../shared/api/signing.ts';
import type { VerificationReport } from '../../../shared/domain/signing/verification.ts';
import {
  createUser,
  dumpTables,
  expectError,
  expectOk,
  expectVietnamese,
  loginAs,
  setUpDepartment,
  type Department,
} from '../../unit/helpers/setup.ts';
import { has, pdfsig } from '../../support/signing/outsideTools.ts';
import { encodePng, sealPng, signaturePng } from '../../support/signing/testImages.ts';
import { makeReportPdf } from '../../support/signing/testPdf.ts';
import { createTestPki, headSubject, type TestPki } from '../../support/signing/testPki.ts';

const PASSWORD = 'Mật khẩu .p12 của tôi';
const b64 = (b: Buffer) => b.toString('base64');

describe.skipIf(!has('openssl') || !has('pdfsig'))(
  'signing identities, images and trusted roots, through the contract',
  () => {
    let pki: TestPki;
    let dept: Department;
    let head: Awaited<ReturnType<typeof loginAs>>;
    let headId: string;
    let clerk: Awaited<ReturnType<typeof loginAs>>;
    let p12: Buffer;
    let keyDer: Buffer;

    beforeAll(async () => {
      pki = createTestPki();
      const cert = pki.issue({ name: 'head', subject: headSubject });
      keyDer = cert.keyDer;
      p12 = pki.p12(cert, PASSWORD);
      dept = await setUpDepartment();
      const user = await createUser(dept, {
        username: 'tien.nt',
        fullName: 'Nguyễn Thị Thủy Tiên',
        roles: ['lanh_dao'],
        title: 'Giám đốc',
        signingAuthority: 'GIÁM ĐỐC',
        password: 'MatKhau-LanhDao',
      });
      headId = user.id;
      head = await loginAs(dept, 'tien.nt', 'MatKhau-LanhDao');
      await createUser(dept, {
        username: 'an.nv',
        fullName: 'Nguyễn Văn An',
        password: 'MatKhau-ChuyenVien',
      });
      clerk = await loginAs(dept, 'an.nv', 'MatKhau-ChuyenVien');
    }, 60_000);
    afterAll(() => {
      dept?.services.close();
      pki?.cleanup();
    });

    it('a .p12 with a wrong password is refused and changes nothing', async () => {
      const before = dumpTables(dept.services.db);
      const err = expectError(
        await head.call('signing.importP12', {
          fileName: 'chu-ky.p12',
          dataBase64: b64(p12),
          password: 'sai',
        }),
        'INVALID_CREDENTIALS',
      );
      expect(err.message).toBe('Mật khẩu của tệp .p12/.pfx không đúng.');
      expect(dumpTables(dept.services.db)).toEqual(before);
      const junk = expectError(
        await head.call('signing.importP12', {
          fileName: 'x.p12',
          dataBase64: b64(Buffer.from('không phải p12')),
          password: 'x',
        }),
        'VALIDATION',
      );
      expectVietnamese(junk.message);
    });

    it('a .p12 is imported: the Vietnamese name round-trips, and the key is stored only sealed', async () => {
      const id = expectOk<IdentitySummary>(
        await head.call('signing.importP12', {
          fileName: 'chu-ky.p12',
          dataBase64: b64(p12),
          password: PASSWORD,
        }),
      );
      expect(id.kind).toBe('pkcs12');
      expect(id.certificate.commonName).toBe('Nguyễn Thị Thủy Tiên');
      expect(id.certificate.subject).toBe(
        'CN=Nguyễn Thị Thủy Tiên, O=Sở Khoa học và Công nghệ tỉnh Bắc Ninh, ST=Bắc Ninh, C=VN',
      );
      expect(id.certificate.trial).toBe(false);
      expect(id.refusal).toBeNull();
      const profile = expectOk<{ identity: IdentitySummary }>(await head.call('signing.profile', {}));
      expect(profile.identity.certificate.sha256).toBe(id.certificate.sha256);

      // Neither the key nor the password is anywhere in the database file.
      const file = dept.services.db.serialize();
      // The tail of an RSA PKCS#8 is private (primes, CRT values); its head is the public modulus.
      expect(file.includes(keyDer.subarray(keyDer.length - 200, keyDer.length - 140)), 'key in db').toBe(
        false,
      );
      expect(file.includes(Buffer.from(PASSWORD)), 'password in db').toBe(false);
      const row = dept.services.db
        .prepare(
          'SELECT key_protection, substr(sealed_key, 1, 4) AS magic FROM signing_identities WHERE user_id = ?',
        )
        .get(headId) as { key_protection: string; magic: Buffer };
      expect(row.key_protection).toBe('passphrase');
      expect(row.magic.toString()).toBe('BCK1');
      // The schema itself refuses an unsealed key.
      expect(() =>
        dept.services.db
          .prepare('UPDATE signing_identities SET sealed_key = ? WHERE user_id = ?')
          .run(keyDer, headId),
      ).toThrow(/CHECK constraint/);
      const audit = JSON.stringify(
        dept.services.db.prepare("SELECT * FROM audit_log WHERE action LIKE 'signing.%'").all(),
      );
      expect(audit).toContain('signing.identity.set');
      expect(audit).not.toContain(PASSWORD);
    });

    it('opening the stored key needs its password each time; "Ký thử" signs and checks', async () => {
      const wrong = expectError(
        await head.call('signing.testSign', { password: 'không đúng' }),
        'INVALID_CREDENTIALS',
      );
      expect(wrong.message).toBe('Mật khẩu bảo vệ khóa ký không đúng.');
      expectError(await head.call('signing.testSign', {}), 'VALIDATION');
      const ok = expectOk<{ message: string }>(await head.call('signing.testSign', { password: PASSWORD }));
      expect(ok.message).toContain('chứng thư chưa được tin cậy');
    });

    it('certificates that may not sign are refused, each with its reason', async () => {
      const past = await createTrialCertificate({
        commonName: 'Hết Hạn',
        organization: 'Sở',
        now: new Date('2023-01-01'),
      });
      const future = await createTrialCertificate({
        commonName: 'Chưa Tới',
        organization: 'Sở',
        now: new Date(Date.now() + 30 * 86_400_000),
      });
      const cases: [Buffer, RegExp][] = [
        [pki.p12Of(past.keyPkcs8, past.certificate, 'x'), /đã hết hạn ngày \d{2}\/\d{2}\/2024/],
        [pki.p12Of(future.keyPkcs8, future.certificate, 'x'), /chưa có hiệu lực/],
        [
          pki.p12(pki.issue({ name: 'ku', subject: headSubject, keyUsage: 'keyEncipherment' }), 'x'),
          /không dùng để ký/,
        ],
        [
          pki.p12(pki.issue({ name: 'short', subject: headSubject, key: 'rsa1024' }), 'x'),
          /RSA 1024 bit quá ngắn/,
        ],
        [
          pki.p12(pki.issue({ name: 'p384', subject: headSubject, key: 'p384' }), 'x'),
          /ECDSA P-384 không được hỗ trợ/,
        ],
      ];
      const before = dumpTables(dept.services.db);
      for (const [file, reason] of cases) {
        const err = expectError(
          await clerk.call('signing.importP12', { fileName: 'x.p12', dataBase64: b64(file), password: 'x' }),
          'VALIDATION',
        );
        expect(err.message).toMatch(reason);
        expectVietnamese(err.message);
      }
      expect(dumpTables(dept.services.db)).toEqual(before);
    });

    it('a trial identity says "chỉ dùng thử" in the profile and in every verification', async () => {
      const id = expectOk<IdentitySummary>(
        await clerk.call('signing.createTrial', { password: 'thu-nghiem-123' }),
      );
      expect(id.kind).toBe('trial');
      expect(id.certificate.trial).toBe(true);
      expect(id.certificate.commonName).toBe('Nguyễn Văn An');
      expect(id.certificate.organization).toBe('Sở Khoa học và Công nghệ');
      expect(id.certificate.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
      const signer = await dept.services.signing.openSigner(clerk.session.userId!, {
        password: 'thu-nghiem-123',
      });
      const p7s = await signCmsDetached(Buffer.from('x'), signer);
      await signer.close();
      const { verifyCmsDetached } = await import('../../../electron/services/signing/verify/verifyCms.ts');
      const r = await verifyCmsDetached(Buffer.from('x'), p7s, { trustedRoots: [] });
      expect(r.verdict).toBe('untrusted');
      expect(r.signatures[0]!.messages.join(' ')).toContain('chỉ dùng thử');
    });

    it('signature and seal images are checked: PNG, transparent, blue or red', async () => {
      const refuse = async (name: 'signing.setSignatureImage', png: Buffer, why: RegExp) => {
        const err = expectError(await head.call(name, { dataBase64: b64(png) }), 'VALIDATION');
        expect(err.message).toMatch(why);
      };
      await refuse(
        'signing.setSignatureImage',
        Buffer.from('GIF89a không phải PNG đâu, chỉ là chữ cho đủ dài 60 byte....'),
        /phải là tệp PNG/,
      );
      await refuse('signing.setSignatureImage', signaturePng([20, 40, 170], false), /nền trong suốt/);
      await refuse('signing.setSignatureImage', signaturePng([200, 20, 20]), /màu xanh/);
      await refuse(
        'signing.setSignatureImage',
        encodePng(4000, 10, new Uint8Array(4000 * 10 * 4)),
        /mỗi chiều/,
      );
      const ok = expectOk<{ width: number; height: number }>(
        await head.call('signing.setSignatureImage', { dataBase64: b64(signaturePng()) }),
      );
      expect([ok.width, ok.height]).toEqual([600, 240]);

      const blueSeal = expectError(
        await dept.call('signing.organization.setSeal', {
          dataBase64: b64(sealPng([20, 40, 170])),
          diameterMm: 36,
        }),
        'VALIDATION',
      );
      expect(blueSeal.message).toContain('màu đỏ');
      expectOk(
        await dept.call('signing.organization.setSeal', { dataBase64: b64(sealPng()), diameterMm: 38 }),
      );
      expectError(
        await head.call('signing.organization.setSeal', { dataBase64: b64(sealPng()), diameterMm: 38 }),
        'FORBIDDEN',
      );
    });

    it('trusted roots: only self-signed roots; "Kiểm tra chữ ký" uses them', async () => {
      const pdf = await signAsHead(dept.services.signing, {
        pdf: (await makeReportPdf()).pdf,
        userId: headId,
        secret: { password: PASSWORD },
        fields: (await makeReportPdf()).fields,
        info: {
          name: 'Nguyễn Thị Thủy Tiên',
          reason: 'Phê duyệt',
          location: 'Bắc Ninh',
          signingTime: new Date(),
        },
      });
      const check = async () =>
        expectOk<VerificationReport>(
          await clerk.call('signing.verify', { fileName: 'bao-cao.pdf', dataBase64: b64(pdf) }),
        );
      expect((await check()).verdict).toBe('untrusted');

      const leaf = pki.issue({ name: 'leaf-root', subject: headSubject });
      const notRoot = expectError(
        await dept.call('signing.trustedRoots.add', {
          fileName: 'la.pem',
          dataBase64: b64(Buffer.from(leaf.certPem)),
        }),
        'VALIDATION',
      );
      expect(notRoot.message).toContain('không phải chứng thư gốc');
      const roots = expectOk<{ sha256: string; subject: string }[]>(
        await dept.call('signing.trustedRoots.add', {
          fileName: 'goc.pem',
          dataBase64: b64(Buffer.from(pki.ca.certPem)),
        }),
      );
      expect(roots.map((r) => r.subject)).toEqual([
        'CN=CA Thử nghiệm Chữ ký số Chuyên dùng, O=Ban Cơ yếu Chính phủ (thử nghiệm), C=VN',
      ]);
      const trusted = await check();
      expect(trusted.verdict).toBe('valid');
      expect(trusted.signatures[0]!.signer!.commonName).toBe('Nguyễn Thị Thủy Tiên');
      expectError(
        await clerk.call('signing.trustedRoots.add', {
          fileName: 'goc.pem',
          dataBase64: b64(Buffer.from(pki.ca.certPem)),
        }),
        'FORBIDDEN',
      );
      expectOk(await dept.call('signing.trustedRoots.remove', { sha256: roots[0]!.sha256 }));
      expect((await check()).verdict).toBe('untrusted');
    });

    it('"Duyệt và ký" then "Ban hành" with stored identities: pdfsig finds two valid signatures', async () => {
      expectOk(await dept.call('signing.organization.createTrial', { password: 'van-thu-2026' }));
      const draft = await makeReportPdf();
      const signed = await signAsHead(dept.services.signing, {
        pdf: draft.pdf,
        userId: headId,
        secret: { password: PASSWORD },
        fields: draft.fields,
        info: {
          name: 'Nguyễn Thị Thủy Tiên',
          reason: 'Phê duyệt',
          location: 'Bắc Ninh',
          signingTime: new Date(),
        },
      });
      await expect(
        issueAsOrganization(dept.services.signing, {
          pdf: signed,
          fields: draft.fields,
          numberText: 'Số: 07/BC-SKHCN',
          dateText: 'Bắc Ninh, ngày 10 tháng 6 năm 2026',
          secret: { password: 'sai-mat-khau' },
          info: { name: 'Sở KH&CN', reason: 'Ban hành', location: 'Bắc Ninh', signingTime: new Date() },
        }),
      ).rejects.toThrow('Mật khẩu bảo vệ khóa ký không đúng.');
      const issued = await issueAsOrganization(dept.services.signing, {
        pdf: signed,
        fields: draft.fields,
        numberText: 'Số: 07/BC-SKHCN',
        dateText: 'Bắc Ninh, ngày 10 tháng 6 năm 2026',
        secret: { password: 'van-thu-2026' },
        info: {
          name: 'Sở Khoa học và Công nghệ',
          reason: 'Ban hành',
          location: 'Bắc Ninh',
          signingTime: new Date(),
        },
      });
      expect(pdfsig(issued).signatures.map((s) => [s.valid, s.total])).toEqual([
        [true, false],
        [true, true],
      ]);
      const r = await verifyPdf(issued, { trustedRoots: [pki.ca.certDer] });
      expect(r.signatures[0]!.status).toBe('valid');
      expect(r.signatures[1]!.status).toBe('untrusted');
      expect(r.signatures[1]!.messages.join(' ')).toContain('chỉ dùng thử');
      expect(r.signatures[0]!.changesAfter!.items).toContain('thêm hình "Dấu cơ quan" trên trang 1');
    });
  },
);
