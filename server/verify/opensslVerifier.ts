import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCertificate } from '../../electron/services/receipts/certificates.ts';
import type { PackageVerifier, PackageVerifyInput, PackageVerifyResult } from './packageVerifier.ts';

/**
 * A PackageVerifier that lets OpenSSL (`openssl cms -verify`) judge every signature: the manifest's
 * CMS detached signature, and each PAdES signature of the PDF (the bytes its /ByteRange covers,
 * checked against the CMS in its /Contents). Chains must end at a trusted root. It stands in until
 * the signing module's verifyCmsDetached/verifyPdf are wired in defaultVerifier.ts, and it is the
 * outside check the tests use.
 */

const TIME_LIMIT_MS = 20_000;

function openssl(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('openssl', args, { timeout: TIME_LIMIT_MS, maxBuffer: 1024 * 1024 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stderr: String(stderr) });
    });
  });
}

interface PdfSignature {
  signedBytes: Buffer;
  cms: Buffer;
  coversWholeFile: boolean;
}

/** Length of the DER value at the start of `b` (the /Contents hex is padded with zeros). */
function derLength(b: Buffer): number | null {
  if (b.length < 2 || b[0] !== 0x30) return null;
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len <= b.length ? 2 + n + len : null;
}

/** Every signature of the PDF by its /ByteRange; null when one is malformed. */
export function pdfSignatures(pdf: Buffer): PdfSignature[] | null {
  const text = pdf.toString('latin1');
  const found: PdfSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return null;
    const gap = text.slice(b, c);
    const hex = /^<([0-9A-Fa-f]+)>$/.exec(gap);
    if (!hex || hex[1]!.length % 2 !== 0) return null;
    const padded = Buffer.from(hex[1]!, 'hex');
    const len = derLength(padded);
    if (len === null) return null;
    found.push({
      signedBytes: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
      cms: padded.subarray(0, len),
      coversWholeFile: c + d === pdf.length,
    });
  }
  return found;
}

export function createOpensslVerifier(): PackageVerifier {
  return {
    async verifyPackage(input: PackageVerifyInput): Promise<PackageVerifyResult> {
      const problems: string[] = [];
      if (input.trustedRoots.length === 0) {
        return {
          ok: false,
          signerCertificate: null,
          problems: ['Máy chủ chưa có chứng thư gốc tin cậy nào; quản trị viên cần chạy trust-root'],
        };
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-verify-'));
      try {
        const roots = path.join(dir, 'roots.pem');
        fs.writeFileSync(roots, input.trustedRoots.map((r) => readCertificate(r).pem).join('\n'));
        const verify = async (cms: Uint8Array, content: Uint8Array, name: string, signerOut?: string) => {
          fs.writeFileSync(path.join(dir, `${name}.p7s`), cms);
          fs.writeFileSync(path.join(dir, `${name}.bin`), content);
          const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, `${name}.p7s`)];
          args.push('-content', path.join(dir, `${name}.bin`), '-CAfile', roots, '-purpose', 'any');
          if (signerOut) args.push('-signer', signerOut);
          args.push('-out', path.join(dir, `${name}.out`));
          return openssl(args);
        };

        const signerFile = path.join(dir, 'signer.pem');
        const manifest = await verify(input.signature, input.manifestBytes, 'manifest', signerFile);
        let signerCertificate: Uint8Array | null = null;
        if (fs.existsSync(signerFile)) {
          try {
            signerCertificate = readCertificate(fs.readFileSync(signerFile)).der;
          } catch {
            signerCertificate = null;
          }
        }
        if (manifest.code !== 0) {
          problems.push(
            /digest failure|signature failure|content verify error/i.test(manifest.stderr)
              ? 'Chữ ký số của tệp kê khai không khớp nội dung: tệp kê khai đã bị sửa sau khi ký'
              : /certificate verify error|unable to get/i.test(manifest.stderr)
                ? 'Chứng thư ký tệp kê khai không do tổ chức được máy chủ tin cậy cấp'
                : 'Chữ ký số của tệp kê khai không hợp lệ hoặc không đọc được',
          );
        }

        const sigs = pdfSignatures(Buffer.from(input.pdf));
        if (sigs === null) problems.push('Chữ ký số trong tệp PDF có cấu trúc không hợp lệ');
        else if (sigs.length === 0) problems.push('Tệp PDF chưa có chữ ký số');
        else {
          for (const [i, s] of sigs.entries()) {
            const r = await verify(s.cms, s.signedBytes, `pdf-${i}`);
            if (r.code !== 0)
              problems.push(`Chữ ký số thứ ${i + 1} trong tệp PDF không hợp lệ hoặc không được tin cậy`);
          }
          if (!sigs.some((s) => s.coversWholeFile)) {
            problems.push('Tệp PDF đã bị thay đổi sau chữ ký số cuối cùng');
          }
        }
        return { ok: problems.length === 0 && signerCertificate !== null, signerCertificate, problems };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
