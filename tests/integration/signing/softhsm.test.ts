import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAsHead } from '../../../electron/services/signing/documentSigning.ts';
import { createPkcs11Client } from '../../../electron/services/signing/pkcs11/client.ts';
import { verifyPdf } from '../../../electron/services/signing/verify/verifyPdf.ts';
import type { IdentitySummary } from '../../../shared/api/signing.ts';
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
import {
  SOFTHSM_MODULE,
  createSoftToken,
  softHsmMissing,
  type SoftToken,
} from '../../support/signing/softhsm.ts';
import { makeReportPdf } from '../../support/signing/testPdf.ts';
import { createTestPki, headSubject, type TestPki } from '../../support/signing/testPki.ts';

const missing = softHsmMissing() ?? (has('pdfsig') ? null : 'pdfsig không có trên máy (gói poppler-utils)');
if (missing) console.warn(`Bỏ qua kiểm thử USB token (SoftHSM2): ${missing}`);

describe.skipIf(missing !== null)("a PKCS#11 token (SoftHSM2) as the head's identity", () => {
  let pki: TestPki;
  let token: SoftToken;
  let dept: Department;
  let head: Awaited<ReturnType<typeof loginAs>>;
  let headId: string;
  const PIN = '246810';

  beforeAll(async () => {
    pki = createTestPki();
    token = createSoftToken({ label: 'Token Thủy Tiên', pin: PIN });
    const rsa = pki.issue({ name: 'token-rsa', subject: headSubject });
    const ec = pki.issue({ name: 'token-ec', subject: headSubject, key: 'p256' });
    token.importKey(rsa.keyDer, rsa.certDer, 'a1', 'Chữ ký số Nguyễn Thị Thủy Tiên');
    token.importKey(ec.keyDer, ec.certDer, 'b2', 'Khóa ECDSA');
    dept = await setUpDepartment();
    headId = (
      await createUser(dept, {
        username: 'tien.nt',
        fullName: 'Nguyễn Thị Thủy Tiên',
        roles: ['lanh_dao'],
        title: 'Giám đốc',
        signingAuthority: 'GIÁM ĐỐC',
        password: 'MatKhau-LanhDao',
      })
    ).id;
    head = await loginAs(dept, 'tien.nt', 'MatKhau-LanhDao');
  }, 60_000);
  afterAll(() => {
    dept?.services.close();
    token?.remove();
    pki?.cleanup();
  });

  it('lists the tokens of a PKCS#11 library and the certificates on one, Vietnamese names intact', async () => {
    const tokens = expectOk<{ label: string; serialNumber: string; manufacturer: string }[]>(
      await head.call('signing.tokens', { library: SOFTHSM_MODULE }),
    );
    expect(tokens).toEqual([
      expect.objectContaining({
        label: 'Token Thủy Tiên',
        serialNumber: token.serial,
        manufacturer: 'SoftHSM project',
      }),
    ]);
    const certs = expectOk<
      { id: string; label: string; certificate: { commonName: string }; refusal: null }[]
    >(await head.call('signing.tokenCertificates', { library: SOFTHSM_MODULE, tokenSerial: token.serial }));
    expect(certs.map((c) => [c.id, c.label, c.certificate.commonName, c.refusal])).toEqual([
      ['a1', 'Chữ ký số Nguyễn Thị Thủy Tiên', 'Nguyễn Thị Thủy Tiên', null],
      ['b2', 'Khóa ECDSA', 'Nguyễn Thị Thủy Tiên', null],
    ]);
  });

  it('a wrong library path or an absent token gets its own message and changes nothing', async () => {
    const before = dumpTables(dept.services.db);
    const lib = expectError(
      await head.call('signing.tokens', { library: '/khong/co/thu-vien.so' }),
      'NOT_FOUND',
    );
    expect(lib.message).toContain('Không tìm thấy thư viện PKCS#11 tại "/khong/co/thu-vien.so"');
    const notLib = expectError(await head.call('signing.tokens', { library: '/etc/hostname' }), 'VALIDATION');
    expect(notLib.message).toContain('không phải thư viện PKCS#11');
    const absent = expectError(
      await head.call('signing.useToken', {
        library: SOFTHSM_MODULE,
        tokenSerial: 'khongco',
        certificateId: 'a1',
      }),
      'NOT_FOUND',
    );
    expect(absent.message).toContain('Hãy cắm USB token vào máy');
    for (const m of [lib.message, notLib.message, absent.message]) expectVietnamese(m);
    expect(dumpTables(dept.services.db)).toEqual(before);
  });

  for (const certificateId of ['a1', 'b2']) {
    it(`signs with the token (${certificateId === 'a1' ? 'RSA, CKM_SHA256_RSA_PKCS' : 'ECDSA P-256, CKM_ECDSA'}): pdfsig and our verifier accept it`, async () => {
      const id = expectOk<IdentitySummary>(
        await head.call('signing.useToken', {
          library: SOFTHSM_MODULE,
          tokenSerial: token.serial,
          certificateId,
        }),
      );
      expect(id.kind).toBe('pkcs11');
      expect(id.token).toEqual({ library: SOFTHSM_MODULE, serial: token.serial, label: 'Token Thủy Tiên' });
      const draft = await makeReportPdf();
      const signed = await signAsHead(dept.services.signing, {
        pdf: draft.pdf,
        userId: headId,
        secret: { pin: PIN },
        fields: draft.fields,
        info: {
          name: 'Nguyễn Thị Thủy Tiên',
          reason: 'Phê duyệt',
          location: 'Bắc Ninh',
          signingTime: new Date(),
        },
      });
      const sig = pdfsig(signed);
      expect(
        sig.signatures.map((s) => [s.commonName, s.valid, s.total]),
        sig.raw,
      ).toEqual([['Nguyễn Thị Thủy Tiên', true, true]]);
      const r = await verifyPdf(signed, { trustedRoots: [pki.ca.certDer] });
      expect(r.verdict).toBe('valid');
    });
  }

  it('a wrong PIN says what the token reports about the tries left; the PIN is never logged or stored', async () => {
    const logs: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((m) =>
      vi
        .spyOn(console, m)
        .mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' '))),
    );
    try {
      const wrong = expectError(
        await head.call('signing.testSign', { pin: '999999' }),
        'INVALID_CREDENTIALS',
      );
      expect(wrong.message).toMatch(/^Mã PIN không đúng\. /);
      // SoftHSM2 raises CKF_USER_PIN_COUNT_LOW after a failed login (it never locks).
      expect(wrong.message).toContain('số lần thử còn lại đã thấp');
      const tokens = expectOk<{ pinStatus: string | null }[]>(
        await head.call('signing.tokens', { library: SOFTHSM_MODULE }),
      );
      expect(tokens[0]!.pinStatus).toContain('số lần thử còn lại đã thấp');
      const right = expectOk<{ message: string }>(await head.call('signing.testSign', { pin: PIN }));
      expect(right.message).toMatch(/^Ký thử thành công/);
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(logs.join('\n')).not.toContain('999999');
    expect(logs.join('\n')).not.toContain(PIN);
    expect(dept.services.db.serialize().includes(Buffer.from(PIN))).toBe(false);
  });

  it('a driver call over its time limit is stopped with a message, and the next call works', async () => {
    const client = createPkcs11Client({ timeoutMs: 1 });
    await expect(client.listTokens(SOFTHSM_MODULE)).rejects.toThrow(
      /Thiết bị ký số không phản hồi sau 1 giây/,
    );
    client.dispose();
    const patient = createPkcs11Client({ timeoutMs: 30_000 });
    expect((await patient.listTokens(SOFTHSM_MODULE)).map((t) => t.serialNumber)).toEqual([token.serial]);
    patient.dispose();
  });
});
