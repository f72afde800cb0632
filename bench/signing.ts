import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { signCmsDetached } from '../electron/services/signing/crypto/cmsSigner.ts';
import type { Identity } from '../electron/services/signing/identity.ts';
import { unpackP12 } from '../electron/services/signing/identities/pkcs12.ts';
import { softwareIdentity } from '../electron/services/signing/identities/softwareKey.ts';
import { signPdf } from '../electron/services/signing/pdf/pdfSigner.ts';
import { createPkcs11Client } from '../electron/services/signing/pkcs11/client.ts';
import { verifyCmsDetached } from '../electron/services/signing/verify/verifyCms.ts';
import { verifyPdf } from '../electron/services/signing/verify/verifyPdf.ts';
import { SOFTHSM_MODULE, createSoftToken, softHsmMissing } from '../tests/support/signing/softhsm.ts';
import { makeReportPdf } from '../tests/support/signing/testPdf.ts';
import { createTestPki, headSubject } from '../tests/support/signing/testPki.ts';
import { median } from './support.ts';

const RUNS = 15;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/**
 * Signing and verifying with a .p12 identity and a SoftHSM2 token, beside `openssl cms -sign` of
 * the same bytes in the same run (a process per signature, as a command-line tool is used).
 */
export async function signingBench(): Promise<string[]> {
  const pki = createTestPki();
  const lines: string[] = [];
  try {
    const cert = pki.issue({ name: 'bench', subject: headSubject });
    const p12 = unpackP12(pki.p12(cert, 'bench'), 'bench');
    const software = softwareIdentity('pkcs12', p12.keyPkcs8, p12.certificate, p12.chain);
    // A manifest-sized content: 4 KB of canonical JSON.
    const content = Buffer.from(
      JSON.stringify({ files: Array.from({ length: 40 }, (_, i) => ({ i, sha256: 'a'.repeat(64) })) }),
    );
    const contentFile = path.join(pki.dir, 'manifest.json');
    fs.writeFileSync(contentFile, content);
    const { pdf } = await makeReportPdf({ pages: 3 });

    const cmsP12 = await time(() => signCmsDetached(content, software));
    const openssl = await time(() =>
      execFileSync('openssl', [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-md',
        'sha256',
        '-signer',
        cert.certPath,
        '-inkey',
        cert.keyPath,
        '-in',
        contentFile,
        '-out',
        path.join(pki.dir, 'o.p7s'),
      ]),
    );
    const p7s = await signCmsDetached(content, software);
    const verifyCms = await time(() => verifyCmsDetached(content, p7s, { trustedRoots: [pki.ca.certDer] }));
    const pdfP12 = await time(() =>
      signPdf(pdf, software, {
        name: 'Bench',
        reason: 'Bench',
        location: 'Bắc Ninh',
        signingTime: new Date(),
      }),
    );
    const signed = await signPdf(pdf, software, {
      name: 'Bench',
      reason: 'Bench',
      location: 'Bắc Ninh',
      signingTime: new Date(),
    });
    const verifyOne = await time(() => verifyPdf(signed, { trustedRoots: [pki.ca.certDer] }));
    lines.push(
      `CMS tách rời (4 KB), khóa .p12 RSA 2048: ${ms(cmsP12)}; openssl cms -sign cùng dữ liệu: ${ms(openssl)} (tỉ lệ ${(cmsP12 / openssl).toFixed(2)})`,
      `Kiểm tra CMS tách rời: ${ms(verifyCms)}`,
      `Ký PDF 3 trang (${Math.round(pdf.length / 1024)} KB) bằng .p12: ${ms(pdfP12)}; kiểm tra PDF 1 chữ ký: ${ms(verifyOne)}`,
    );

    const missing = softHsmMissing();
    if (missing) {
      lines.push(`USB token (SoftHSM2): bỏ qua — ${missing}`);
    } else {
      const token = createSoftToken({ pin: '1234' });
      const client = createPkcs11Client();
      try {
        token.importKey(cert.keyDer, cert.certDer, '01', 'bench');
        const tokenIdentity: Identity = {
          kind: 'pkcs11',
          certificate: cert.certDer,
          chain: [],
          signRaw: (tbs) => client.sign(SOFTHSM_MODULE, token.serial, '01', '1234', tbs),
          close: async () => undefined,
        };
        const cmsToken = await time(() => signCmsDetached(content, tokenIdentity));
        const pdfToken = await time(() =>
          signPdf(pdf, tokenIdentity, {
            name: 'Bench',
            reason: 'Bench',
            location: 'Bắc Ninh',
            signingTime: new Date(),
          }),
        );
        lines.push(
          `CMS tách rời bằng USB token SoftHSM2 (mỗi lần: mở phiên, đăng nhập PIN, ký, đóng; qua tiến trình riêng): ${ms(cmsToken)}; so với openssl cms -sign: tỉ lệ ${(cmsToken / openssl).toFixed(2)}`,
          `Ký PDF 3 trang bằng USB token SoftHSM2: ${ms(pdfToken)}`,
        );
      } finally {
        client.dispose();
        token.remove();
      }
    }
  } finally {
    pki.cleanup();
  }
  return lines;
}
